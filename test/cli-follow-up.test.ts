import assert from 'node:assert/strict';
import { runCli } from '../bot/cli';
import { Measure } from '../bot/domain/answers/measure';
import type { Stores } from '../bot/domain/ports';
import { importRound } from '../bot/rounds';
import { writeMeasure } from './helpers/sheet-writes';
import { parseRoundFile } from '../bot/domain/round-file';
import { TABLES, createStores } from '../storage';
import { AzureTableService } from '../storage/azure-table';
import type { TableService } from '../storage/table';
import { azuriteConnectionString, uniquePrefix } from './helpers/azurite';

const round = (
  id: string,
  extra: string,
  goals = ['terveyserot', 'elintavat'],
  orgs = ['kuopio', 'larsmo'],
) => `
id: ${id}
title: { fi: HYTE ${id} }
region: Pohjois-Savo
meetingAt: 2025-09-16T09:00:00+03:00
deadline: 2025-09-09T16:00:00+03:00
coordinators: [{ email: k@example.fi }]
goals: [${goals.map((g) => `{ id: ${g}, title: { fi: ${g} } }`).join(', ')}]
organisations: [${orgs.map((o) => `{ id: ${o}, name: ${o.toUpperCase()}, kind: municipality }`).join(', ')}]
${extra}`;

const FILES = new Map([
  ['2025.yaml', round('ps-2025', '')],
  [
    '2026.yaml',
    round(
      'ps-2026',
      'previousRound: ps-2025\nplanPeriod: { from: 2025, to: 2029 }',
      ['terveyserot', 'osallisuus'],
      ['kuopio', 'uusi'],
    ),
  ],
  ['missing.yaml', round('ps-2026', 'previousRound: ps-2019')],
  ['self.yaml', round('ps-2026', 'previousRound: ps-2026')],
  ['2025-cycle.yaml', round('ps-2025', 'previousRound: ps-2026')],
]);

let seq = 0;
function measure(goalId: string, over: Partial<Measure> = {}): Measure {
  seq++;
  return Measure.parse({
    id: `m-${String(seq).padStart(8, '0')}`,
    goalId,
    description: `Toimenpide ${seq}`,
    owner: 'Liikuntapalvelut',
    createdAt: new Date(Date.UTC(2025, 8, 1, 8, seq)).toISOString(),
    createdBy: 'Anna A',
    updatedAt: '2025-09-05T08:00:00.000Z',
    updatedBy: 'Anna A',
    ...over,
  });
}

/** Every entity of a round's answers, with its ETag and document: equal dumps, nothing written. */
async function dumpRound(tables: TableService, roundId: string): Promise<string> {
  const out: string[] = [];
  for await (const e of tables.table(TABLES.responses).scan({ partitionKeyPrefix: `${roundId}|` }))
    out.push(`${e.partitionKey}|${e.rowKey}|${e.etag}|${JSON.stringify(e.doc)}`);
  return out.sort().join('\n');
}

