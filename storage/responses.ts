import { AlreadyExistsError } from '../bot/domain/errors';
import { Measure } from '../bot/domain/answers/measure';
import type {
  OrganisationSheet,
  ResponseStore,
  SheetRewrite,
  Versioned,
} from '../bot/domain/ports';
import { inTimeOrder } from '../bot/domain/audit/changes';
import { Version } from '../bot/domain/audit/version';
import { mapBounded } from '../bot/lib/map-bounded';
import { Response } from '../bot/domain/answers/response';
import { deletePartitions } from './batch-delete';
import { rewritePartition } from './rewrite';
import type { Doc, Entity, Table, TableOp } from './table';
import {
  BLOCK_ROWS,
  RECORD_ROWS,
  packVersions,
  sheetVersionOps,
  unpackVersions,
  VersionReader,
  versionOps,
} from './version-rows';

/**
 * One partition per (round, organisation): the response record and its measures. Everything
 * a respondent does reads and writes that one partition.
 */
export const sheetKey = (roundId: string, organisationId: string) => `${roundId}|${organisationId}`;
const RESPONSE = 'response';
const MEASURE = 'measure|';
/** Marks a measure id as carried in; kept when the measure is deleted, so it never returns. */
const CARRIED = 'carried|';

const versioned = <T>(value: T, e: Pick<Entity, 'etag'>): Versioned<T> => ({ value, etag: e.etag });

/** Where a version of a sheet's record is kept: a measure's apart, so its history is one range. */
const scopeOf = (v: Version) =>
  v.kind === 'measure'
    ? `measure|${v.measureId ?? ''}`
    : v.kind === 'organisation'
      ? 'organisation'
      : 'response';
/** Live rows only: a sheet as use cases read it. */
const LIVE = { rowKeyBelow: RECORD_ROWS };
/** The record's rows of a sheet: blocks of its earlier versions, and big ones of their own. */
const RECORD = { rowKeyPrefix: RECORD_ROWS };
/** The response record's row: the record and, packed, the sheet's latest versions. */
const LATEST = 'latest';
/** In a rewrite's counts: the response record itself changed (not only the versions with it). */
const RECORD_CHANGED = 'response#record';
/** Organisations per read of a round's versions (a few 1 000-entity pages each). */
const VERSION_GROUP = 128;

/** Measures parsed before, by row and ETag; kept small, for the hot path of every save. */
const PARSED_MAX = 20_000;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Reads under way at once in listSheets: enough to hide round trips, few enough to be polite. */
const LIST_CONCURRENCY = 8;
/** Organisations per read in listSheets: about one 1 000-entity page of measures. */
const LIST_GROUP = 16;

/**
 * Cuts sorted organisation ids into id prefixes of at most `max` ids each, so that a round
 * is read in a few range scans that can run side by side: one scan pages through the whole
 * round one round trip after another, and one query per organisation is hundreds of round
 * trips (Azurite filters its whole table for each). `exact` marks an id that is also the
 * prefix of others (`org-1` of `org-10`), read as its own partition.
 */
export function prefixGroups(
  ids: readonly string[],
  max = LIST_GROUP,
  prefix = '',
): Array<{ prefix: string; exact: boolean }> {
  if (ids.length <= max) return ids.length ? [{ prefix, exact: false }] : [];
  const out: Array<{ prefix: string; exact: boolean }> = [];
  const next = new Map<string, string[]>();
  for (const id of ids) {
    if (id === prefix) out.push({ prefix, exact: true });
    else {
      const c = id.slice(0, prefix.length + 1);
      const group = next.get(c);
      if (group) group.push(id);
      else next.set(c, [id]);
    }
  }
  for (const [p, group] of next) out.push(...prefixGroups(group, max, p));
  return out;
}

