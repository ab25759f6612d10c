import { DefaultAzureCredential } from '@azure/identity';
import type { StorageConfig } from '../bot/config';
import type { Stores } from '../bot/domain/ports';
import { AzureTableService } from './azure-table';
import { connectOrStartEmbedded } from './azurite';
import { tableConversationStore } from './conversations';
import { tableDeliveryStore } from './deliveries';
import { tableRecordStore } from './record';
import { tableResponseStore } from './responses';
import { tableRoundStateStore } from './round-state';
import { tableRoundStore } from './rounds';
import { tableSetupStore } from './setup';
import type { TableService } from './table';
import { tableWorkshopStore } from './workshops';

export type { Doc, Entity, RowRange, Table, TableOp, TableService } from './table';
export { AzureTableService } from './azure-table';
export { MemoryTableService } from './memory-table';
export { startAzurite, connectOrStartEmbedded, azuriteConnectionString } from './azurite';

/** Table names (after the configured prefix). */
export const TABLES = {
  rounds: 'rounds',
  responses: 'responses',
  conversations: 'conversations',
  deliveries: 'deliveries',
  roundState: 'roundstate',
  workshops: 'workshop',
  setup: 'setup',
  record: 'record',
} as const;

/** The typed stores over any table service (Azure Tables or the in-memory twin). */
export function createStores(tables: TableService): Stores {
  return {
    rounds: tableRoundStore(tables.table(TABLES.rounds)),
    responses: tableResponseStore(tables.table(TABLES.responses)),
    conversations: tableConversationStore(tables.table(TABLES.conversations)),
    deliveries: tableDeliveryStore(tables.table(TABLES.deliveries)),
    roundState: tableRoundStateStore(tables.table(TABLES.roundState)),
    workshops: tableWorkshopStore(tables.table(TABLES.workshops)),
    setup: tableSetupStore(tables.table(TABLES.setup)),
    record: tableRecordStore(tables.table(TABLES.record)),
    ping: () => tables.ping(),
  };
}

export interface OpenStorage {
  stores: Stores;
  tables: TableService;
  /** Stops the embedded Azurite when this process started it. */
  close(): Promise<void>;
}

/** Connects as configured; with no storage configured, to the embedded Azurite. */
export async function openStorage(
  config: StorageConfig,
  log: (message: string) => void = () => {},
): Promise<OpenStorage> {
  let close = async () => {};
  let tables: TableService;
  if (config.kind === 'connectionString') {
    tables = new AzureTableService(
      { connectionString: config.connectionString },
      config.tablePrefix,
    );
  } else if (config.kind === 'endpoint') {
    tables = new AzureTableService(
      { endpoint: config.endpoint, credential: new DefaultAzureCredential() },
      config.tablePrefix,
    );
  } else {
    const azurite = await connectOrStartEmbedded(config.dataDir);
    log(
      azurite.pid
        ? `started embedded Azurite on port ${azurite.port} (data in ${config.dataDir}/azurite)`
        : `using the embedded Azurite already running on port ${azurite.port}`,
    );
    tables = new AzureTableService(
      { connectionString: azurite.connectionString },
      config.tablePrefix,
    );
    close = () => azurite.stop();
  }
  return { stores: createStores(tables), tables, close };
}
