import { randomBytes } from 'node:crypto';
import { Version } from '../bot/domain/audit/version';
import { LIMITS, storedJson } from './entity-codec';
import type { Entity, TableOp } from './table';

/**
 * Versions are rows of their own beside what they version, in its partition, so that a
 * change and its version go in one transaction. Their row keys start with `~version|`,
 * which sorts after every live row: reads of live rows stop below `~` (RECORD_ROWS).
 *
 *   `~version|{scope}|{at}|{tag}|{part}`
 *
 * `scope` says what is versioned (`measure|{id}`, `organisation`, `point|{goal}|{seq}`, …), so
 * one thing's versions are one row-key range; `tag` tells versions of one instant apart and
 * keeps those written together in their order; a version too big for one entity is spread
 * over parts, each with some of its changes.
 */
export const VERSION_ROWS = '~version|';
/** Row keys of live rows sort below this. */
export const RECORD_ROWS = '~';

/** The row-key prefix of a scope's versions. */
export const versionScope = (scope: string) => `${VERSION_ROWS}${scope}|`;

/** Room for the keys and the row's own properties beside a part's JSON. */
const PART_BYTES = LIMITS.entityBytes - 16 * 1024;

const bytes = (value: unknown) => 2 * storedJson(value).length;

/** The changes of `version` cut into parts that each fit an entity (most versions: one). */
function parts(version: Version): Version[] {
  const { changes, ...rest } = version;
  const base = bytes(rest) + 64;
  if (base + bytes(changes) <= PART_BYTES) return [version];
  const out: Version[] = [];
  let current: Version['changes'] = {};
  let size = base;
  for (const [field, change] of Object.entries(changes)) {
    const more = bytes({ [field]: change });
    if (size + more > PART_BYTES && Object.keys(current).length) {
      out.push({ ...rest, changes: current });
      current = {};
      size = base;
    }
    current[field] = change;
    size += more;
  }
  out.push({ ...rest, changes: current });
  return out;
}

/**
 * The create operations storing `versions` (in their order) under `scopeOf(version)`: to be
 * put in the same transaction as the change they record.
 */
export function versionOps(
  versions: readonly Version[],
  scopeOf: (v: Version) => string,
): TableOp[] {
  const tag = randomBytes(5).toString('hex');
  return versions.flatMap((v, i) => {
    const value = Version.parse(v);
    const key = `${versionScope(scopeOf(value))}${value.at}|${tag}${String(i).padStart(2, '0')}|`;
    return parts(value).map((doc, p) => ({
      kind: 'create' as const,
      rowKey: `${key}${String(p).padStart(2, '0')}`,
      doc,
    }));
  });
}

/** Versions back from their rows (any order), the parts of each put together again. */
export function versionsOf(
  rows: Iterable<Pick<Entity, 'partitionKey' | 'rowKey' | 'doc'>>,
): Version[] {
  const byKey = new Map<string, Version>();
  const sorted = [...rows].sort((a, b) =>
    a.partitionKey === b.partitionKey
      ? a.rowKey < b.rowKey
        ? -1
        : 1
      : a.partitionKey < b.partitionKey
        ? -1
        : 1,
  );
  for (const row of sorted) {
    const key = `${row.partitionKey}\n${row.rowKey.slice(0, row.rowKey.lastIndexOf('|'))}`;
    const part = Version.parse(row.doc);
    const seen = byKey.get(key);
    if (seen) Object.assign(seen.changes, part.changes);
    else byKey.set(key, part);
  }
  return [...byKey.values()];
}