export function tableResponseStore(table: Table): ResponseStore {
  // Every save reads the whole partition back; a version already seen is not parsed again.
  // Shared values are frozen, so no caller can change what another one sees.
  const parsed = new Map<string, Measure>();
  const measureOf = (e: Entity): Measure => {
    const key = `${e.partitionKey}\n${e.rowKey}\n${e.etag}`;
    let value = parsed.get(key);
    if (!value) {
      value = deepFreeze(Measure.parse(e.doc));
      if (parsed.size >= PARSED_MAX) parsed.clear();
      parsed.set(key, value);
    }
    return value;
  };
  const addToSheet = (sheet: OrganisationSheet, e: Entity, latest = true): void => {
    if (e.rowKey === RESPONSE) {
      sheet.response = versioned(Response.parse(e.doc), e);
      // The koonti reads every sheet and needs none of them: unpacked only for a change.
      if (latest && e.doc[LATEST]) sheet.latestVersions = unpackVersions(e.doc[LATEST]);
    } else if (e.rowKey.startsWith(MEASURE)) sheet.measures.push(versioned(measureOf(e), e));
  };
  /** The response record's row: the record, and the sheet's latest versions packed beside it. */
  const responseDoc = (value: Response, packed: string | undefined): Doc =>
    packed ? { ...value, [LATEST]: packed } : value;
  return {
    async getSheet(roundId, organisationId) {
      const sheet: OrganisationSheet = { response: undefined, measures: [] };
      for await (const e of table.query(sheetKey(roundId, organisationId), LIVE))
        addToSheet(sheet, e);
      return sheet;
    },

    async listSheets(roundId, organisationIds) {
      const sheets = new Map<string, OrganisationSheet>();
      if (organisationIds) {
        const wanted = new Set(organisationIds);
        const found = new Map<string, OrganisationSheet>();
        await mapBounded(prefixGroups([...wanted].sort()), LIST_CONCURRENCY, async (g) => {
          const pk = sheetKey(roundId, g.prefix);
          const rows = g.exact
            ? table.query(pk, LIVE)
            : table.scan({ partitionKeyPrefix: pk, ...LIVE });
          for await (const e of rows) {
            const id = e.partitionKey.slice(roundId.length + 1);
            if (!wanted.has(id)) continue; // an organisation the round no longer has
            let sheet = found.get(id);
            if (!sheet) found.set(id, (sheet = { response: undefined, measures: [] }));
            addToSheet(sheet, e, false);
          }
        });
        for (const id of organisationIds) {
          const sheet = found.get(id);
          if (sheet) sheets.set(id, sheet);
        }
        return sheets;
      }
      const prefix = `${roundId}|`;
      for await (const e of table.scan({ partitionKeyPrefix: prefix, ...LIVE })) {
        const organisationId = e.partitionKey.slice(prefix.length);
        let sheet = sheets.get(organisationId);
        if (!sheet) sheets.set(organisationId, (sheet = { response: undefined, measures: [] }));
        addToSheet(sheet, e, false);
      }
      return sheets;
    },

    async writeSheet(roundId, organisationId, write) {
      const { measure, response, responseEtag, versions, latestVersions } = write;
      const value = Response.parse(response);
      if (value.roundId !== roundId || value.organisationId !== organisationId)
        throw new Error('writeSheet: the response record belongs to another sheet');
      const ops: TableOp[] = [];
      let saved: Measure | undefined;
      if (measure?.kind === 'delete')
        ops.push({ kind: 'delete', rowKey: MEASURE + measure.measureId });
      else if (measure) {
        saved = Measure.parse(measure.measure);
        const rowKey = MEASURE + saved.id;
        ops.push(
          measure.kind === 'create'
            ? { kind: 'create', rowKey, doc: saved }
            : { kind: 'replace', rowKey, doc: saved, etag: measure.etag },
        );
      }
      for (const v of versions)
        if (v.roundId !== roundId || v.organisationId !== organisationId)
          throw new Error('writeSheet: a version belongs to another sheet');
      // The change and its versions: one transaction, so neither is ever stored alone. The
      // latest versions ride in the response record, which the change writes anyway.
      const kept = sheetVersionOps(latestVersions, versions, scopeOf);
      const doc = responseDoc(value, kept.latest.length ? kept.packed : undefined);
      const at = ops.length;
      ops.push(
        responseEtag === undefined
          ? { kind: 'create', rowKey: RESPONSE, doc }
          : { kind: 'replace', rowKey: RESPONSE, doc, etag: responseEtag },
        ...kept.ops,
      );
      const etags = await table.transact(sheetKey(roundId, organisationId), ops);
      const responseTag = etags[at] ?? '';
      return {
        ...(saved ? { measure: { value: saved, etag: etags[0] ?? '' } } : {}),
        response: { value, etag: responseTag },
        ...(kept.latest.length ? { latestVersions: kept.latest } : {}),
      };
    },

    async createMeasure(roundId, organisationId, measure) {
      const value = Measure.parse(measure);
      const e = await table.create(sheetKey(roundId, organisationId), MEASURE + value.id, value);
      return versioned(value, e);
    },

    async carryMeasure(roundId, organisationId, measure, version) {
      const value = Measure.parse(measure);
      if (version.measureId !== value.id)
        throw new Error('carryMeasure: a version of another measure');
      try {
        // No response record is written here: the version is a row of its own.
        await table.transact(sheetKey(roundId, organisationId), [
          { kind: 'create', rowKey: CARRIED + value.id, doc: { from: value.carriedFrom ?? null } },
          { kind: 'create', rowKey: MEASURE + value.id, doc: value },
          ...versionOps([version], scopeOf),
        ]);
        return true;
      } catch (e) {
        if (e instanceof AlreadyExistsError) return false;
        throw e;
      }
    },

    async saveResponse(response, etag) {
      const value = Response.parse(response);
      const pk = sheetKey(value.roundId, value.organisationId);
      if (etag === undefined) return versioned(value, await table.create(pk, RESPONSE, value));
      // The sheet's latest versions stay with the record (a stale `etag` still fails).
      const current = await table.get(pk, RESPONSE);
      const latest = current?.etag === etag ? current.doc[LATEST] : undefined;
      const doc = responseDoc(value, typeof latest === 'string' ? latest : undefined);
      return versioned(value, await table.replace(pk, RESPONSE, doc, etag));
    },

    async versions(roundId, filter = {}) {
      const { organisationId, measureId } = filter;
      const reader = new VersionReader();
      if (organisationId !== undefined) {
        const pk = sheetKey(roundId, organisationId);
        const response = await table.get(pk, RESPONSE);
        reader.list(unpackVersions(response?.doc[LATEST]));
        for await (const e of table.query(pk, RECORD)) reader.add(e);
      } else {
        // Every sheet a person changed has a response record, written with each version and
        // holding the latest ones, and every sheet an import carried into has its markers:
        // they say which sheets to read, and groups of them are read side by side (one scan
        // would page through a round one round trip after another).
        const wanted = new Set<string>();
        const idOf = (e: Entity) => e.partitionKey.slice(roundId.length + 1);
        const partitionKeyPrefix = `${roundId}|`;
        await Promise.all([
          (async () => {
            for await (const e of table.scan({ partitionKeyPrefix, rowKeyPrefix: RESPONSE }))
              if (e.rowKey === RESPONSE) {
                wanted.add(idOf(e));
                reader.list(unpackVersions(e.doc[LATEST]));
              }
          })(),
          (async () => {
            for await (const e of table.scan({ partitionKeyPrefix, rowKeyPrefix: CARRIED }))
              wanted.add(idOf(e));
          })(),
        ]);
        const ids = [...wanted];
        await mapBounded(prefixGroups(ids.sort(), VERSION_GROUP), LIST_CONCURRENCY, async (g) => {
          const pk = sheetKey(roundId, g.prefix);
          const found = g.exact
            ? table.query(pk, RECORD)
            : table.scan({ partitionKeyPrefix: pk, ...RECORD });
          for await (const e of found)
            if (wanted.has(e.partitionKey.slice(roundId.length + 1))) reader.add(e);
        });
      }
      const out = reader.versions();
      return measureId === undefined ? out : out.filter((v) => v.measureId === measureId);
    },

    async rewriteSheets(roundId, rewrite) {
      const count = { versions: 0, measures: 0, responses: 0 };
      const partitions = new Set<string>();
      for (const rowKeyPrefix of [RESPONSE, MEASURE, RECORD_ROWS])
        for await (const e of table.scan({ partitionKeyPrefix: `${roundId}|`, rowKeyPrefix }))
          partitions.add(e.partitionKey);
      for (const pk of partitions) {
        // Versions renamed per row, as last planned for it (a row rewritten is left alone after).
        const renamed = new Map<string, number>();
        const done = await rewritePartition(
          table,
          pk,
          {},
          (rows) => planSheet(rows, rewrite, renamed),
          RESPONSE,
        );
        for (const k of done) {
          if (k === RESPONSE) {
            count.responses += renamed.get(RECORD_CHANGED) ?? 0;
            count.versions += renamed.get(RESPONSE) ?? 0;
          } else if (k.startsWith(MEASURE)) count.measures++;
          else count.versions += renamed.get(k) ?? 0;
        }
      }
      return count;
    },

    async deleteRound(roundId) {
      await deletePartitions(table, `${roundId}|`);
    },
  };
}