describe('hyte round import with previousRound, on Azurite', () => {
  let tables: TableService;
  let stores: Stores;
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
      readFile: async (p) => FILES.get(p) ?? assert.fail(`no file ${p}`),
    });
  };
  const last = { kuopio: [] as Measure[], larsmo: [] as Measure[] };

  beforeEach(async () => {
    tables = new AzureTableService({ connectionString: azuriteConnectionString() }, uniquePrefix());
    stores = createStores(tables);
    assert.equal(await cli('round', 'import', '2025.yaml'), 0);
    last.kuopio = [
      measure('terveyserot', { partners: ['larsmo'], metrics: 'Käynnit', plan: 'continue' }),
      measure('elintavat'),
      measure('terveyserot', { progress: 'dropped', progressNote: 'Loppui' }),
    ];
    last.larsmo = [measure('terveyserot')];
    for (const [org, list] of Object.entries(last))
      for (const m of list) await stores.responses.createMeasure('ps-2025', org, m);
    await stores.responses.saveResponse(
      {
        roundId: 'ps-2025',
        organisationId: 'kuopio',
        state: 'submitted',
        submittedAt: '2025-09-08T10:00:00.000Z',
        submittedBy: 'Anna A',
      },
      undefined,
    );
  });

  it('carries each organisation’s measures once, says what it carried and left, and never touches last year', async () => {
    const before = await dumpRound(tables, 'ps-2025');
    assert.equal(await cli('round', 'import', '2026.yaml'), 0, err.join('\n'));
    const text = out.join('\n');
    assert.match(text, /^imported ps-2026: 2 goals, 2 organisations$/m);
    assert.match(text, /^carried 2 measures from ps-2025$/m);
    assert.match(text, /^ {2}carried 2 measures into kuopio \(KUOPIO\)$/m);
    assert.match(text, /not in this round: larsmo \(LARSMO\), 1 measure left behind/);
    assert.match(text, /goal gone: kuopio measure c-\S+ under "elintavat"/);
    assert.match(
      text,
      new RegExp(`not carried: kuopio measure ${last.kuopio[2]!.id}, dropped in ps-2025`),
    );
    assert.doesNotMatch(text, /uusi/, 'a new organisation starts empty');

    const sheet = await stores.responses.getSheet('ps-2026', 'kuopio');
    const copies = sheet.measures
      .map((m) => m.value)
      .sort((a, b) => a.goalId.localeCompare(b.goalId));
    assert.deepEqual(
      copies.map((m) => [
        m.goalId,
        m.carriedFrom?.roundId,
        m.carriedFrom?.measureId,
        m.description,
      ]),
      [
        ['elintavat', 'ps-2025', last.kuopio[1]!.id, last.kuopio[1]!.description],
        ['terveyserot', 'ps-2025', last.kuopio[0]!.id, last.kuopio[0]!.description],
      ],
    );
    assert.deepEqual(copies[1]?.partners, ['larsmo']);
    assert.equal(sheet.response, undefined, 'carrying answers nothing for the organisation');
    assert.equal((await stores.responses.getSheet('ps-2026', 'uusi')).measures.length, 0);

    // A re-import copies nothing twice; a carried measure deleted this round stays deleted.
    const gone = copies[0]!;
    await writeMeasure(stores.responses, 'ps-2026', 'kuopio', { delete: gone.id });
    const kept = sheet.measures.find((m) => m.value.id === copies[1]!.id)!;
    await writeMeasure(stores.responses, 'ps-2026', 'kuopio', {
      replace: {
        ...kept.value,
        progress: 'ongoing',
        description: 'Laajennettu',
        updatedAt: '2026-08-02T08:00:00.000Z',
        updatedBy: 'Ben B',
      },
    });
    assert.equal(await cli('round', 'import', '2026.yaml'), 0, err.join('\n'));
    assert.match(out.join('\n'), /^updated ps-2026/m);
    assert.match(
      out.join('\n'),
      /^ {2}carried 0 measures into kuopio \(KUOPIO\), 2 carried before$/m,
    );
    const again = (await stores.responses.getSheet('ps-2026', 'kuopio')).measures.map(
      (m) => m.value,
    );
    assert.deepEqual(
      again.map((m) => [m.id, m.description, m.progress]),
      [[kept.value.id, 'Laajennettu', 'ongoing']],
    );

    assert.equal(
      await dumpRound(tables, 'ps-2025'),
      before,
      'last year’s partitions are unchanged',
    );
  });

  it('stores each copy once when two imports run at the same moment', async () => {
    const next = parseRoundFile(FILES.get('2026.yaml')!, '2026.yaml');
    const results = await Promise.all([
      importRound(stores, next),
      importRound(stores, next),
      importRound(stores, next),
    ]);
    assert.equal(
      results.reduce((n, r) => n + (r.carry?.carried ?? 0), 0),
      2,
    );
    assert.equal((await stores.responses.getSheet('ps-2026', 'kuopio')).measures.length, 2);
  });

  it('prints carried and carriedReviewed per organisation in the status JSON', async () => {
    await cli('round', 'import', '2026.yaml');
    const sheet = await stores.responses.getSheet('ps-2026', 'kuopio');
    const first = sheet.measures[0]!;
    await writeMeasure(stores.responses, 'ps-2026', 'kuopio', {
      replace: {
        ...first.value,
        progress: 'done',
        updatedAt: '2026-08-02T08:00:00.000Z',
        updatedBy: 'Ben B',
      },
    });
    assert.equal(await cli('round', 'status', 'ps-2026', '--json'), 0);
    const status = JSON.parse(out.join('\n')) as {
      organisations: Array<{
        id: string;
        state: string;
        measures: number;
        carried: number;
        carriedReviewed: number;
      }>;
    };
    const by = new Map(status.organisations.map((o) => [o.id, o]));
    assert.deepEqual(
      [by.get('kuopio')?.carried, by.get('kuopio')?.carriedReviewed, by.get('kuopio')?.measures],
      [2, 1, 2],
    );
    assert.equal(by.get('kuopio')?.state, 'draft');
    assert.deepEqual(
      [by.get('uusi')?.carried, by.get('uusi')?.carriedReviewed, by.get('uusi')?.state],
      [0, 0, 'not-reached'],
    );
  });

  it('refuses a previousRound that is not stored, the round itself or a cycle, naming the field', async () => {
    const before = await dumpRound(tables, 'ps-2025');
    assert.equal(await cli('round', 'import', 'missing.yaml'), 1);
    assert.match(
      err.join('\n'),
      /^previousRound: round "ps-2019" is not stored: import it first$/m,
    );
    assert.equal(await stores.rounds.get('ps-2026'), undefined, 'nothing stored');
    assert.equal(await cli('round', 'import', 'self.yaml'), 1);
    assert.match(err.join('\n'), /^previousRound: must not be the round itself$/m);
    assert.equal(await stores.rounds.get('ps-2026'), undefined);

    assert.equal(await cli('round', 'import', '2026.yaml'), 0);
    assert.equal(await cli('round', 'import', '2025-cycle.yaml'), 1);
    assert.match(err.join('\n'), /^previousRound: forms a cycle: ps-2025 → ps-2026 → ps-2025$/m);
    assert.equal(
      (await stores.rounds.get('ps-2025'))?.previousRound,
      undefined,
      'the stored round is kept',
    );
    assert.equal(await dumpRound(tables, 'ps-2025'), before);
  });
});
