import assert from 'node:assert/strict';
import { StorageUnavailableError } from '../../bot/domain/errors';
import type { Stores } from '../../bot/domain/ports';
import { inTimeOrder } from '../../bot/domain/audit/changes';
import type { Version } from '../../bot/domain/audit/version';
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
import { RECORD_ROWS } from '../../storage/version-rows';
import { wrappedTables } from '../helpers/wrapped-tables';
import { azuriteConnectionString, uniquePrefix } from '../helpers/azurite';
import { cardTexts } from '../helpers/card-check';
import {
  BEFORE_DEADLINE,
  fixtureRound,
  personalOrigin,
  user,
} from '../helpers/questionnaire-fixtures';
import { press } from '../helpers/card-actions';

const ROUND = 'pohjois-savo-2025';
const anna = user('anna');
const ben = user('ben');
const saved = (card: Card) => cardTexts(card).includes('✓ Toimenpide tallennettu.');
const conflicted = (card: Card) =>
  cardTexts(card).some((t) => /samaan aikaan|ristiriita|muuttanut/i.test(t));

/**
 * A table service whose next transaction fails as storage refuses it; or, with
 * `collideVersions`, whose write of the versions (the response record they ride in, or a row
 * of their own) takes a key already taken, so storage itself refuses the whole transaction
 * for the versions' write alone.
 */
function faultyService(inner: TableService) {
  let fail = false;
  let collide = false;
  const service = wrappedTables(inner, (_name, t) => ({
    transact: async (pk, ops) => {
      if (fail) {
        fail = false;
        throw new StorageUnavailableError('injected');
      }
      if (collide) {
        collide = false;
        // A key outside the version range, so the sheet's reads pass it by.
        await t.upsert(pk, 'taken', { taken: true });
        const own = ops.some((op) => op.rowKey.startsWith(RECORD_ROWS));
        ops = ops.map((op) =>
          op.kind !== 'delete' &&
          (own ? op.rowKey.startsWith(RECORD_ROWS) : op.rowKey === 'response')
            ? { kind: 'create', rowKey: 'taken', doc: op.doc }
            : op,
        );
      }
      return t.transact(pk, ops);
    },
  }));
  return {
    service,
    failNext: () => (fail = true),
    collideNextVersion: () => (collide = true),
  };
}

