import assert from 'node:assert/strict';
import { isDomainError } from '../../../bot/domain/errors';
import { Round } from '../../../bot/domain/round';
import { readContactRows } from '../../../bot/domain/setup/contact-rows';
import { previewContacts } from '../../../bot/domain/setup/contacts-diff';
import { FileRefusedError } from '../../../bot/domain/setup/setup-errors';
import { AAD, fixtureRound } from '../../helpers/questionnaire-fixtures';
import { sheetRows } from '../../helpers/setup-fixtures';

const HEADER = ['Organisaatio', 'Tunnus', 'Tyyppi', 'Kieli', 'Tenant', 'Vastaajat'];
const round = Round.parse({
  ...fixtureRound(),
  organisations: fixtureRound().organisations.map((o) =>
    o.id === 'pshva' ? { ...o, respondents: [{ email: 'hyte@pshva.fi' }] } : o,
  ),
});

const refusal = (rows: Parameters<typeof sheetRows>[0]) => {
  try {
    readContactRows(sheetRows(rows), round);
  } catch (e) {
    return e instanceof FileRefusedError ? e.reason : String(e);
  }
  return 'read';
};

describe('a contact list read against its round', () => {
  it('reads Finnish or English headers, below a title row, kinds and languages in words', () => {
    const list = readContactRows(
      sheetRows([
        ['Pohjois-Savon HYTE 2026 – yhteystiedot'],
        ['name', 'kind', 'language', 'respondents'],
        ['Kuopion kaupunki', 'Kunta', 'suomi', 'anna@kuopio.fi; ' + AAD.ben],
        ['Uusi yhdistys ry', 'järjestö', 'sv', 'Pia P <pia@yhdistys.fi>'],
      ]),
      round,
    );
    assert.deepEqual(list.issues, []);
    assert.deepEqual(
      list.organisations.map((o) => [o.id, o.kind, o.language, o.respondents.length]),
      [
        ['kuopio', 'municipality', 'fi', 2],
        ['uusi-yhdistys-ry', 'ngo', 'sv', 1],
      ],
    );
  });

  it('keeps what a missing column would say: an organisation named alike keeps its id and tenant', () => {
    const list = readContactRows(
      sheetRows([
        ['Organisaatio', 'Vastaajat'],
        ['larsmo kommun', 'siri@larsmo.fi'],
      ]),
      round,
    );
    assert.deepEqual(list.organisations[0], {
      id: 'larsmo',
      name: 'larsmo kommun',
      kind: 'municipality',
      language: 'sv',
      respondents: [{ email: 'siri@larsmo.fi' }],
    });
    assert.deepEqual(list.columns.sort(), ['name', 'respondents']);
  });

  it('names every bad cell by row, column and reason, and reads the good rows', () => {
    const list = readContactRows(
      sheetRows([
        HEADER,
        ['Kuopion kaupunki', 'kuopio', 'kunta', 'fi', '', 'anna@kuopio.fi'],
        [
          'Iisalmi',
          'iisalmi',
          'kaupunki',
          'fi',
          'iisalmi.onmicrosoft.com',
          'x@iisalmi.fi; x@iisalmi.fi',
        ],
        ['Varkaus', 'varkaus', 'kunta', 'fi', '', { kind: 'formula' }],
        ['Leppävirta', 'leppavirta', 'kunta', 'fi', '', { kind: 'date' }],
        ['Siilinjärvi', 'Kuopio', 'kunta', 'fi', '', 'ei osoite'],
        ['', 'tyhja', 'muu', 'fi', '', ''],
        [null, null, null],
      ]),
      round,
    );
    const issues = list.issues.map((i) => `${i.row} ${i.column} ${i.problem}`);
    assert.deepEqual(issues, [
      '3 C (Tyyppi) choice',
      '3 E (Tenant) tenant',
      '3 F (Vastaajat) duplicates',
      '4 F (Vastaajat) formula',
      '5 F (Vastaajat) dateCell',
      '6 B (Tunnus) duplicateId',
      '6 F (Vastaajat) emails',
      '7 A (Organisaatio) required',
    ]);
    assert.deepEqual(list.issues.find((i) => i.problem === 'emails')?.entries, ['ei', 'osoite']);
    assert.deepEqual(
      list.organisations.map((o) => o.id),
      ['kuopio'],
    );
  });

  it('refuses a sheet without the header, an empty one, and more than 1 000 organisations', () => {
    assert.equal(
      refusal([
        ['Nimi', 'Sähköposti'],
        ['Kuopio', 'a@b.fi'],
      ]),
      'noHeader',
    );
    assert.equal(refusal([[null], ['  ']]), 'empty');
    const rows = [HEADER, ...Array.from({ length: 10_000 }, (_, i) => [`Org ${i}`])];
    assert.equal(refusal(rows), 'tooManyRows');
    assert.ok(isDomainError(new FileRefusedError('empty'), 'FileRefused'));
  });

  it('previews what applying changes; organisations with answers stay', () => {
    const list = readContactRows(
      sheetRows([
        HEADER,
        ['Kuopion kaupunki', 'kuopio', 'kunta', 'fi', '', 'anna@kuopio.fi; uusi@kuopio.fi'],
        ['Pohjois-Savon hyvinvointialue', 'pshva', 'hyvinvointialue', 'fi', '', 'hyte@pshva.fi'],
        ['Iisalmen kaupunki', '', 'kunta', 'fi', '', 'hyte@iisalmi.fi'],
      ]),
      round,
    );
    const { preview, organisations } = previewContacts(round.organisations, list, new Set(['mtr']));
    assert.deepEqual(
      preview.added.map((o) => o.id),
      ['iisalmen-kaupunki'],
    );
    assert.deepEqual(
      preview.changed.map((c) => [c.id, c.fields, c.added.length, c.removed.length]),
      [['kuopio', [], 1, 1]],
    );
    assert.deepEqual(
      preview.removed.map((o) => o.id),
      ['larsmo'],
    );
    assert.deepEqual(
      preview.kept.map((o) => o.id),
      ['mtr'],
    );
    assert.equal(preview.unchanged, 1);
    assert.equal(preview.respondentsAdded, 2);
    assert.equal(preview.respondentsRemoved, 2);
    assert.deepEqual(
      organisations.map((o) => o.id),
      ['kuopio', 'pshva', 'iisalmen-kaupunki', 'mtr'],
    );
  });
});
