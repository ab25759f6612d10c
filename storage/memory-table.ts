import { AlreadyExistsError, ConflictError } from '../bot/domain/errors';
import { checkTransaction, decodeEntity, encodeEntity, type EncodedProps } from './entity-codec';
import type { Doc, Entity, RowRange, Table, TableOp, TableService } from './table';

interface Row {
  props: EncodedProps;
  etag: string;
}

/**
 * In-memory twin of AzureTable for fast unit tests: same ETag, create and transaction
 * semantics, same size limits, and documents copied in and out so callers never share state.
 */
export class MemoryTable implements Table {
  private readonly partitions = new Map<string, Map<string, Row>>();
  private version = 0;

  private nextEtag(): string {
    return `W/"datetime'${++this.version}'"`;
  }

  private partition(pk: string): Map<string, Row> {
    let p = this.partitions.get(pk);
    if (!p) this.partitions.set(pk, (p = new Map()));
    return p;
  }

  private entity(pk: string, rk: string, row: Row): Entity {
    return { partitionKey: pk, rowKey: rk, etag: row.etag, doc: decodeEntity(row.props) };
  }

  private write(pk: string, rk: string, doc: Doc): Entity {
    const row = { props: encodeEntity(pk, rk, doc).props, etag: this.nextEtag() };
    this.partition(pk).set(rk, row);
    return this.entity(pk, rk, row);
  }

  async get(pk: string, rk: string): Promise<Entity | undefined> {
    const row = this.partitions.get(pk)?.get(rk);
    return row && this.entity(pk, rk, row);
  }

  async create(pk: string, rk: string, doc: Doc): Promise<Entity> {
    if (this.partitions.get(pk)?.has(rk)) throw new AlreadyExistsError(`${pk}/${rk}`);
    return this.write(pk, rk, doc);
  }

  async replace(pk: string, rk: string, doc: Doc, etag: string): Promise<Entity> {
    if (this.partitions.get(pk)?.get(rk)?.etag !== etag) throw new ConflictError(`${pk}/${rk}`);
    return this.write(pk, rk, doc);
  }

  async upsert(pk: string, rk: string, doc: Doc): Promise<Entity> {
    return this.write(pk, rk, doc);
  }

  async delete(pk: string, rk: string, etag?: string): Promise<boolean> {
    const row = this.partitions.get(pk)?.get(rk);
    if (!row) {
      if (etag !== undefined) throw new ConflictError(`${pk}/${rk}`);
      return false;
    }
    if (etag !== undefined && row.etag !== etag) throw new ConflictError(`${pk}/${rk}`);
    this.partitions.get(pk)?.delete(rk);
    return true;
  }

  async *query(pk: string, options: RowRange = {}): AsyncIterable<Entity> {
    const p = this.partitions.get(pk);
    if (!p) return;
    const prefix = options.rowKeyPrefix ?? '';
    const below = options.rowKeyBelow;
    for (const rk of [...p.keys()].sort()) {
      const row = p.get(rk);
      if (row && rk.startsWith(prefix) && (below === undefined || rk < below))
        yield this.entity(pk, rk, row);
    }
  }

  async *scan(options: { partitionKeyPrefix?: string } & RowRange = {}): AsyncIterable<Entity> {
    const { partitionKeyPrefix: prefix = '', ...rows } = options;
    for (const pk of [...this.partitions.keys()].sort()) {
      if (pk.startsWith(prefix)) yield* this.query(pk, rows);
    }
  }

  async transact(pk: string, ops: TableOp[]): Promise<string[]> {
    // Check everything first so a failing op leaves the partition untouched, as in Azure.
    let bytes = 0;
    const p = this.partitions.get(pk);
    for (const op of ops) {
      if (op.kind !== 'delete') bytes += encodeEntity(pk, op.rowKey, op.doc).bytes;
      const row = p?.get(op.rowKey);
      const key = `${pk}/${op.rowKey}`;
      if (op.kind === 'create' && row) throw new AlreadyExistsError(key);
      if (op.kind === 'replace' && row?.etag !== op.etag) throw new ConflictError(key);
      if (op.kind === 'delete' && !row) throw new ConflictError(key);
    }
    checkTransaction(ops.length, bytes);
    return ops.map((op) => {
      if (op.kind !== 'delete') return this.write(pk, op.rowKey, op.doc).etag;
      this.partitions.get(pk)?.delete(op.rowKey);
      return '';
    });
  }
}

export class MemoryTableService implements TableService {
  private readonly tables = new Map<string, MemoryTable>();

  table(name: string): Table {
    let t = this.tables.get(name);
    if (!t) this.tables.set(name, (t = new MemoryTable()));
    return t;
  }

  async ping(): Promise<void> {}
}
