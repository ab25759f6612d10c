import { isDomainError } from '../bot/domain/errors';
import type { Doc, Entity, RowRange, Table, TableOp } from './table';

/** Table Storage takes at most 100 operations in one transaction. */
const BATCH = 100;
const ATTEMPTS = 5;

async function rows(table: Table, pk: string, range: RowRange): Promise<Entity[]> {
  const out: Entity[] = [];
  for await (const e of table.query(pk, range)) out.push(e);
  return out;
}

/**
 * Rewrites rows of one partition in place (erasure): `plan` gets the rows in `range` and
 * returns the new documents of those that change, by row key. They are written with their
 * ETags, at most 100 to a transaction; with `guard` (a row every writer of the partition
 * replaces, as the response record of a sheet), each transaction replaces it too, so whoever
 * holds the partition as read finds it changed. A row changed meanwhile fails its transaction,
 * and the partition is read and planned again: `plan` must leave a rewritten row alone.
 * Resolves to the row keys rewritten.
 */
export async function rewritePartition(
  table: Table,
  pk: string,
  range: RowRange,
  plan: (rows: readonly Entity[]) => Map<string, Doc>,
  guard?: string,
): Promise<Set<string>> {
  const done = new Set<string>();
  for (let attempt = 1; ; attempt++) {
    const read = await rows(table, pk, range);
    const byKey = new Map(read.map((e) => [e.rowKey, e]));
    const changed = plan(read);
    if (!changed.size) return done;
    const guardRow = guard === undefined ? undefined : byKey.get(guard);
    const keys = [...changed.keys()].filter((k) => k !== guard || !guardRow);
    let guardEtag = guardRow?.etag;
    const guardDoc = guardRow && (changed.get(guardRow.rowKey) ?? guardRow.doc);
    try {
      if (guardRow && keys.length === 0) keys.push(''); // the guard alone changes: one round
      const step = guardRow ? BATCH - 1 : BATCH;
      for (let i = 0; i < keys.length; i += step) {
        const chunk = keys.slice(i, i + step).filter((k) => k !== '');
        const ops: TableOp[] = chunk.map((k) => ({
          kind: 'replace',
          rowKey: k,
          doc: changed.get(k) as Doc,
          etag: byKey.get(k)?.etag ?? '',
        }));
        if (guardRow && guardDoc && guardEtag !== undefined)
          ops.unshift({ kind: 'replace', rowKey: guardRow.rowKey, doc: guardDoc, etag: guardEtag });
        const etags = await table.transact(pk, ops);
        if (guardRow) {
          guardEtag = etags[0];
          if (changed.has(guardRow.rowKey)) done.add(guardRow.rowKey);
        }
        for (const k of chunk) done.add(k);
      }
      return done;
    } catch (e) {
      if (
        !(isDomainError(e, 'Conflict') || isDomainError(e, 'AlreadyExists')) ||
        attempt >= ATTEMPTS
      )
        throw e;
    }
  }
}
