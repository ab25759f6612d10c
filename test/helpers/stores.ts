import type { Stores } from '../../bot/domain/ports';
import { createStores } from '../../storage';
import { MemoryTableService } from '../../storage/memory-table';

/** Stores for service tests: the in-memory twin, with Table Storage's create / ETag semantics. */
export function testStores(): Stores {
  return createStores(new MemoryTableService());
}
