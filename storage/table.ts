/**
 * The one storage port: a partitioned table of JSON documents with ETags, shaped after Azure
 * Table Storage. Implemented by AzureTable (Azure Tables / Azurite / Cosmos DB Table API)
 * and MemoryTable; typed stores (rounds, responses, …) are written once on top of it.
 *
 * Keys may be any string: implementations encode characters Table Storage forbids.
 * Documents are plain JSON objects (no BigInt, no Date, no undefined inside arrays).
 */
export type Doc = Record<string, unknown>;

export interface Entity<T extends Doc = Doc> {
  partitionKey: string;
  rowKey: string;
  etag: string;
  doc: T;
}

export type TableOp =
  | { kind: 'create'; rowKey: string; doc: Doc }
  | { kind: 'upsert'; rowKey: string; doc: Doc }
  | { kind: 'replace'; rowKey: string; doc: Doc; etag: string }
  /**
   * Unconditional (the entity must exist): the Azure SDK sends deletes in a transaction without
   * an ETag. Guard a delete with a `replace` of another entity of the partition that every
   * writer of the deleted one also changes (as the response record guards its measures).
   */
  | { kind: 'delete'; rowKey: string };

/**
 * Which rows of a partition a read returns: those whose row key starts with `rowKeyPrefix`
 * and, with `rowKeyBelow`, sorts before it (compared as stored, which keeps the order of
 * every character but those the implementations encode). Live rows sort before `~`, the
 * record's rows (versions) after it, so reads of live rows pass `rowKeyBelow: '~'`.
 */
export interface RowRange {
  rowKeyPrefix?: string;
  rowKeyBelow?: string;
}

export interface Table {
  get(partitionKey: string, rowKey: string): Promise<Entity | undefined>;
  /** AlreadyExistsError when the key exists. */
  create(partitionKey: string, rowKey: string, doc: Doc): Promise<Entity>;
  /** ConflictError when the ETag is stale or the entity is gone. */
  replace(partitionKey: string, rowKey: string, doc: Doc, etag: string): Promise<Entity>;
  upsert(partitionKey: string, rowKey: string, doc: Doc): Promise<Entity>;
  /** false when absent; ConflictError when `etag` is given and stale. */
  delete(partitionKey: string, rowKey: string, etag?: string): Promise<boolean>;
  /** Entities of one partition, in row-key order, optionally only some rows. */
  query(partitionKey: string, options?: RowRange): AsyncIterable<Entity>;
  /**
   * Every entity, optionally only partition keys with a prefix and some rows of each (for
   * reads across partitions, not hot paths).
   */
  scan(options?: { partitionKeyPrefix?: string } & RowRange): AsyncIterable<Entity>;
  /**
   * Atomic batch in one partition: all or nothing; ≤ 100 ops and ≤ 4 MiB. Resolves to the new
   * ETag of each op, in order (`''` for deletes). A stale `replace` ETag or a missing entity is
   * a ConflictError, a `create` of an existing key AlreadyExistsError; nothing is written then.
   */
  transact(partitionKey: string, ops: TableOp[]): Promise<string[]>;
}

export interface TableService {
  /** The table named `prefix + name`, created once on first use. */
  table(name: string): Table;
  /** Resolves when the service answers; throws StorageUnavailableError otherwise. */
  ping(): Promise<void>;
}
