import assert from 'node:assert/strict';
import { isDomainError } from '../../bot/domain/errors';
import type { Measure } from '../../bot/domain/answers/measure';
import type { Stores } from '../../bot/domain/ports';
import { inTimeOrder, measureVersion, roundVersion } from '../../bot/domain/audit/changes';
import type { Version } from '../../bot/domain/audit/version';
import { createStores, TABLES } from '../../storage';
import type { TableService } from '../../storage/table';
import { fixtureRound } from '../helpers/questionnaire-fixtures';

const ANNA = { tenantId: 't1', aadObjectId: 'aad-anna', name: 'Anna A' };
const OLLI = { tenantId: 't1', aadObjectId: 'aad-olli', name: 'Olli O' };
const AT = new Date('2025-09-02T06:00:00.000Z');

function measure(id: string, over: Partial<Measure> = {}): Measure {
  return {
    id,
    goalId: 'terveyserot',
    description: 'Liikuntaneuvonta',
    owner: 'Liikuntapalvelut',
    partners: [],
    partnersOther: '',
    metrics: '',
    targetGroup: '',
    timeframe: '',
    notes: '',
    createdAt: AT.toISOString(),
    createdBy: 'Anna A',
    updatedAt: AT.toISOString(),
    updatedBy: 'Anna A',
    ...over,
  };
}

