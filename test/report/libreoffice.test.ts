import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderReportCsv, renderReportXlsx } from '../../bot/report';
import { soffice } from '../helpers/libreoffice';
import { parseCsv } from './csv-reader';
import { HOSTILE_FIELDS, hostileSampleKoonti } from './fixtures';

/** LibreOffice's CSV export: `,`, `"`, UTF-8, from row 1, every sheet to its own file. */
const CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';

describe('exports as LibreOffice Calc reads them', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyte-lo-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('shows the XLSX with the same text as the CSV, every formula inert', async () => {
    const k = hostileSampleKoonti();
    const xlsx = path.join(dir, 'koonti.xlsx');
    fs.writeFileSync(xlsx, await renderReportXlsx(k, 'fi'));
    const csv = parseCsv(renderReportCsv(k, 'fi').slice(1));
    const home = path.join(dir, 'home');
    const out = path.join(dir, 'out');
    soffice(home, ['--convert-to', CSV_FILTER, '--outdir', out, xlsx]);
    soffice(home, ['--convert-to', 'fods', '--outdir', out, xlsx]);

    const shown = parseCsv(
      fs.readFileSync(path.join(out, 'koonti-Toimenpiteet.csv'), 'utf8'),
      '\n',
    );
    assert.equal(shown.length, k.totals.measures + 1);
    assert.deepEqual(shown, csv);
    const cells = shown.flat();
    for (const v of ['=HYPERLINK("http://evil")', '@cmd', '-2+3'])
      assert.ok(cells.includes(`'${v}`), v);
    assert.ok(cells.includes("Liikunta;'=1+1") && cells.includes("Kävely\t'+SUM(A1)"));
    assert.ok(cells.some((c) => c.includes('Äänekoski ja Öljymäki') && c.includes('_x0041_')));
    assert.ok(
      HOSTILE_FIELDS.slice(0, 4).every((v) => cells.includes(v)),
      'markup stays text',
    );

    const flat = fs.readFileSync(path.join(out, 'koonti.fods'), 'utf8');
    assert.doesNotMatch(flat, /table:formula=/, 'LibreOffice holds no formula');
    const totals = fs.readFileSync(path.join(out, 'koonti-Tavoitteet.csv'), 'utf8');
    assert.match(totals, /^Tavoite,Toimenpiteitä,Organisaatioita,/);
  });
});