/** The new documents of a sheet's rows under `rewrite`, by row key (only those that change). */
function planSheet(
  rows: readonly Entity[],
  rewrite: SheetRewrite,
  renamed: Map<string, number>,
): Map<string, Doc> {
  const out = new Map<string, Doc>();
  const reader = new VersionReader();
  const response = rows.find((e) => e.rowKey === RESPONSE);
  const latest = unpackVersions(response?.doc[LATEST]);
  reader.list(latest);
  const recordRows = rows.filter((e) => e.rowKey.startsWith(RECORD_ROWS));
  for (const e of recordRows) reader.add(e);
  const versions = reader.versions().sort(inTimeOrder);
  /** A packed list of versions rewritten; `undefined` when none changed. */
  const rewriteList = (key: string, list: readonly Version[]) => {
    let n = 0;
    const next = list.map((v) => {
      const changed = rewrite.version(v);
      if (changed) n++;
      return changed ?? v;
    });
    if (!n) return undefined;
    renamed.set(key, n);
    return next;
  };
  for (const e of recordRows) {
    if (e.rowKey.startsWith(BLOCK_ROWS)) {
      const next = rewriteList(e.rowKey, unpackVersions(e.doc.deflated));
      if (next) out.set(e.rowKey, { deflated: packVersions(next) });
    } else {
      const next = rewrite.version(Version.parse(e.doc));
      if (next) {
        out.set(e.rowKey, next);
        // A version in parts counts once.
        if (e.rowKey.endsWith('|00')) renamed.set(e.rowKey, 1);
      }
    }
  }
  for (const e of rows) {
    if (!e.rowKey.startsWith(MEASURE)) continue;
    const m = Measure.parse(e.doc);
    const next = rewrite.measure(
      m,
      versions.filter((v) => v.kind === 'measure' && v.measureId === m.id),
    );
    if (next) out.set(e.rowKey, Measure.parse(next));
  }
  if (response) {
    const value = Response.parse(response.doc);
    const record = rewrite.response(value, versions);
    const list = rewriteList(RESPONSE, latest);
    if (record || list) {
      out.set(RESPONSE, {
        ...Response.parse(record ?? value),
        ...(latest.length ? { [LATEST]: packVersions(list ?? latest) } : {}),
      });
      if (record) renamed.set(RECORD_CHANGED, 1);
    }
  }
  return out;
}
