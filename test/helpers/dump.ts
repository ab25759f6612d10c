import { TABLES } from '../../storage';
import type { TableService } from '../../storage/table';

/**
 * Every entity of every table with its ETag: equal dumps mean nothing was written. `except`
 * leaves out tables a request may rightly touch (conversation references are refreshed on
 * every message, as Teams bots must, even when the request itself is refused).
 */
export async function dumpTables(
  tables: TableService,
  except: ReadonlyArray<string> = [],
): Promise<string> {
  const out: string[] = [];
  for (const name of Object.values(TABLES).filter((t) => !except.includes(t))) {
    for await (const e of tables.table(name).scan())
      out.push(`${name}|${e.partitionKey}|${e.rowKey}|${e.etag}`);
  }
  return out.sort().join('\n');
}
