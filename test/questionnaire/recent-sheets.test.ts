import assert from 'node:assert/strict';
import { DomainError } from '../../bot/domain/errors';
import type { AuthenticatedUser } from '../../bot/domain/identity';
import type { Measure } from '../../bot/domain/answers/measure';
import type { OrganisationSheet, ResponseStore, Stores } from '../../bot/domain/ports';
import {
  createQuestionnaireService,
  type QuestionnaireService,
  type QuestionnaireVerb,
} from '../../bot/questionnaire';
import { RecentSheets } from '../../bot/questionnaire/recent-sheets';
import { changeSheet } from '../../bot/questionnaire/response-writer';
import { importRound } from '../../bot/rounds';
import { type Card, Verbs } from '../../cards';
import { createStores } from '../../storage';
import { AzureTableService } from '../../storage/azure-table';
import { MemoryTableService } from '../../storage/memory-table';
import type { TableService } from '../../storage/table';
import { wrappedTables } from '../helpers/wrapped-tables';
import { azuriteConnectionString, uniquePrefix } from '../helpers/azurite';
import { cardTexts } from '../helpers/card-check';
import {
  BEFORE_DEADLINE,
  fixtureRound,
  personalOrigin,
  user,
} from '../helpers/questionnaire-fixtures';

const ROUND = 'pohjois-savo-2025';
const IDS = { roundId: ROUND, organisationId: 'kuopio' };

const measure = (id: string): { value: Measure; etag: string } => ({
  value: { id, goalId: 'g', description: id } as unknown as Measure,
  etag: `e-${id}`,
});
const sheetOf = (...ids: string[]): OrganisationSheet => ({
  response: { value: { roundId: ROUND, organisationId: 'kuopio' } as never, etag: 'r' },
  measures: ids.map(measure),
});

describe('RecentSheets', () => {
  it('keeps a sheet for a minute, then reads as absent', () => {
    let now = 0;
    const recent = new RecentSheets({ now: () => new Date(now) });
    recent.put(IDS, sheetOf('a'));
    now = 59_999;
    assert.deepEqual(
      recent.get(IDS)?.measures.map((m) => m.value.id),
      ['a'],
    );
    now = 60_000;
    assert.equal(recent.get(IDS), undefined);
  });

  it('drops the oldest sheets when the measures kept pass the bound', () => {
    const recent = new RecentSheets({ now: () => new Date(0) }, 60_000, 3);
    const ids = (o: string) => ({ roundId: ROUND, organisationId: o });
    recent.put(ids('a'), sheetOf('1', '2'));
    recent.put(ids('b'), sheetOf('3'));
    recent.put(ids('a'), sheetOf('1', '2')); // seen again: now the newest
    recent.put(ids('c'), sheetOf('4'));
    assert.equal(recent.get(ids('b')), undefined);
    assert.ok(recent.get(ids('a')) && recent.get(ids('c')));
  });

  it('keeps no sheet without a response record (its first save always reads)', () => {
    const recent = new RecentSheets({ now: () => new Date(0) });
    recent.put(IDS, { response: undefined, measures: [measure('carried')] });
    assert.equal(recent.get(IDS), undefined);
  });

  it('hands out frozen sheets, so one turn cannot change what the next starts from', () => {
    const recent = new RecentSheets({ now: () => new Date(0) });
    const original = sheetOf('a');
    recent.put(IDS, original);
    original.measures.push(measure('b'));
    const kept = recent.get(IDS)!;
    assert.equal(kept.measures.length, 1);
    assert.throws(() => kept.measures.push(measure('c')), TypeError);
  });
});

describe('changeSheet on a sheet seen before', () => {
  /** A store whose reads return `fresh` and count themselves; writes succeed. */
  function store(fresh: OrganisationSheet) {
    const calls = { reads: 0, writes: 0 };
    const responses = {
      async getSheet() {
        calls.reads++;
        return fresh;
      },
      async writeSheet(_r: string, _o: string, write: { response: unknown }) {
        calls.writes++;
        return { response: { value: write.response, etag: 'new' } };
      },
    } as unknown as ResponseStore;
    return { responses, calls };
  }

  it('decides an answer that writes nothing on a fresh read, not on the guess', async () => {
    const recent = new RecentSheets({ now: () => new Date(0) });
    recent.put(IDS, sheetOf('old'));
    const { responses, calls } = store(sheetOf('old', 'new'));
    const answer = await changeSheet(
      responses,
      IDS,
      (s) => ({ answer: s.measures.map((m) => m.value.id).join(',') }),
      () => 'conflict',
      recent,
    );
    assert.equal(answer, 'old,new');
    assert.equal(calls.reads, 1);
  });

  it('refuses only what a fresh read refuses', async () => {
    const recent = new RecentSheets({ now: () => new Date(0) });
    recent.put(IDS, sheetOf('1', '2', '3'));
    const { responses, calls } = store(sheetOf('1'));
    // A limit of two measures: the guess is over it, storage is not.
    const step = (s: OrganisationSheet) => {
      if (s.measures.length > 2) throw new DomainError('MeasureLimit');
      return {
        write: { response: { roundId: ROUND, organisationId: 'kuopio' } },
        then: () => 'saved',
      } as never;
    };
    assert.equal(await changeSheet(responses, IDS, step, () => 'conflict', recent), 'saved');
    assert.deepEqual(calls, { reads: 1, writes: 1 });
  });
});

