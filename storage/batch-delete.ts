import type { Table } from './table';

/** Table Storage takes at most 100 operations in one transaction. */
const BATCH = 100;

/** Deletes the given rows of one partition, a transaction per 100; resolves to how many. */
export async function deleteRows(
  table: Table,
  partitionKey: string,
  rowKeys: readonly string[],
): Promise<number> {
  for (let i = 0; i < rowKeys.length; i += BATCH) {
    await table.transact(
      partitionKey,
      rowKeys.slice(i, i + BATCH).map((rowKey) => ({ kind: 'delete' as const, rowKey })),
    );
  }
  return rowKeys.length;
}

/** Deletes every entity of one partition. */
export async function deletePartition(table: Table, partitionKey: string): Promise<number> {
  const rows: string[] = [];
  for await (const e of table.query(partitionKey)) rows.push(e.rowKey);
  return deleteRows(table, partitionKey, rows);
}

/** Deletes every entity whose partition key starts with `prefix`. */
export async function deletePartitions(table: Table, prefix: string): Promise<number> {
  const byPartition = new Map<string, string[]>();
  for await (const e of table.scan({ partitionKeyPrefix: prefix })) {
    const rows = byPartition.get(e.partitionKey) ?? [];
    rows.push(e.rowKey);
    byPartition.set(e.partitionKey, rows);
  }
  let n = 0;
  for (const [pk, rows] of byPartition) n += await deleteRows(table, pk, rows);
  return n;
}
