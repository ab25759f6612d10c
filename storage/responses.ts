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
import { RECORD_ROWS, VERSION_ROWS, versionOps, versionScope, versionsOf } from './version-rows';

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
/** Live rows only: the sheet as use cases read it. */
const LIVE = { rowKeyBelow: RECORD_ROWS };
/** First characters of organisation ids: a round's versions are read in this many ranges at once. */
const ID_STARTS = [...'0123456789abcdefghijklmnopqrstuvwxyz'];

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
  const addToSheet = (sheet: OrganisationSheet, e: Entity): void => {
    if (e.rowKey === RESPONSE) sheet.response = versioned(Response.parse(e.doc), e);
    else if (e.rowKey.startsWith(MEASURE)) sheet.measures.push(versioned(measureOf(e), e));
  };
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
            addToSheet(sheet, e);
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
        addToSheet(sheet, e);
      }
      return sheets;
    },

    async writeSheet(roundId, organisationId, { measure, response, responseEtag, versions }) {
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
      const at = ops.length;
      ops.push(
        responseEtag === undefined
          ? { kind: 'create', rowKey: RESPONSE, doc: value }
          : { kind: 'replace', rowKey: RESPONSE, doc: value, etag: responseEtag },
      );
      for (const v of versions)
        if (v.roundId !== roundId || v.organisationId !== organisationId)
          throw new Error('writeSheet: a version belongs to another sheet');
      // The change and its versions: one transaction, so neither is ever stored alone.
      ops.push(...versionOps(versions, scopeOf));
      const etags = await table.transact(sheetKey(roundId, organisationId), ops);
      const responseTag = etags[at] ?? '';
      return {
        ...(saved ? { measure: { value: saved, etag: etags[0] ?? '' } } : {}),
        response: { value, etag: responseTag },
      };
    },

    async createMeasure(roundId, organisationId, measure) {
      const value = Measure.parse(measure);
      const e = await table.create(sheetKey(roundId, organisationId), MEASURE + value.id, value);
      return versioned(value, e);
    },

    async carryMeasure(roundId, organisationId, measure) {
      const value = Measure.parse(measure);
      try {
        await table.transact(sheetKey(roundId, organisationId), [
          { kind: 'create', rowKey: CARRIED + value.id, doc: { from: value.carriedFrom ?? null } },
          { kind: 'create', rowKey: MEASURE + value.id, doc: value },
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
      const e =
        etag === undefined
          ? await table.create(pk, RESPONSE, value)
          : await table.replace(pk, RESPONSE, value, etag);
      return versioned(value, e);
    },

    async versions(roundId, filter = {}) {
      const { organisationId, measureId } = filter;
      const rows: Entity[] = [];
      if (organisationId !== undefined) {
        const prefix =
          measureId === undefined ? VERSION_ROWS : versionScope(`measure|${measureId}`);
        for await (const e of table.query(sheetKey(roundId, organisationId), {
          rowKeyPrefix: prefix,
        }))
          rows.push(e);
      } else {
        // A range of organisation ids per read, several at once: one scan would page through
        // the round's versions one round trip after another.
        await mapBounded(ID_STARTS, LIST_CONCURRENCY, async (c) => {
          const rowKeyPrefix = VERSION_ROWS;
          for await (const e of table.scan({
            partitionKeyPrefix: sheetKey(roundId, c),
            rowKeyPrefix,
          }))
            rows.push(e);
        });
      }
      const out = versionsOf(rows);
      return measureId === undefined ? out : out.filter((v) => v.measureId === measureId);
    },

    async rewriteSheets(roundId, rewrite) {
      const count = { versions: 0, measures: 0, responses: 0 };
      const partitions = new Set<string>();
      for await (const e of table.scan({
        partitionKeyPrefix: `${roundId}|`,
        rowKeyPrefix: RESPONSE,
      }))
        partitions.add(e.partitionKey);
      for await (const e of table.scan({
        partitionKeyPrefix: `${roundId}|`,
        rowKeyPrefix: VERSION_ROWS,
      }))
        partitions.add(e.partitionKey);
      for await (const e of table.scan({
        partitionKeyPrefix: `${roundId}|`,
        rowKeyPrefix: MEASURE,
      }))
        partitions.add(e.partitionKey);
      for (const pk of partitions) {
        const done = await rewritePartition(
          table,
          pk,
          {},
          (rows) => planSheet(rows, rewrite),
          RESPONSE,
        );
        for (const k of done) {
          if (k === RESPONSE) count.responses++;
          else if (k.startsWith(MEASURE)) count.measures++;
          else if (k.startsWith(VERSION_ROWS) && k.endsWith('|00')) count.versions++;
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
function planSheet(rows: readonly Entity[], rewrite: SheetRewrite): Map<string, Doc> {
  const out = new Map<string, Doc>();
  const versionRows = rows.filter((e) => e.rowKey.startsWith(VERSION_ROWS));
  const versions = versionsOf(versionRows).sort(inTimeOrder);
  for (const e of versionRows) {
    const next = rewrite.version(Version.parse(e.doc));
    if (next) out.set(e.rowKey, next);
  }
  for (const e of rows) {
    if (e.rowKey.startsWith(MEASURE)) {
      const m = Measure.parse(e.doc);
      const next = rewrite.measure(
        m,
        versions.filter((v) => v.kind === 'measure' && v.measureId === m.id),
      );
      if (next) out.set(e.rowKey, Measure.parse(next));
    } else if (e.rowKey === RESPONSE) {
      const next = rewrite.response(Response.parse(e.doc), versions);
      if (next) out.set(e.rowKey, Response.parse(next));
    }
  }
  return out;
}
