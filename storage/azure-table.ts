import {
  type TableEntity,
  TableClient,
  type TableServiceClientOptions,
  type TransactionAction,
  odata,
} from '@azure/data-tables';
import type { TokenCredential } from '@azure/core-auth';
import { AlreadyExistsError, ConflictError, StorageUnavailableError } from '../bot/domain/errors';
import { checkTransaction, decodeEntity, encodeEntity } from './entity-codec';
import { decodeKey, encodeKey, prefixEnd } from './key-codec';
import type { Doc, Entity, RowRange, Table, TableOp, TableService } from './table';

/** How to reach Table Storage: a connection string, or an endpoint with a token credential. */
export type TableConnection =
  { connectionString: string } | { endpoint: string; credential: TokenCredential };

function statusOf(e: unknown): number | undefined {
  const s = (e as { statusCode?: unknown } | null)?.statusCode;
  return typeof s === 'number' ? s : undefined;
}

/** Maps Table Storage errors to the domain's typed errors; 404 handling is left to callers. */
function mapError(e: unknown, key: string): unknown {
  const status = statusOf(e);
  if (status === 409) return new AlreadyExistsError(key);
  if (status === 412) return new ConflictError(key);
  if (status === undefined || status >= 500 || status === 408) {
    const reason = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return new StorageUnavailableError(reason ?? 'no answer', e);
  }
  return e;
}

const isMissing = (e: unknown) => statusOf(e) === 404;

/** OData conditions selecting the rows of a RowRange (none: every row). */
function rowFilters({ rowKeyPrefix, rowKeyBelow }: RowRange): string[] {
  const out: string[] = [];
  const prefix = rowKeyPrefix ? encodeKey(rowKeyPrefix) : '';
  if (prefix) out.push(odata`RowKey ge ${prefix} and RowKey lt ${prefixEnd(prefix)}`);
  if (rowKeyBelow !== undefined) out.push(odata`RowKey lt ${encodeKey(rowKeyBelow)}`);
  return out;
}

type Props = Record<string, unknown> & { partitionKey?: string; rowKey?: string; etag?: string };

export class AzureTable implements Table {
  private created: Promise<void> | undefined;

  constructor(private readonly client: TableClient) {}

  /** Creates the table once per process; a failure is forgotten so the next call retries. */
  private ready(): Promise<void> {
    this.created ??= this.client.createTable().catch((e: unknown) => {
      this.created = undefined;
      if (statusOf(e) !== 409) throw mapError(e, this.client.tableName);
    });
    return this.created;
  }

  private toEntity(props: Props, etag: string | undefined): Entity {
    return {
      partitionKey: decodeKey(String(props.partitionKey)),
      rowKey: decodeKey(String(props.rowKey)),
      etag: String(etag ?? props.etag),
      // Decoded on first use: a typed store that knows this version already never needs it.
      get doc() {
        const doc = decodeEntity(props);
        Object.defineProperty(this, 'doc', { value: doc, enumerable: true });
        return doc;
      },
    };
  }

  private row(pk: string, rk: string, doc: Doc): TableEntity {
    const { props } = encodeEntity(pk, rk, doc);
    return { partitionKey: encodeKey(pk), rowKey: encodeKey(rk), ...props };
  }

