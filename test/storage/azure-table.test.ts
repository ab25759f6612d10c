import assert from 'node:assert/strict';
import { isDomainError } from '../../bot/domain/errors';
import { AzureTableService } from '../../storage/azure-table';
import { azuriteConnectionString as connectionStringFor, freePort } from '../../storage/azurite';
import { azuriteConnectionString, uniquePrefix } from '../helpers/azurite';
import { recordContract } from './record-contract';
import { storeContract } from './store-contract';
import { tableContract } from './table-contract';

describe('AzureTableService on Azurite', () => {
  const make = () =>
    new AzureTableService({ connectionString: azuriteConnectionString() }, uniquePrefix());
  tableContract(make);
  storeContract(make);
  recordContract(make);

  it('answers ping when storage is up', async () => {
    await make().ping();
  });

  it('reports unreachable storage as StorageUnavailable, quickly and without throwing raw errors', async () => {
    const port = await freePort();
    const service = new AzureTableService(
      { connectionString: connectionStringFor(port) },
      uniquePrefix(),
    );
    const started = Date.now();
    await assert.rejects(service.ping(), (e: unknown) => isDomainError(e, 'StorageUnavailable'));
    await assert.rejects(service.table('x').get('p', 'r'), (e: unknown) =>
      isDomainError(e, 'StorageUnavailable'),
    );
    assert.ok(Date.now() - started < 10_000);
  });
});
