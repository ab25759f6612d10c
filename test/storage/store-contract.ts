import assert from 'node:assert/strict';
import { isDomainError } from '../../bot/domain/errors';
import type { Measure } from '../../bot/domain/answers/measure';
import type { Stores } from '../../bot/domain/ports';
import { createStores } from '../../storage';
import type { TableService } from '../../storage/table';
import { fixtureRound } from '../helpers/questionnaire-fixtures';

function measure(id: string, over: Partial<Measure> = {}): Measure {
  return {
    id,
    goalId: 'terveyserot',
    description: 'Liikuntaneuvonta kaikille ikäryhmille',
    owner: 'Liikuntapalvelut',
    partners: ['pshva'],
    partnersOther: '',
    metrics: 'Neuvontakäynnit / vuosi',
    targetGroup: '',
    timeframe: '2025–2027',
    notes: '',
    createdAt: '2025-09-01T08:00:00.000Z',
    createdBy: 'Maija',
    updatedAt: '2025-09-01T08:00:00.000Z',
    updatedBy: 'Maija',
    ...over,
  };
}

/** The typed stores' behaviour over any table service. */
export function storeContract(makeService: () => TableService): void {
  describe('stores', () => {
    let stores: Stores;
    beforeEach(() => {
      stores = createStores(makeService());
    });

    it('saves, lists, replaces and deletes round definitions', async () => {
      const round = fixtureRound();
      await stores.rounds.save(round);
      assert.deepEqual(await stores.rounds.get(round.id), round);
      await stores.rounds.save({ ...round, region: 'Pohjois-Savo (päivitetty)' });
      const listed = await stores.rounds.list();
      assert.equal(listed.length, 1);
      assert.equal(listed[0]?.region, 'Pohjois-Savo (päivitetty)');
      await stores.rounds.delete(round.id);
      assert.equal(await stores.rounds.get(round.id), undefined);
    });

    it('changes a round definition only over the version read, and creates one only once', async () => {
      const round = fixtureRound();
      const by = { tenantId: 't', aadObjectId: 'a', name: 'Hanna' };
      const version = (changes: Record<string, { from: unknown; to: unknown }>) => ({
        at: '2025-09-01T08:00:00.000Z',
        by,
        kind: 'round' as const,
        roundId: round.id,
        action: 'update' as const,
        changes,
      });
      const created = await stores.rounds.write(
        { ...round, setup: true },
        undefined,
        version({ setup: { from: null, to: true } }),
      );
      await assert.rejects(stores.rounds.write(round, undefined, version({})), (e) =>
        isDomainError(e, 'AlreadyExists'),
      );
      const read = await stores.rounds.read(round.id);
      assert.equal(read?.etag, created.etag);
      assert.equal(read?.value.setup, true);
      const changed = await stores.rounds.write(
        { ...round, region: 'Uusi' },
        created.etag,
        version({ region: { from: round.region, to: 'Uusi' } }),
      );
      await assert.rejects(
        stores.rounds.write({ ...round, region: 'Vanha' }, created.etag, version({})),
        (e) => isDomainError(e, 'Conflict'),
      );
      assert.equal((await stores.rounds.get(round.id))?.region, 'Uusi');
      assert.notEqual(changed.etag, created.etag);
      // The refused writes left no version behind: the two kept are the two writes made.
      assert.equal((await stores.rounds.versions(round.id)).length, 2);
    });

    it('keeps each person’s open round and contact lists waiting to be applied, per round', async () => {
      const s = stores.setup;
      await s.setFocus('T1', 'AAD-1', 'round-1');
      await s.setFocus('t1', 'aad-1', 'round-2');
      assert.equal(await s.getFocus('T1', 'AAD-1'), 'round-2');
      assert.equal(await s.getFocus('t2', 'aad-1'), undefined);
      const upload = {
        roundId: 'round-1',
        uploadId: '0f0e0d0c-0b0a-4908-8706-050403020100',
        tenantId: 't1',
        aadObjectId: 'aad-1',
        fileName: 'yhteystiedot.xlsx',
        at: '2026-03-01T10:00:00.000Z',
        organisations: fixtureRound().organisations,
      };
      await s.saveUpload(upload);
      await assert.rejects(s.saveUpload(upload), (e) => isDomainError(e, 'AlreadyExists'));
      assert.deepEqual(await s.getUpload('round-1', upload.uploadId), upload);
      assert.equal(await s.getUpload('round-2', upload.uploadId), undefined);
      assert.equal(await s.deleteUpload('round-1', upload.uploadId), true);
      assert.equal(await s.deleteUpload('round-1', upload.uploadId), false);
      await s.saveUpload(upload);
      await s.deleteRound('round-1');
      assert.equal(await s.getUpload('round-1', upload.uploadId), undefined);
    });

    it('never creates a measure twice and never overwrites a newer version', async () => {
      const r = stores.responses;
      const first = await r.createMeasure('round-1', 'kuopio', measure('m-00000001'));
      await assert.rejects(r.createMeasure('round-1', 'kuopio', measure('m-00000001')), (e) =>
        isDomainError(e, 'AlreadyExists'),
      );
      const response = { roundId: 'round-1', organisationId: 'kuopio', state: 'draft' as const };
      const newer = await r.writeSheet('round-1', 'kuopio', {
        measure: {
          kind: 'replace',
          measure: measure('m-00000001', { description: 'Päivitetty' }),
          etag: first.etag,
        },
        response,
        responseEtag: undefined,
        versions: [],
        latestVersions: undefined,
      });
      // The response record is current, the measure's version is not: refused.
      await assert.rejects(
        r.writeSheet('round-1', 'kuopio', {
          measure: {
            kind: 'replace',
            measure: measure('m-00000001', { owner: 'Vanha' }),
            etag: first.etag,
          },
          response,
          responseEtag: newer.response.etag,
          versions: [],
          latestVersions: undefined,
        }),
        (e) => isDomainError(e, 'Conflict'),
      );
      const sheet = await r.getSheet('round-1', 'kuopio');
      assert.equal(sheet.measures.length, 1);
      assert.equal(sheet.measures[0]?.value.description, 'Päivitetty');
      assert.equal(sheet.measures[0]?.etag, newer.measure?.etag);
    });

    it('creates the response record once and then updates it by ETag', async () => {
      const r = stores.responses;
      const created = await r.saveResponse(
        { roundId: 'round-1', organisationId: 'kuopio', state: 'draft' },
        undefined,
      );
      await assert.rejects(
        r.saveResponse({ roundId: 'round-1', organisationId: 'kuopio', state: 'sent' }, undefined),
        (e) => isDomainError(e, 'AlreadyExists'),
      );
      await r.saveResponse(
        { roundId: 'round-1', organisationId: 'kuopio', state: 'submitted' },
        created.etag,
      );
      await assert.rejects(
        r.saveResponse(
          { roundId: 'round-1', organisationId: 'kuopio', state: 'draft' },
          created.etag,
        ),
        (e) => isDomainError(e, 'Conflict'),
      );
      assert.equal((await r.getSheet('round-1', 'kuopio')).response?.value.state, 'submitted');
    });

    it('writes a measure and the response record in one transaction, or neither', async () => {
      const r = stores.responses;
      const draft = (updatedBy: string) => ({
        roundId: 'round-1',
        organisationId: 'kuopio',
        state: 'draft' as const,
        updatedAt: '2025-09-01T08:00:00.000Z',
        updatedBy,
      });
      const first = await r.writeSheet('round-1', 'kuopio', {
        measure: { kind: 'create', measure: measure('m-00000001') },
        response: draft('Maija'),
        responseEtag: undefined,
        versions: [],
        latestVersions: undefined,
      });
      let sheet = await r.getSheet('round-1', 'kuopio');
      assert.equal(sheet.response?.etag, first.response.etag);
      assert.equal(sheet.measures[0]?.etag, first.measure?.etag);
      // A second writer that read before the first one wrote: refused whole.
      await assert.rejects(
        r.writeSheet('round-1', 'kuopio', {
          measure: { kind: 'create', measure: measure('m-00000002') },
          response: draft('Pekka'),
          responseEtag: undefined,
          versions: [],
          latestVersions: undefined,
        }),
        (e) => isDomainError(e, 'AlreadyExists'),
      );
      const edited = await r.writeSheet('round-1', 'kuopio', {
        measure: {
          kind: 'replace',
          measure: measure('m-00000001', { owner: 'Uusi' }),
          etag: String(first.measure?.etag),
        },
        response: draft('Maija'),
        responseEtag: first.response.etag,
        versions: [],
        latestVersions: undefined,
      });
      for (const stale of [
        { kind: 'create' as const, measure: measure('m-00000003') },
        { kind: 'delete' as const, measureId: 'm-00000001' },
      ]) {
        await assert.rejects(
          r.writeSheet('round-1', 'kuopio', {
            measure: stale,
            response: draft('Pekka'),
            responseEtag: first.response.etag,
            versions: [],
            latestVersions: undefined,
          }),
          (e) => isDomainError(e, 'Conflict'),
        );
      }
      sheet = await r.getSheet('round-1', 'kuopio');
      assert.deepEqual(
        sheet.measures.map((m) => [m.value.id, m.value.owner, m.etag]),
        [['m-00000001', 'Uusi', edited.measure?.etag]],
      );
      assert.equal(sheet.response?.value.updatedBy, 'Maija');
      await r.writeSheet('round-1', 'kuopio', {
        measure: { kind: 'delete', measureId: 'm-00000001' },
        response: draft('Pekka'),
        responseEtag: edited.response.etag,
        versions: [],
        latestVersions: undefined,
      });
      sheet = await r.getSheet('round-1', 'kuopio');
      assert.equal(sheet.measures.length, 0);
      assert.equal(sheet.response?.value.updatedBy, 'Pekka');
    });

    it('lists every sheet of a round and deletes a round without touching others', async () => {
      const r = stores.responses;
      await r.createMeasure('round-1', 'kuopio', measure('m-00000001'));
      await r.createMeasure('round-1', 'kuopio', measure('m-00000002'));
      await r.createMeasure('round-1', 'iisalmi', measure('m-00000003'));
      await r.createMeasure('round-10', 'kuopio', measure('m-00000004'));
      const sheets = await r.listSheets('round-1');
      assert.deepEqual([...sheets.keys()].sort(), ['iisalmi', 'kuopio']);
      assert.equal(sheets.get('kuopio')?.measures.length, 2);
      await r.deleteRound('round-1');
      assert.equal((await r.listSheets('round-1')).size, 0);
      assert.equal((await r.getSheet('round-10', 'kuopio')).measures.length, 1);
    });

    it('lists the sheets of given organisations in parallel reads, the same as a full scan', async () => {
      const r = stores.responses;
      // 40 ids, some the prefix of others (org-1, org-10, org-100): read in several groups.
      const ids = Array.from({ length: 40 }, (_, i) => `org-${i === 39 ? 100 : i}`);
      await Promise.all(
        ids.map((id, i) =>
          Promise.all(
            Array.from({ length: (i % 3) + 1 }, (_, j) =>
              r.createMeasure('round-1', id, measure(`m-${String(i * 10 + j).padStart(8, '0')}`)),
            ),
          ),
        ),
      );
      await r.saveResponse(
        { roundId: 'round-1', organisationId: 'org-7', state: 'draft' },
        undefined,
      );
      await r.createMeasure('round-1', 'org-1x', measure('m-99999991'));
      await r.createMeasure('round-10', 'org-1', measure('m-99999992'));
      const asked = [...ids.slice(1).reverse(), 'org-0', 'org-77'];
      const sheets = await r.listSheets('round-1', asked);
      assert.deepEqual([...sheets.keys()], asked.slice(0, -1), 'in the order asked, absent = none');
      const all = await r.listSheets('round-1');
      assert.equal(all.size, 41);
      for (const [id, sheet] of sheets) {
        assert.deepEqual(sheet, all.get(id), id);
        assert.equal(sheet.measures.length, (ids.indexOf(id) % 3) + 1, id);
      }
      assert.equal(sheets.get('org-7')?.response?.value.state, 'draft');
    });

    it('deletes a measure once; a delete of one already gone is refused whole', async () => {
      const r = stores.responses;
      await r.createMeasure('round-1', 'kuopio', measure('m-00000001'));
      const response = { roundId: 'round-1', organisationId: 'kuopio', state: 'draft' as const };
      const deleted = await r.writeSheet('round-1', 'kuopio', {
        measure: { kind: 'delete', measureId: 'm-00000001' },
        response,
        responseEtag: undefined,
        versions: [],
        latestVersions: undefined,
      });
      await assert.rejects(
        r.writeSheet('round-1', 'kuopio', {
          measure: { kind: 'delete', measureId: 'm-00000001' },
          response: { ...response, updatedBy: 'Pekka' },
          responseEtag: deleted.response.etag,
          versions: [],
          latestVersions: undefined,
        }),
        (e) => isDomainError(e, 'Conflict'),
      );
      const sheet = await r.getSheet('round-1', 'kuopio');
      assert.equal(sheet.measures.length, 0);
      assert.equal(sheet.response?.etag, deleted.response.etag);
    });

    it('keeps conversation references per user and per channel', async () => {
      const c = stores.conversations;
      const ref = {
        reference: { conversation: { id: 'a:1' }, serviceUrl: 'https://smba.example/' },
        tenantId: 'tenant-1',
        conversationType: 'personal',
        aadObjectId: 'ABC-1',
        updatedAt: '2025-09-01T08:00:00.000Z',
      };
      await c.saveUser(ref);
      assert.deepEqual((await c.getUser('tenant-1', 'abc-1'))?.reference, ref.reference);
      assert.equal(await c.getUser('tenant-2', 'abc-1'), undefined);
      const channel = { ...ref, conversationType: 'channel' };
      await c.saveConversation('19:x@thread.tacv2;messageid=1', channel);
      const got = await c.getConversation('tenant-1', '19:x@thread.tacv2;messageid=1');
      assert.equal(got?.conversationType, 'channel');
    });

    it('keeps a Graph install per tenant and object id, apart from the references', async () => {
      const c = stores.conversations;
      const install = {
        tenantId: 'tenant-1',
        aadObjectId: 'ABC-2',
        email: 'nina@jarjesto.example.org',
        roundId: 'round-1',
        at: '2025-09-01T08:00:00.000Z',
      };
      await c.saveInstall(install);
      assert.deepEqual(await c.getInstall('tenant-1', 'abc-2'), install);
      assert.equal(await c.getInstall('tenant-2', 'abc-2'), undefined);
      assert.equal(await c.getUser('tenant-1', 'abc-2'), undefined);
      assert.deepEqual(await c.listUsers('tenant-1'), []);
      await c.saveInstall({ ...install, at: '2025-09-02T08:00:00.000Z' });
      assert.equal((await c.getInstall('tenant-1', 'ABC-2'))?.at, '2025-09-02T08:00:00.000Z');
    });

    it('claims a delivery once; a stale update or a second claim is refused', async () => {
      const d = stores.deliveries;
      const base = {
        roundId: 'round-1',
        organisationId: 'kuopio',
        person: 'email:anna@kuopio.fi',
        purpose: 'launch',
        state: 'sending' as const,
        at: '2025-09-01T08:00:00.000Z',
        attempts: 1,
      };
      const claim = await d.claim(base);
      await assert.rejects(d.claim(base), (e) => isDomainError(e, 'AlreadyExists'));
      const sent = await d.update({ ...base, state: 'sent', activityId: 'a1' }, claim.etag);
      await assert.rejects(d.update({ ...base, state: 'failed' }, claim.etag), (e) =>
        isDomainError(e, 'Conflict'),
      );
      assert.equal((await d.get('round-1', 'launch', 'kuopio', base.person))?.value.state, 'sent');
      await d.claim({ ...base, purpose: 'reminder|P2D' });
      assert.equal((await d.list('round-1')).length, 2);
      assert.equal((await d.list('round-1', 'reminder|')).length, 1);
      await d.release({ ...base, state: 'sent' }, sent.etag);
      assert.equal(await d.get('round-1', 'launch', 'kuopio', base.person), undefined);
      await d.deleteRound('round-1');
      assert.equal((await d.list('round-1')).length, 0);
    });

    it('keeps the council channel of a round apart from its definition', async () => {
      const channel = {
        roundId: 'round-1',
        conversationId: '19:council@thread.tacv2',
        ref: {
          reference: { conversation: { id: '19:council@thread.tacv2' } },
          tenantId: 't',
          conversationType: 'channel',
          updatedAt: '2025-09-01T08:00:00.000Z',
        },
        linkedBy: 'Olli',
        linkedAt: '2025-09-01T08:00:00.000Z',
      };
      await stores.roundState.setCouncil(channel);
      assert.deepEqual(await stores.roundState.getCouncil('round-1'), channel);
      const launch = { roundId: 'round-1', tenantId: 't', launchedBy: 'Olli', launchedAt: 'x' };
      await stores.roundState.setLaunchOnce(launch);
      await stores.roundState.setLaunchOnce({ ...launch, launchedBy: 'Later' });
      assert.equal((await stores.roundState.getLaunch('round-1'))?.launchedBy, 'Olli');
      await stores.roundState.deleteRound('round-1');
      assert.equal(await stores.roundState.getCouncil('round-1'), undefined);
      assert.equal(await stores.roundState.getLaunch('round-1'), undefined);
    });

    it('lists the saved users and channels of a tenant', async () => {
      const c = stores.conversations;
      const ref = (id: string) => ({
        reference: { conversation: { id } },
        tenantId: 'tenant-1',
        conversationType: 'personal',
        updatedAt: '2025-09-01T08:00:00.000Z',
      });
      await c.saveUser({ ...ref('a:1'), aadObjectId: 'u1', email: 'a@x.fi' });
      await c.saveUser({ ...ref('a:2'), aadObjectId: 'u2' });
      await c.saveUser({ ...ref('a:3'), tenantId: 'tenant-2', aadObjectId: 'u3' });
      await c.saveConversation('19:c@thread', {
        ...ref('19:c@thread'),
        conversationType: 'channel',
      });
      assert.deepEqual((await c.listUsers('tenant-1')).map((u) => u.aadObjectId).sort(), [
        'u1',
        'u2',
      ]);
      assert.deepEqual(
        (await c.listConversations('tenant-1')).map((x) => x.conversationId),
        ['19:c@thread'],
      );
    });
    it('keeps one workshop thread per goal and its points in order, each with the count', async () => {
      const w = stores.workshops;
      const thread = {
        roundId: 'round-1',
        goalId: 'elintavat',
        conversationId: '19:council@thread.tacv2;messageid=1001',
        activityId: '1001',
        channelId: '19:council@thread.tacv2',
        startedAt: '2025-09-16T06:00:00.000Z',
        startedBy: 'Olli',
        digest: { organisations: 2, measures: 3, flagCounts: { noMetric: 1 }, links: [] },
        next: 0,
        count: 0,
      };
      const created = await w.createThread(thread);
      await assert.rejects(w.createThread(thread), (e) => isDomainError(e, 'AlreadyExists'));
      assert.deepEqual(await w.findThread(thread.conversationId), {
        roundId: 'round-1',
        goalId: 'elintavat',
      });
      assert.equal(await w.findThread('19:council@thread.tacv2;messageid=9'), undefined);
      const long = 'x'.repeat(60_000);
      const point = (text: string) => ({
        text,
        author: 'Maija',
        authorId: 'u1',
        at: '2025-09-16T06:10:00.000Z',
        via: 'reply' as const,
      });
      const maija = { tenantId: 't', aadObjectId: 'u1', name: 'Maija' };
      const olli = { tenantId: 't', aadObjectId: 'u2', name: 'Olli' };
      let current = created;
      for (const text of ['Ensimmäinen', long, '=HYPERLINK("x")']) {
        current = (await w.addPoint(current, point(text), maija)).thread;
      }
      // A writer holding an old version is refused, and writes nothing, no version either.
      await assert.rejects(w.addPoint(created, point('stale'), maija), (e) =>
        isDomainError(e, 'Conflict'),
      );
      assert.equal((await w.versions('round-1')).length, 3);
      assert.equal(current.value.count, 3);
      assert.deepEqual(
        (await w.listPoints('round-1')).get('elintavat')?.map((p) => [p.seq, p.text.length]),
        [
          [0, 11],
          [1, 60_000],
          [2, 15],
        ],
      );
      const removedAt = new Date('2025-09-16T06:20:00.000Z');
      assert.equal(await w.removePoint(current, 1, olli, removedAt), true);
      const after = await w.getThread('round-1', 'elintavat');
      assert.equal(after?.value.count, 2);
      assert.equal(after && (await w.removePoint(after, 1, olli, removedAt)), false);
      const next = after && (await w.addPoint(after, point('Neljäs'), maija));
      const versions = await w.versions('round-1');
      assert.deepEqual(versions.map((v) => [v.action, v.seq, v.by.name]).sort(), [
        ['create', 0, 'Maija'],
        ['create', 1, 'Maija'],
        ['create', 2, 'Maija'],
        ['create', 3, 'Maija'],
        ['delete', 1, 'Olli'],
      ]);
      const removal = versions.find((v) => v.action === 'delete');
      assert.equal(removal?.at, removedAt.toISOString());
      assert.equal(removal?.changes.text?.from, long, 'the removed point is kept whole');
      assert.equal(removal?.changes.author?.from, 'Maija');
      assert.equal(next?.point.seq, 3, 'a removed point never gives its number to another');
      assert.deepEqual(
        (await w.listPoints('round-1')).get('elintavat')?.map((p) => p.text.slice(0, 11)),
        ['Ensimmäinen', '=HYPERLINK(', 'Neljäs'],
      );
      assert.equal((await w.listThreads('round-1')).length, 1);
      await w.deleteRound('round-1');
      assert.equal((await w.listPoints('round-1')).size, 0);
      assert.equal(await w.findThread(thread.conversationId), undefined);
    });
  });
}
