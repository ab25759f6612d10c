import assert from 'node:assert/strict';
import { StorageUnavailableError } from '../../bot/domain/errors';
import type { Stores } from '../../bot/domain/ports';
import {
  createQuestionnaireService,
  type QuestionnaireService,
  type QuestionnaireVerb,
} from '../../bot/questionnaire';
import type { AuthenticatedUser } from '../../bot/domain/identity';
import { type Card, Verbs } from '../../cards';
import { createStores } from '../../storage';
import { AzureTableService } from '../../storage/azure-table';
import { MemoryTableService } from '../../storage/memory-table';
import type { TableService } from '../../storage/table';
import { wrappedTables } from '../helpers/wrapped-tables';
import { azuriteConnectionString, uniquePrefix } from '../helpers/azurite';
import { assertValidCard, cardTexts } from '../helpers/card-check';
import {
  BEFORE_DEADLINE,
  fixtureRound,
  personalOrigin,
  user,
} from '../helpers/questionnaire-fixtures';
import { actionData, inputValues } from '../helpers/card-actions';

const ROUND = 'pohjois-savo-2025';
const people = [user('anna'), user('ben')];
const saved = (card: Card) => cardTexts(card).includes('✓ Toimenpide tallennettu.');
const deleted = (card: Card) => cardTexts(card).includes('✓ Toimenpide poistettu.');

/** A table service whose next transaction can be made to fail, as a storage outage would. */
function faultyService(inner: TableService) {
  let failNext = false;
  const service = wrappedTables(inner, (_name, t) => ({
    transact: async (pk, ops) => {
      if (failNext) {
        failNext = false;
        throw new StorageUnavailableError('injected');
      }
      return t.transact(pk, ops);
    },
  }));
  return { service, failNextTransaction: () => (failNext = true) };
}

for (const [name, makeService] of [
  ['the in-memory table', () => new MemoryTableService()],
  [
    'Azurite',
    () => new AzureTableService({ connectionString: azuriteConnectionString() }, uniquePrefix()),
  ],
] as const) {
  describe(`measure saves as one transaction on ${name}`, () => {
    let stores: Stores;
    let svc: QuestionnaireService;
    let fault: ReturnType<typeof faultyService>;
    let now: number;

    beforeEach(async () => {
      fault = faultyService(makeService());
      stores = createStores(fault.service);
      await stores.rounds.save(fixtureRound());
      now = BEFORE_DEADLINE.getTime();
      // Every reading of the clock is a new millisecond, so writes can be ordered by time.
      svc = createQuestionnaireService({ ...stores, clock: { now: () => new Date(++now) } });
    });

    const sheet = () => stores.responses.getSheet(ROUND, 'kuopio');
    const act = (verb: QuestionnaireVerb, who: AuthenticatedUser, data: unknown) =>
      svc.verbs[verb](who, data, personalOrigin(who));
    const save = async (i: number, extra: Record<string, unknown> = {}) => {
      const card = await act(Verbs.measureSave, people[i % 2]!, {
        goalId: 'terveyserot',
        measureId: `concurrent-${String(i).padStart(4, '0')}`,
        description: `Toimenpide ${i}`,
        owner: 'Liikuntapalvelut',
        ...extra,
      });
      assertValidCard(card, 'measure.save');
      return card;
    };

    /** The response record was written with the latest measure change, by the same person. */
    async function assertConsistent() {
      const { response, measures } = await sheet();
      assert.ok(response, 'a response record beside the measures');
      assert.equal(response.value.state, 'draft');
      const latest = measures
        .map((m) => m.value)
        .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1))[0];
      assert.ok(latest && response.value.updatedAt && response.value.updatedAt >= latest.updatedAt);
    }

    it('keeps the response record in step with every saved measure under concurrent saves', async () => {
      const cards = await Promise.all(Array.from({ length: 12 }, (_, i) => save(i)));
      const stored = new Set((await sheet()).measures.map((m) => m.value.id));
      cards.forEach((card, i) => {
        const id = `concurrent-${String(i).padStart(4, '0')}`;
        // Saved means stored; a save that lost twice shows its form again, storing nothing.
        assert.equal(stored.has(id), saved(card), `${id}: ${cardTexts(card).join(' | ')}`);
      });
      assert.ok(stored.size >= 2, `the first save and at least one retry win (${stored.size})`);
      await assertConsistent();

      // Edits and deletes racing each other and new saves: still one consistent sheet.
      const first = (await sheet()).measures;
      const goal = await act(Verbs.goalOpen, people[0]!, { goalId: 'terveyserot' });
      const more = await Promise.all([
        ...first.slice(0, 2).map((m, i) =>
          act(Verbs.measureSave, people[i % 2]!, {
            goalId: 'terveyserot',
            measureId: m.value.id,
            etag: m.etag,
            description: `Muokattu ${i}`,
            owner: 'Hyvinvointikoordinaattori',
          }),
        ),
        act(Verbs.measureDelete, people[1]!, {
          ...actionData(goal, Verbs.measureDelete, first.length - 1),
          confirm: true,
          etag: first[first.length - 1]!.etag,
        }),
        ...[20, 21, 22].map((i) => save(i)),
      ]);
      const after = await sheet();
      const ids = new Set(after.measures.map((m) => m.value.id));
      assert.equal(ids.has(first[first.length - 1]!.value.id), !deleted(more[2]!));
      for (const [i, card] of more.slice(3).entries())
        assert.equal(ids.has(`concurrent-00${20 + i}`), saved(card));
      await assertConsistent();
    });

    it('stores neither the measure nor the response record when their transaction fails', async () => {
      await save(1);
      const before = await sheet();
      fault.failNextTransaction();
      // The outage answers with the form as typed and a try-again message on top.
      const back = await save(2);
      assert.ok(!saved(back));
      assert.ok(cardTexts(back).some((t) => t.startsWith('⚠ Tallennus ei onnistunut')));
      assert.equal(inputValues(back).description, 'Toimenpide 2');
      assert.deepEqual(await sheet(), before);
      assert.ok(saved(await save(2)));
      assert.equal((await sheet()).measures.length, 2);
      await assertConsistent();
    });

    it('writes a redelivered save once and an edit over a deleted measure nowhere', async () => {
      assert.ok(saved(await save(1)));
      const etag = (await sheet()).response?.etag;
      assert.ok(saved(await save(1)), 'the same save again answers as saved');
      assert.equal((await sheet()).response?.etag, etag, 'and writes nothing');
      const [m] = (await sheet()).measures;
      await act(Verbs.measureDelete, people[0]!, {
        goalId: 'terveyserot',
        measureId: m!.value.id,
        confirm: true,
        etag: m!.etag,
      });
      const stale = await save(1, { etag: m!.etag, description: 'Muokattu' });
      assert.ok(!saved(stale));
      assert.equal((await sheet()).measures.length, 0);
    });
  });
}
