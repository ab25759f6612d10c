import { MemoryTableService } from '../../storage/memory-table';
import { tableContract } from './table-contract';
import { storeContract } from './store-contract';

describe('MemoryTableService (in-memory twin)', () => {
  tableContract(() => new MemoryTableService());
  storeContract(() => new MemoryTableService());
});