/** The record's storage behaviour (versions, erasure, disclosures) over any table service. */
export function recordContract(makeService: () => TableService): void {
  describe('the record in storage', () => {
    let stores: Stores;
    let service: TableService;
    beforeEach(() => {
      service = makeService();
      stores = createStores(service);
    });

    it('writes a round definition and its version together, never one alone', async () => {
      const round = fixtureRound();
      const created = await stores.rounds.write(
        round,
        undefined,
        roundVersion(undefined, round, OLLI, AT),
      );
      await assert.rejects(
        stores.rounds.write(round, undefined, roundVersion(undefined, round, OLLI, AT)),
        (e) => isDomainError(e, 'AlreadyExists'),
      );
      const renamed = { ...round, region: 'Savo' };
      await stores.rounds.write(renamed, created.etag, roundVersion(round, renamed, ANNA, AT));
      await assert.rejects(
        stores.rounds.write(round, created.etag, roundVersion(renamed, round, ANNA, AT)),
        (e) => isDomainError(e, 'Conflict'),
      );
      assert.deepEqual(
        (await stores.rounds.list()).map((r) => [r.id, r.region]),
        [[round.id, 'Savo']],
        'the list holds definitions only',
      );
      const versions = await stores.rounds.versions(round.id);
      assert.deepEqual(versions.map((v) => [v.action, v.by.name]).sort(), [
        ['create', 'Olli O'],
        ['update', 'Anna A'],
      ]);
      const update = versions.find((v) => v.action === 'update');
      assert.deepEqual(update?.changes, { region: { from: 'Pohjois-Savo', to: 'Savo' } });
      assert.deepEqual((await stores.rounds.read(round.id))?.value.region, 'Savo');
      await stores.rounds.delete(round.id);
      assert.deepEqual(await stores.rounds.versions(round.id), []);
    });

    it('keeps the version of a measure at its largest beside it, in one transaction', async () => {
      // Every text at its longest, in characters stored six characters wide (`\u00e4`).
      const long = (n: number, c: string) => c.repeat(n);
      const big = (c: string) =>
        measure('m-big-0001', {
          description: long(4000, c),
          owner: long(500, c),
          partnersOther: long(1000, c),
          metrics: long(4000, c),
          targetGroup: long(1000, c),
          timeframe: long(200, c),
          notes: long(4000, c),
        });
      const ids = { roundId: 'round-1', organisationId: 'kuopio' };
      const response = { ...ids, state: 'draft' as const };
      const first = await stores.responses.writeSheet('round-1', 'kuopio', {
        measure: { kind: 'create', measure: big('ä') },
        response,
        responseEtag: undefined,
        versions: [measureVersion(ids, undefined, big('ä'), ANNA, AT)],
        latestVersions: undefined,
      });
      const update = measureVersion(ids, big('ä'), big('ö'), OLLI, AT);
      await stores.responses.writeSheet('round-1', 'kuopio', {
        measure: { kind: 'replace', measure: big('ö'), etag: first.measure!.etag },
        response,
        responseEtag: first.response.etag,
        versions: [update],
        latestVersions: first.latestVersions,
      });
      const versions = await stores.responses.versions('round-1', {
        organisationId: 'kuopio',
        measureId: 'm-big-0001',
      });
      assert.equal(versions.length, 2);
      assert.deepEqual(
        versions.find((v) => v.action === 'update'),
        update,
      );
      assert.equal((await stores.responses.getSheet('round-1', 'kuopio')).measures.length, 1);
    });

    it('spreads a version too big for one entity over parts and reads it back whole', async () => {
      // A round of ~1 MB (the most one entity holds) whose every organisation is renamed: the
      // version, each name from and to, takes ~2 MB.
      const base = fixtureRound();
      const named = (c: string) => ({
        ...base,
        organisations: Array.from({ length: 400 }, (_, i) => ({
          id: `org-${i}`,
          name: c.repeat(190),
          kind: 'municipality' as const,
          language: 'fi' as const,
          respondents: [],
        })),
      });
      const created = await stores.rounds.write(
        named('ä'),
        undefined,
        roundVersion(undefined, named('ä'), OLLI, AT),
      );
      const renamed = roundVersion(named('ä'), named('ö'), ANNA, AT);
      assert.equal(Object.keys(renamed.changes).length, 400);
      await stores.rounds.write(named('ö'), created.etag, renamed);
      const versions = await stores.rounds.versions(base.id);
      assert.deepEqual(
        versions.find((v) => v.action === 'update'),
        renamed,
      );
      assert.equal(versions.length, 2);
      const rows: string[] = [];
      for await (const e of service.table(TABLES.rounds).query('round', { rowKeyPrefix: '~' }))
        rows.push(e.rowKey);
      assert.ok(rows.length >= 3, `${rows.length} rows: the update in parts`);
      assert.equal((await stores.rounds.get(base.id))?.organisations[399]?.name, 'ö'.repeat(190));
    });

    it('keeps a sheet’s latest versions with its response record and earlier ones in blocks, all read back in order', async () => {
      const ids = { roundId: 'round-1', organisationId: 'kuopio' };
      let previous: Measure | undefined;
      for (let i = 0; i < 60; i++) {
        const sheet = await stores.responses.getSheet('round-1', 'kuopio');
        // Text that compresses as prose does, so the latest versions fill up and move on.
        const words = Array.from({ length: 60 }, (_, j) =>
          ((i * 7919 + j * 104729) % 99991).toString(36),
        );
        const m = measure('m-0000001', { notes: `Muutos ${i} ${words.join(' ')}` });
        const stored = sheet.measures[0];
        await stores.responses.writeSheet('round-1', 'kuopio', {
          measure: stored
            ? { kind: 'replace', measure: m, etag: stored.etag }
            : { kind: 'create', measure: m },
          response: { ...ids, state: 'draft' },
          responseEtag: sheet.response?.etag,
          versions: [
            measureVersion(ids, previous, m, i % 2 ? ANNA : OLLI, new Date(AT.getTime() + i)),
          ],
          latestVersions: sheet.latestVersions,
        });
        previous = m;
      }
      const rows: string[] = [];
      for await (const e of service
        .table(TABLES.responses)
        .query('round-1|kuopio', { rowKeyPrefix: '~' }))
        rows.push(e.rowKey);
      assert.ok(
        rows.every((k) => k.startsWith('~version|block|')),
        rows.join(' '),
      );
      const blocks = rows.filter((k) => k.startsWith('~version|block|'));
      assert.ok(blocks.length >= 2 && blocks.length < 20, `${blocks.length} blocks`);
      const versions = (await stores.responses.versions('round-1')).sort(inTimeOrder);
      assert.equal(versions.length, 60);
      assert.deepEqual(
        versions.map((v) => Number(/Muutos (\d+)/.exec(String(v.changes.notes?.to))?.[1])),
        Array.from({ length: 60 }, (_, i) => i),
      );
      const renamed = await stores.responses.rewriteSheets('round-1', {
        version: (v) => (v.by.name === 'Anna A' ? { ...v, by: { ...v.by, name: 'P' } } : undefined),
        measure: () => undefined,
        response: () => undefined,
      });
      assert.equal(renamed.versions, 30);
      assert.equal(
        (await stores.responses.versions('round-1')).filter((v) => v.by.name === 'P').length,
        30,
      );
    });

    it('reads the versions of a whole round, of one organisation or of one measure', async () => {
      const ids = (organisationId: string) => ({ roundId: 'round-1', organisationId });
      const write = async (roundId: string, organisationId: string, id: string) => {
        const m = measure(id);
        const sheet = await stores.responses.getSheet(roundId, organisationId);
        await stores.responses.writeSheet(roundId, organisationId, {
          measure: { kind: 'create', measure: m },
          response: { roundId, organisationId, state: 'draft' },
          responseEtag: sheet.response?.etag,
          versions: [measureVersion({ roundId, organisationId }, undefined, m, ANNA, AT)],
          latestVersions: sheet.latestVersions,
        });
      };
      await write('round-1', 'kuopio', 'm-0000001');
      await write('round-1', 'kuopio', 'm-0000002');
      await write('round-1', '9-kunta', 'm-0000003');
      await write('round-1', 'iisalmi', 'm-0000004');
      await write('round-10', 'kuopio', 'm-0000005');
      const of = (vs: Version[]) => vs.map((v) => v.measureId).sort();
      assert.deepEqual(of(await stores.responses.versions('round-1')), [
        'm-0000001',
        'm-0000002',
        'm-0000003',
        'm-0000004',
      ]);
      assert.deepEqual(
        of(await stores.responses.versions('round-1', { organisationId: 'kuopio' })),
        ['m-0000001', 'm-0000002'],
      );
      assert.deepEqual(
        of(
          await stores.responses.versions('round-1', {
            organisationId: 'kuopio',
            measureId: 'm-0000002',
          }),
        ),
        ['m-0000002'],
      );
      assert.equal(ids('x').organisationId, 'x');
      await stores.responses.deleteRound('round-1');
      assert.deepEqual(await stores.responses.versions('round-1'), []);
      assert.equal((await stores.responses.versions('round-10')).length, 1);
    });

    it('rewrites a round’s sheets in place, replacing each response record, and twice changes nothing', async () => {
      const ids = { roundId: 'round-1', organisationId: 'kuopio' };
      const m = measure('m-0000001');
      const first = await stores.responses.writeSheet('round-1', 'kuopio', {
        measure: { kind: 'create', measure: m },
        response: { ...ids, state: 'draft', updatedBy: 'Anna A' },
        responseEtag: undefined,
        versions: [measureVersion(ids, undefined, m, ANNA, AT)],
        latestVersions: undefined,
      });
      const rename = {
        version: (v: Version) =>
          v.by.aadObjectId === 'aad-anna'
            ? { ...v, by: { ...v.by, aadObjectId: '', name: 'P' } }
            : undefined,
        measure: (x: Measure, vs: readonly Version[]) =>
          x.createdBy === 'Anna A' && vs.length === 1
            ? { ...x, createdBy: 'P', updatedBy: 'P' }
            : undefined,
        response: () => undefined,
      };
      assert.deepEqual(await stores.responses.rewriteSheets('round-1', rename), {
        versions: 1,
        measures: 1,
        responses: 0,
      });
      const sheet = await stores.responses.getSheet('round-1', 'kuopio');
      assert.notEqual(
        sheet.response?.etag,
        first.response.etag,
        'a writer holding the sheet sees it changed',
      );
      assert.equal(sheet.measures[0]?.value.createdBy, 'P');
      assert.equal((await stores.responses.versions('round-1'))[0]?.by.name, 'P');
      assert.deepEqual(await stores.responses.rewriteSheets('round-1', rename), {
        versions: 0,
        measures: 0,
        responses: 0,
      });
    });
  });
}
