import { Measure } from '../bot/domain/measure';
import type { OrganisationSheet, ResponseStore, Versioned } from '../bot/domain/ports';
import { Response } from '../bot/domain/response';
import type { Entity, Table } from './table';

/**
 * One partition per (round, organisation): the response record and its measures. Everything
 * a respondent does reads and writes that one partition.
 */
export const sheetKey = (roundId: string, organisationId: string) => `${roundId}|${organisationId}`;
const RESPONSE = 'response';
const MEASURE = 'measure|';

const versioned = <T>(value: T, e: Pick<Entity, 'etag'>): Versioned<T> => ({ value, etag: e.etag });

function addToSheet(sheet: OrganisationSheet, e: Entity): void {
  if (e.rowKey === RESPONSE) sheet.response = versioned(Response.parse(e.doc), e);
  else if (e.rowKey.startsWith(MEASURE)) sheet.measures.push(versioned(Measure.parse(e.doc), e));
}

async function readSheet(table: Table, roundId: string, organisationId: string) {
  const sheet: OrganisationSheet = { response: undefined, measures: [] };
  for await (const e of table.query(sheetKey(roundId, organisationId))) addToSheet(sheet, e);
  return sheet;
}

/** Partitions read at once by listSheets: enough to hide round trips, few enough to be polite. */
const LIST_CONCURRENCY = 8;

/** `fn` over `items` with at most `limit` calls under way; results in input order. */
async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export function tableResponseStore(table: Table): ResponseStore {
  return {
    getSheet: (roundId, organisationId) => readSheet(table, roundId, organisationId),

    async listSheets(roundId, organisationIds) {
      const sheets = new Map<string, OrganisationSheet>();
      if (organisationIds) {
        // One query per partition, a bounded number at a time: a single scan pages through
        // the round 1 000 entities per round trip, one after another.
        const read = await mapBounded(organisationIds, LIST_CONCURRENCY, (id) =>
          readSheet(table, roundId, id),
        );
        organisationIds.forEach((id, i) => {
          const sheet = read[i];
          if (sheet && (sheet.response || sheet.measures.length > 0)) sheets.set(id, sheet);
        });
        return sheets;
      }
      const prefix = `${roundId}|`;
      for await (const e of table.scan({ partitionKeyPrefix: prefix })) {
        const organisationId = e.partitionKey.slice(prefix.length);
        let sheet = sheets.get(organisationId);
        if (!sheet) sheets.set(organisationId, (sheet = { response: undefined, measures: [] }));
        addToSheet(sheet, e);
      }
      return sheets;
    },

    async createMeasure(roundId, organisationId, measure) {
      const value = Measure.parse(measure);
      const e = await table.create(sheetKey(roundId, organisationId), MEASURE + value.id, value);
      return versioned(value, e);
    },

    async updateMeasure(roundId, organisationId, measure, etag) {
      const value = Measure.parse(measure);
      const pk = sheetKey(roundId, organisationId);
      const e = await table.replace(pk, MEASURE + value.id, value, etag);
      return versioned(value, e);
    },

    async deleteMeasure(roundId, organisationId, measureId, etag) {
      return table.delete(sheetKey(roundId, organisationId), MEASURE + measureId, etag);
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

    async deleteRound(roundId) {
      await deletePartitions(table, `${roundId}|`);
    },
  };
}

/** Deletes every entity whose partition key starts with `prefix`, 100 per transaction. */
export async function deletePartitions(table: Table, prefix: string): Promise<number> {
  const byPartition = new Map<string, string[]>();
  for await (const e of table.scan({ partitionKeyPrefix: prefix })) {
    const rows = byPartition.get(e.partitionKey) ?? [];
    rows.push(e.rowKey);
    byPartition.set(e.partitionKey, rows);
  }
  let n = 0;
  for (const [pk, rows] of byPartition) {
    for (let i = 0; i < rows.length; i += 100) {
      const chunk = rows.slice(i, i + 100);
      await table.transact(
        pk,
        chunk.map((rowKey) => ({ kind: 'delete' as const, rowKey })),
      );
      n += chunk.length;
    }
  }
  return n;
}
