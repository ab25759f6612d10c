import type { Table, TableService } from '../../storage/table';

/**
 * `inner` with some methods of its tables replaced: `change(name, table)` returns the
 * replacements for the table `name` (the originals stay on `table`), e.g. to count or fail
 * calls the way storage would.
 */
export function wrappedTables(
  inner: TableService,
  change: (name: string, table: Table) => Partial<Table>,
): TableService {
  return {
    table(name) {
      const t = inner.table(name);
      return Object.assign(Object.create(t) as Table, change(name, t));
    },
    ping: () => inner.ping(),
  };
}
