import assert from 'node:assert/strict';
import { runCli } from '../bot/cli';
import type { Stores } from '../bot/domain/ports';
import { Round } from '../bot/domain/round';
import { parseRoundFile } from '../bot/domain/round-file';
import { readContactRows } from '../bot/domain/setup/contact-rows';
import { previewContacts } from '../bot/domain/setup/contacts-diff';
import { readContactFile } from '../bot/setup';
import { createStores } from '../storage';
import { AzureTableService } from '../storage/azure-table';
import { azuriteConnectionString, uniquePrefix } from './helpers/azurite';
import { blankMeasure } from './helpers/measure-fixtures';
import { AAD, fixtureRound } from './helpers/questionnaire-fixtures';
import { xlsxOf } from './helpers/setup-fixtures';

const HEADER = ['Organisaatio', 'Tunnus', 'Tyyppi', 'Kieli', 'Tenant', 'Vastaajat'];

describe('hyte round definition and contacts, and exports with drafts, on Azurite', () => {
  let stores: Stores;
  let files: Map<string, Buffer | string>;
  let out: string[];
  let err: string[];
  const cli = (...argv: string[]) => {
    out = [];
    err = [];
    return runCli(argv, {
      stores,
      timeZone: 'Europe/Helsinki',
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      readFile: async (p) => String(files.get(p) ?? assert.fail(`no file ${p}`)),
      readBytes: async (p) => {
        const f = files.get(p) ?? assert.fail(`no file ${p}`);
        return typeof f === 'string' ? Buffer.from(f) : f;
      },
      writeFile: async (p, data) =>
        void files.set(p, typeof data === 'string' ? data : Buffer.from(data)),
    });
  };

  beforeEach(() => {
    stores = createStores(
      new AzureTableService({ connectionString: azuriteConnectionString() }, uniquePrefix()),
    );
    files = new Map();
  });

  it('writes any round, one made in chat too, as a file that import reads back to the same round', async () => {
    const made = Round.parse({
      ...fixtureRound(),
      id: 'hyte-2026',
      setup: true,
      previousRound: 'pohjois-savo-2025',
      planPeriod: { from: 2025, to: 2029 },
      goals: [],
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    });
    await stores.rounds.save(fixtureRound());
    await stores.rounds.save(made);
    for (const round of [fixtureRound(), made]) {
      assert.equal(
        await cli('round', 'definition', round.id, '--out', `${round.id}.yaml`),
        0,
        err.join(),
      );
      const text = String(files.get(`${round.id}.yaml`));
      assert.deepEqual(parseRoundFile(text, 'x.yaml'), round);
      await stores.rounds.delete(round.id);
      assert.equal(await cli('round', 'import', `${round.id}.yaml`), 0, err.join());
      assert.deepEqual(await stores.rounds.get(round.id), round);
    }
    assert.equal(await cli('round', 'definition', 'hyte-2026'), 0);
    assert.match(out.join('\n'), /^setup: true$/m);
    assert.equal(await cli('round', 'definition', 'nothing'), 1);
    assert.match(err.join(), /round not found/);
  });

  it('says a round is in set-up in status --json and list', async () => {
    await stores.rounds.save(Round.parse({ ...fixtureRound(), setup: true }));
    assert.equal(await cli('round', 'status', 'pohjois-savo-2025', '--json'), 0);
    assert.equal(JSON.parse(out.join('\n')).setup, true);
    assert.equal(await cli('round', 'list'), 0);
    assert.match(out.join('\n'), /\(in set-up\)/);
  });

  it('writes the contact list, which reads back changing nothing, and applies an edited one', async () => {
    await stores.rounds.save(fixtureRound());
    await stores.responses.createMeasure('pohjois-savo-2025', 'mtr', {
      ...blankMeasure({ goalId: 'elintavat' }),
    });
    assert.equal(await cli('round', 'contacts', 'pohjois-savo-2025', '--out', 'c.xlsx'), 0);
    const written = files.get('c.xlsx') as Buffer;
    const list = readContactRows(await readContactFile(written, 'c.xlsx'), fixtureRound());
    assert.deepEqual(list.issues, []);
    assert.deepEqual(list.organisations, fixtureRound().organisations);
    const { preview } = previewContacts(fixtureRound().organisations, list, new Set());
    assert.equal(preview.unchanged, 4);

    files.set(
      'bad.xlsx',
      await xlsxOf([
        HEADER,
        ['Kuopion kaupunki', 'kuopio', 'kunta', 'fi', '', 'anna@kuopio.fi'],
        ['Iisalmi', '', 'kunta', 'fi', 'iisalmi', new Date('2026-01-01') as never],
      ]),
    );
    const before = await stores.rounds.read('pohjois-savo-2025');
    assert.equal(await cli('round', 'contacts', 'pohjois-savo-2025', '--in', 'bad.xlsx'), 1);
    assert.match(out.join('\n'), /Row 3, column E \(Tenant\): A tenant id must be a GUID/);
    assert.match(out.join('\n'), /Row 3, column F \(Vastaajat\): The cell holds a date/);
    assert.match(err.join(), /nothing changed/);
    assert.equal((await stores.rounds.read('pohjois-savo-2025'))?.etag, before?.etag);

    files.set(
      'good.csv',
      `Organisaatio;Tunnus;Vastaajat\r\nKuopion kaupunki;kuopio;"anna@kuopio.fi; ${AAD.ben}"\r\nIisalmen kaupunki;;hyte@iisalmi.fi\r\n`,
    );
    assert.equal(
      await cli(
        'round',
        'contacts',
        'pohjois-savo-2025',
        '--in',
        'good.csv',
        '--dry-run',
        '--lang',
        'fi',
      ),
      0,
    );
    assert.match(out.join('\n'), /1 lisätään · 0 muuttuu · 2 poistetaan · 1 ennallaan/);
    assert.match(out.join('\n'), /mtr \(Mielenterveysyhdistys ry\)/, 'kept: it has answers');
    assert.match(out.at(-1) ?? '', /dry run: nothing changed/);
    assert.equal((await stores.rounds.read('pohjois-savo-2025'))?.etag, before?.etag);
    assert.equal(await cli('round', 'contacts', 'pohjois-savo-2025', '--in', 'good.csv'), 0);
    assert.deepEqual(
      (await stores.rounds.get('pohjois-savo-2025'))?.organisations.map((o) => o.id),
      ['kuopio', 'iisalmen-kaupunki', 'mtr'],
    );
  });

  it('exports the koonti with drafts marked, on request', async () => {
    await stores.rounds.save(fixtureRound());
    await stores.responses.createMeasure(
      'pohjois-savo-2025',
      'kuopio',
      blankMeasure({ description: 'Keskeneräinen' }),
    );
    assert.equal(
      await cli('round', 'export', 'pohjois-savo-2025', '--format', 'md', '--out', 'k.md'),
      0,
    );
    assert.doesNotMatch(String(files.get('k.md')), /Keskeneräinen/);
    assert.equal(
      await cli(
        'round',
        'export',
        'pohjois-savo-2025',
        '--format',
        'md',
        '--out',
        'k.md',
        '--include-drafts',
      ),
      0,
    );
    assert.match(
      String(files.get('k.md')),
      /\*\*Kuopion kaupunki\*\* \(luonnos – ei lähetetty\): Keskeneräinen/,
    );
  });
});
