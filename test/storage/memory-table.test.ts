import { MemoryTableService } from '../../storage/memory-table';
import { tableContract } from './table-contract';
import { recordContract } from './record-contract';
import { storeContract } from './store-contract';

describe('MemoryTableService (in-memory twin)', () => {
  tableContract(() => new MemoryTableService());
  storeContract(() => new MemoryTableService());
  recordContract(() => new MemoryTableService());
});
