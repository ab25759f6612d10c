import assert from 'node:assert/strict';
import { FileRefusedError } from '../../bot/domain/setup/setup-errors';
import { readContactFile } from '../../bot/setup';
import { zipSizes } from '../../bot/setup/zip-sizes';
import { xlsxOf } from '../helpers/setup-fixtures';

const refusal = async (bytes: Uint8Array, name: string) => {
  try {
    await readContactFile(bytes, name);
  } catch (e) {
    return e instanceof FileRefusedError ? e.reason : String(e);
  }
  return 'read';
};
const texts = (rows: Awaited<ReturnType<typeof readContactFile>>) =>
  rows.map((r) => r.cells.map((c) => (c.kind === 'text' ? c.text : c.kind)));

describe('reading an attached contact list file', () => {
  it('reads an XLSX: mailto links as their text, formulas and dates as such, rows numbered as Excel numbers them', async () => {
    const rows = await readContactFile(
      await xlsxOf([
        ['Yhteystiedot 2026'],
        [],
        ['Organisaatio', 'Vastaajat'],
        ['Kuopio', { text: 'anna@kuopio.fi', hyperlink: 'mailto:anna@kuopio.fi' }],
        ['Iisalmi', { formula: 'B4', result: 'x' }],
        ['Varkaus', new Date('2026-01-01')],
      ]),
      'x.xlsx',
    );
    assert.deepEqual(
      rows.map((r) => r.row),
      [1, 3, 4, 5, 6],
    );
    assert.deepEqual(texts(rows).slice(1), [
      ['Organisaatio', 'Vastaajat'],
      ['Kuopio', 'anna@kuopio.fi'],
      ['Iisalmi', 'formula'],
      ['Varkaus', 'date'],
    ]);
  });

  it('reads CSV with ; or , or tabs, quoted fields, UTF-8 or Windows-1252 as older Excel saves it', async () => {
    const semicolons = await readContactFile(
      Buffer.from('\uFEFFOrganisaatio;Vastaajat\r\n"Kuopio; keskusta";"a@b.fi; c@d.fi"\r\n'),
      'x.csv',
    );
    assert.deepEqual(texts(semicolons), [
      ['Organisaatio', 'Vastaajat'],
      ['Kuopio; keskusta', 'a@b.fi; c@d.fi'],
    ]);
    const commas = await readContactFile(
      Buffer.from('name,respondents\nLarsmo,"x@y.fi\nz@y.fi"\nKuopio,a@b.fi\n'),
      'x.csv',
    );
    assert.deepEqual(
      commas.map((r) => r.row),
      [1, 2, 4],
    );
    const ansi = await readContactFile(
      Buffer.from('Organisaatio;Vastaajat\r\nSiilinjärvi;a@b.fi\r\n', 'latin1'),
      'x.csv',
    );
    assert.equal(texts(ansi)[1]?.[0], 'Siilinjärvi');
  });

  it('refuses what is no spreadsheet, and a workbook that would unpack to more than 64 MiB', async () => {
    assert.equal(
      await refusal(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), 'kuva.png'),
      'notSpreadsheet',
    );
    assert.equal(await refusal(Buffer.from('%PDF-1.7 …'), 'x.pdf'), 'notSpreadsheet');
    assert.equal(
      await refusal(Buffer.from('PK\u0003\u0004 not really a zip'), 'x.xlsx'),
      'notSpreadsheet',
    );
    const xlsx = Buffer.from(await xlsxOf([['Organisaatio'], ['Kuopio']]));
    const sizes = zipSizes(xlsx);
    assert.ok(sizes && sizes.entries > 3 && sizes.uncompressed > 0);
    // The same workbook, its central directory claiming one part unpacks to 100 MiB.
    const bomb = Buffer.from(xlsx);
    const central = bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bomb.writeUInt32LE(100 * 1024 * 1024, central + 24);
    assert.equal(await refusal(bomb, 'x.xlsx'), 'tooLarge');
  });
});