/** Counts partition reads of the responses table. */
function countingService(inner: TableService) {
  const counts = { queries: 0, transactions: 0 };
  const service = wrappedTables(inner, (name, t) => ({
    query: (pk, options) => {
      if (name === 'responses') counts.queries++;
      return t.query(pk, options);
    },
    transact: (pk, ops) => {
      if (name === 'responses') counts.transactions++;
      return t.transact(pk, ops);
    },
  }));
  return { service, counts };
}

for (const [name, makeService] of [
  ['the in-memory table', () => new MemoryTableService()],
  [
    'Azurite',
    () => new AzureTableService({ connectionString: azuriteConnectionString() }, uniquePrefix()),
  ],
] as const) {
  describe(`saves on a sheet seen before, two bot instances on ${name}`, () => {
    let stores: Stores;
    let counts: { queries: number; transactions: number };
    /** Two instances of the bot: each its own recent sheets, one storage. */
    let a: QuestionnaireService;
    let b: QuestionnaireService;
    const anna = user('anna');
    const ben = user('ben');

    beforeEach(async () => {
      const counting = countingService(makeService());
      counts = counting.counts;
      stores = createStores(counting.service);
      await stores.rounds.save(fixtureRound());
      let now = BEFORE_DEADLINE.getTime();
      const clock = { now: () => new Date(++now) };
      a = createQuestionnaireService({ ...stores, clock });
      b = createQuestionnaireService({ ...stores, clock });
    });

    const act = (
      on: QuestionnaireService,
      verb: QuestionnaireVerb,
      who: AuthenticatedUser,
      data: Record<string, unknown>,
    ) => on.verbs[verb](who, data, personalOrigin(who));
    const save = (on: QuestionnaireService, who: AuthenticatedUser, id: string, extra = {}) =>
      act(on, Verbs.measureSave, who, {
        goalId: 'terveyserot',
        measureId: id,
        description: `Toimenpide ${id}`,
        owner: 'Liikuntapalvelut',
        ...extra,
      });
    const saved = (card: Card) => cardTexts(card).includes('✓ Toimenpide tallennettu.');
    const stored = async () =>
      (await stores.responses.getSheet(ROUND, 'kuopio')).measures.map((m) => m.value);

    it('writes a save that follows the last one with one transaction and no read', async () => {
      assert.ok(saved(await save(a, anna, 'measure-1')));
      const before = { ...counts };
      const card = await save(a, anna, 'measure-2');
      assert.ok(saved(card));
      assert.deepEqual(
        {
          queries: counts.queries - before.queries,
          writes: counts.transactions - before.transactions,
        },
        { queries: 0, writes: 1 },
      );
      const texts = cardTexts(card).join(' | ');
      assert.match(texts, /Toimenpide measure-1/);
      assert.match(texts, /Toimenpide measure-2/);
    });

    it('reads again when another instance changed the sheet, and shows what is stored', async () => {
      assert.ok(saved(await save(a, anna, 'measure-1')));
      assert.ok(saved(await save(b, ben, 'measure-2')));
      const card = await save(a, anna, 'measure-3');
      assert.ok(saved(card));
      const texts = cardTexts(card).join(' | ');
      for (const id of ['measure-1', 'measure-2', 'measure-3'])
        assert.match(texts, new RegExp(`Toimenpide ${id}`), `${id} on the card`);
      assert.deepEqual((await stored()).map((m) => m.id).sort(), [
        'measure-1',
        'measure-2',
        'measure-3',
      ]);
    });

    it('reads again after a round import carried last year’s measures into the sheet', async () => {
      await stores.rounds.save(fixtureRound({ id: 'pohjois-savo-2024' }));
      assert.ok(saved(await save(a, anna, 'last-year', { roundId: 'pohjois-savo-2024' })));
      assert.ok(saved(await save(a, anna, 'measure-1', { roundId: ROUND })));
      // The round is imported again, now following up last year's: the measure is carried.
      const imported = await importRound(
        stores,
        fixtureRound({ previousRound: 'pohjois-savo-2024' }),
      );
      assert.equal(imported.carry?.carried, 1);
      const card = await save(a, anna, 'measure-2', { roundId: ROUND });
      assert.ok(saved(card));
      assert.match(
        cardTexts(card).join(' | '),
        /Toimenpide last-year/,
        'the carried measure is on the card',
      );
    });

    it('saves a form newer than what this instance saw, and refuses an edit of what another deleted', async () => {
      assert.ok(saved(await save(a, anna, 'measure-1')));
      // Ben edits it on the other instance; Anna's next form carries his version's ETag.
      const v1 = (await stores.responses.getSheet(ROUND, 'kuopio')).measures[0]!;
      assert.ok(saved(await save(b, ben, 'measure-1', { etag: v1.etag, owner: 'Ben' })));
      const v2 = (await stores.responses.getSheet(ROUND, 'kuopio')).measures[0]!;
      const card = await save(a, anna, 'measure-1', { etag: v2.etag, owner: 'Anna' });
      assert.ok(saved(card), cardTexts(card).join(' | '));
      assert.equal((await stored())[0]?.owner, 'Anna');

      // Ben deletes it on the other instance; Anna's instance still has it as she saved it.
      const v3 = (await stores.responses.getSheet(ROUND, 'kuopio')).measures[0]!;
      await act(b, Verbs.measureDelete, ben, {
        goalId: 'terveyserot',
        measureId: 'measure-1',
        confirm: true,
        etag: v3.etag,
      });
      const stale = await save(a, anna, 'measure-1', { etag: v3.etag, owner: 'Anna again' });
      assert.ok(!saved(stale), 'the edit of a deleted measure is not saved');
      assert.deepEqual(await stored(), []);
    });
  });
}