  private async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    await this.ready();
    try {
      return await fn();
    } catch (e) {
      throw mapError(e, key);
    }
  }

  async get(pk: string, rk: string): Promise<Entity | undefined> {
    await this.ready();
    try {
      const props = await this.client.getEntity<Props>(encodeKey(pk), encodeKey(rk));
      return this.toEntity(props, props.etag);
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw mapError(e, `${pk}/${rk}`);
    }
  }

  async create(pk: string, rk: string, doc: Doc): Promise<Entity> {
    const row = this.row(pk, rk, doc);
    const res = await this.run(`${pk}/${rk}`, () => this.client.createEntity(row));
    return { partitionKey: pk, rowKey: rk, etag: String(res.etag), doc };
  }

  async replace(pk: string, rk: string, doc: Doc, etag: string): Promise<Entity> {
    const row = this.row(pk, rk, doc);
    await this.ready();
    try {
      const res = await this.client.updateEntity(row, 'Replace', { etag });
      return { partitionKey: pk, rowKey: rk, etag: String(res.etag), doc };
    } catch (e) {
      // Replacing something deleted meanwhile is a conflict too: the caller's view is stale.
      if (isMissing(e)) throw new ConflictError(`${pk}/${rk}`);
      throw mapError(e, `${pk}/${rk}`);
    }
  }

  async upsert(pk: string, rk: string, doc: Doc): Promise<Entity> {
    const row = this.row(pk, rk, doc);
    const res = await this.run(`${pk}/${rk}`, () => this.client.upsertEntity(row, 'Replace'));
    return { partitionKey: pk, rowKey: rk, etag: String(res.etag), doc };
  }

  async delete(pk: string, rk: string, etag?: string): Promise<boolean> {
    await this.ready();
    try {
      await this.client.deleteEntity(encodeKey(pk), encodeKey(rk), etag ? { etag } : {});
      return true;
    } catch (e) {
      if (isMissing(e)) {
        if (etag !== undefined) throw new ConflictError(`${pk}/${rk}`);
        return false;
      }
      throw mapError(e, `${pk}/${rk}`);
    }
  }

  private async *list(filter: string): AsyncIterable<Entity> {
    await this.ready();
    const pages = this.client.listEntities<Props>({ queryOptions: { filter } }).byPage();
    while (true) {
      let page;
      try {
        page = await pages.next();
      } catch (e) {
        throw mapError(e, this.client.tableName);
      }
      if (page.done) return;
      for (const props of page.value) yield this.toEntity(props, props.etag);
    }
  }

  query(pk: string, options: RowRange = {}): AsyncIterable<Entity> {
    return this.list(
      [odata`PartitionKey eq ${encodeKey(pk)}`, ...rowFilters(options)].join(' and '),
    );
  }

  scan(options: { partitionKeyPrefix?: string } & RowRange = {}): AsyncIterable<Entity> {
    const prefix = options.partitionKeyPrefix ? encodeKey(options.partitionKeyPrefix) : '';
    const partitions = prefix
      ? [odata`PartitionKey ge ${prefix} and PartitionKey lt ${prefixEnd(prefix)}`]
      : [];
    return this.list([...partitions, ...rowFilters(options)].join(' and '));
  }

  async transact(pk: string, ops: TableOp[]): Promise<string[]> {
    if (ops.length === 0) return [];
    let bytes = 0;
    const actions: TransactionAction[] = ops.map((op) => {
      if (op.kind === 'delete')
        return ['delete', { partitionKey: encodeKey(pk), rowKey: encodeKey(op.rowKey) }];
      const row = this.row(pk, op.rowKey, op.doc);
      bytes += encodeEntity(pk, op.rowKey, op.doc).bytes;
      if (op.kind === 'create') return ['create', row];
      if (op.kind === 'upsert') return ['upsert', row, 'Replace'];
      return ['update', row, 'Replace', { etag: op.etag }];
    });
    checkTransaction(ops.length, bytes);
    await this.ready();
    let res;
    try {
      res = await this.client.submitTransaction(actions);
    } catch (e) {
      if (isMissing(e)) throw new ConflictError(pk);
      throw mapError(e, pk);
    }
    // Sub-responses come in request order; deletes carry no ETag.
    return ops.map((op, i) =>
      op.kind === 'delete' ? '' : (res.subResponses[i]?.etag?.trim() ?? ''),
    );
  }
}

const CLIENT_OPTIONS: TableServiceClientOptions = {
  // Fail fast enough for /healthz and a card to say "temporarily unavailable".
  retryOptions: { maxRetries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 1000 },
};

/** Azurite and other local endpoints speak plain http. */
const INSECURE = /(TableEndpoint=http:|DefaultEndpointsProtocol=http;|UseDevelopmentStorage=true)/i;

export class AzureTableService implements TableService {
  private readonly tables = new Map<string, AzureTable>();

  constructor(
    private readonly connection: TableConnection,
    private readonly prefix: string,
  ) {}

  table(name: string): AzureTable {
    const full = `${this.prefix}${name}`;
    let t = this.tables.get(full);
    if (!t) {
      const c = this.connection;
      const client =
        'connectionString' in c
          ? TableClient.fromConnectionString(c.connectionString, full, {
              ...CLIENT_OPTIONS,
              allowInsecureConnection: INSECURE.test(c.connectionString),
            })
          : new TableClient(c.endpoint, full, c.credential, CLIENT_OPTIONS);
      this.tables.set(full, (t = new AzureTable(client)));
    }
    return t;
  }

  async ping(): Promise<void> {
    await this.table('rounds').get('ping', 'ping');
  }
}