for (const [name, makeService] of [
  ['the in-memory table', () => new MemoryTableService()],
  [
    'Azurite',
    () => new AzureTableService({ connectionString: azuriteConnectionString() }, uniquePrefix()),
  ],
] as const) {
  describe(`measure versions on ${name}`, () => {
    let stores: Stores;
    let fault: ReturnType<typeof faultyService>;
    let now: number;
    const clock = { now: () => new Date(++now) };
    let svc: QuestionnaireService;

    beforeEach(async () => {
      fault = faultyService(makeService());
      stores = createStores(fault.service);
      await stores.rounds.save(fixtureRound());
      now = BEFORE_DEADLINE.getTime();
      svc = createQuestionnaireService({ ...stores, clock });
    });

    const sheet = () => stores.responses.getSheet(ROUND, 'kuopio');
    const versions = async (measureId?: string) =>
      (await stores.responses.versions(ROUND, { organisationId: 'kuopio', measureId })).sort(
        inTimeOrder,
      );
    const act = (verb: QuestionnaireVerb, who: AuthenticatedUser, data: unknown, service = svc) =>
      service.verbs[verb](who, data, personalOrigin(who));
    const fields = { goalId: 'terveyserot', measureId: 'measure-0001' };
    const create = (who = anna, extra: Record<string, unknown> = {}) =>
      act(Verbs.measureSave, who, {
        ...fields,
        description: 'Liikuntaneuvonta',
        owner: 'Liikuntapalvelut',
        ...extra,
      });
    const edit = async (who: AuthenticatedUser, typed: Record<string, string>) => {
      const form = await act(Verbs.measureEdit, who, fields);
      return {
        form,
        save: () => act(Verbs.measureSave, who, press(form, Verbs.measureSave, typed)),
      };
    };

    it('stores a save and its version together, or neither when their transaction fails', async () => {
      assert.ok(saved(await create()));
      const [first] = await versions();
      assert.deepEqual(
        [first?.kind, first?.action, first?.by, first?.measureId, first?.goalId],
        [
          'measure',
          'create',
          { tenantId: 'tenant-1', aadObjectId: anna.aadObjectId, name: 'Anna A' },
          'measure-0001',
          'terveyserot',
        ],
      );
      assert.deepEqual(first?.changes, {
        description: { from: null, to: 'Liikuntaneuvonta' },
        owner: { from: null, to: 'Liikuntapalvelut' },
      });
      const before = { sheet: await sheet(), versions: await versions() };

      const { save } = await edit(anna, { owner: 'Kulttuuripalvelut' });
      fault.failNext();
      assert.ok(!saved(await save()), 'storage refused: the form comes back');
      assert.deepEqual(await sheet(), before.sheet);
      assert.deepEqual(await versions(), before.versions);

      // Storage refuses the transaction for its version alone: the change is not stored either.
      const current = await sheet();
      const stored = current.measures[0]!;
      fault.collideNextVersion();
      await assert.rejects(
        stores.responses.writeSheet(ROUND, 'kuopio', {
          measure: {
            kind: 'replace',
            measure: { ...stored.value, owner: 'Ei tallennu' },
            etag: stored.etag,
          },
          response: current.response!.value,
          responseEtag: current.response!.etag,
          versions: [{ ...first!, action: 'update', changes: { owner: { from: 'a', to: 'b' } } }],
          latestVersions: current.latestVersions,
        }),
        (e: unknown) => (e as { kind?: string }).kind === 'AlreadyExists',
      );
      assert.deepEqual(await sheet(), before.sheet);
      assert.deepEqual(await versions(), before.versions);

      // Through the use case the same refusal is a race: read again, and one save, one version.
      fault.collideNextVersion();
      assert.ok(saved(await save()));
      const all = await versions();
      assert.equal(all.length, 2);
      assert.deepEqual(all[1]?.changes, {
        owner: { from: 'Liikuntapalvelut', to: 'Kulttuuripalvelut' },
      });
      assert.equal((await sheet()).measures[0]?.value.owner, 'Kulttuuripalvelut');
    });

    it('keeps a version of each of two respondents’ edits, and none of the one that conflicted', async () => {
      assert.ok(saved(await create(anna)));
      const a = await edit(anna, { owner: 'Annan vastuutaho' });
      const b = await edit(ben, { metrics: 'Bennin mittari' });
      assert.ok(saved(await a.save()));
      const stale = await b.save();
      assert.ok(!saved(stale), 'Ben gets the conflict card, not a lost update');
      assert.ok(conflicted(stale), cardTexts(stale).join(' | '));
      assert.equal((await versions()).length, 2, 'the conflict wrote nothing');
      // Ben saves again from the conflict card, now over Anna's version.
      const resolved = await act(Verbs.measureSave, ben, {
        ...press(stale, Verbs.measureSave),
        metrics: 'Bennin mittari',
      });
      assert.ok(saved(resolved), cardTexts(resolved).join(' | '));
      const all = await versions('measure-0001');
      assert.deepEqual(
        all.map((v) => [v.action, v.by.name, Object.keys(v.changes).sort().join(',')]),
        [
          ['create', 'Anna A', 'description,owner'],
          ['update', 'Anna A', 'owner'],
          // Ben's form wins when he saves it again: his owner, as typed, goes back over Anna's.
          ['update', 'Ben B', 'metrics,owner'],
        ],
      );
      // Replaying the versions gives what is stored.
      const stored = (await sheet()).measures[0]!.value as Record<string, unknown>;
      const replayed: Record<string, unknown> = {};
      for (const v of all) for (const [f, c] of Object.entries(v.changes)) replayed[f] = c.to;
      for (const [f, value] of Object.entries(replayed)) assert.deepEqual(stored[f], value, f);
    });

    it('keeps the last values of a deleted measure in its version', async () => {
      assert.ok(saved(await create(anna, { metrics: 'Käyntimäärä', partners: 'pshva,mtr' })));
      const [m] = (await sheet()).measures;
      await act(Verbs.measureDelete, ben, { ...fields, confirm: true, etag: m!.etag });
      assert.equal((await sheet()).measures.length, 0);
      const last = (await versions('measure-0001')).at(-1);
      assert.equal(last?.action, 'delete');
      assert.equal(last?.by.name, 'Ben B');
      assert.deepEqual(last?.changes, {
        description: { from: 'Liikuntaneuvonta', to: null },
        owner: { from: 'Liikuntapalvelut', to: null },
        partners: { from: ['pshva', 'mtr'], to: null },
        metrics: { from: 'Käyntimäärä', to: null },
      });
    });

    it('records one version per save when another instance’s write makes a save read again', async () => {
      const other = createQuestionnaireService({ ...stores, clock });
      assert.ok(saved(await create(anna)));
      // Another instance writes: the first one's sheet in memory is now stale.
      assert.ok(
        saved(
          await act(
            Verbs.measureSave,
            ben,
            {
              goalId: 'osallisuus',
              measureId: 'measure-0002',
              description: 'Osallisuus',
              owner: 'X',
            },
            other,
          ),
        ),
      );
      assert.ok(
        saved(
          await act(Verbs.measureSave, anna, {
            goalId: 'elintavat',
            measureId: 'measure-0003',
            description: 'Elintavat',
            owner: 'Y',
          }),
        ),
      );
      const all = await versions();
      assert.deepEqual(
        all.map((v) => [v.measureId, v.by.name]),
        [
          ['measure-0001', 'Anna A'],
          ['measure-0002', 'Ben B'],
          ['measure-0003', 'Anna A'],
        ],
      );
    });

    it('records the organisation’s answers, the submit and the reopening change after it', async () => {
      assert.ok(saved(await create(anna)));
      const form = await act(Verbs.organisationOpen, anna, {});
      await act(Verbs.organisationSave, anna, {
        ...press(form, Verbs.organisationSave),
        dataFromCounty: 'yes',
        comments: 'Hyvä yhteistyö',
      });
      await act(Verbs.responseSubmit, ben, {});
      const { save } = await edit(anna, { owner: 'Toinen' });
      assert.ok(saved(await save()));
      const all: Version[] = await versions();
      assert.deepEqual(
        all.map((v) => [v.kind, v.action, v.by.name]),
        [
          ['measure', 'create', 'Anna A'],
          ['organisation', 'create', 'Anna A'],
          ['response', 'submit', 'Ben B'],
          ['response', 'reopen', 'Anna A'],
          ['measure', 'update', 'Anna A'],
        ],
      );
      assert.deepEqual(all[1]?.changes, {
        dataFromCounty: { from: null, to: 'yes' },
        comments: { from: null, to: 'Hyvä yhteistyö' },
      });
      assert.deepEqual(all[2]?.changes.state, { from: 'draft', to: 'submitted' });
    });
  });
}
