import { randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { Version } from '../bot/domain/audit/version';
import { LIMITS, storedJson } from './entity-codec';
import type { Entity, TableOp } from './table';

/**
 * Versions are kept beside what they version, in its partition, so that a change and its
 * version go in one transaction. Their row keys start with `~`, which sorts after every live
 * row: reads of live rows stop below `~` (RECORD_ROWS).
 *
 * A version of its own row (workshop points, rounds, and a sheet's versions too big to
 * share one):
 *
 *   `~version|{scope}|{at}|{tag}|{part}`
 *
 * `scope` says what is versioned (`point|{goal}|{seq}`, a round's id, …), so one thing's
 * versions are one row-key range; `tag` tells versions of one instant apart and keeps those
 * written together in their order; a version too big for one entity is spread over parts,
 * each with some of its changes.
 *
 * A sheet (an organisation's answers) keeps its latest versions in its response record's
 * row, which every change of the sheet replaces anyway: a change's versions ride in the one
 * write the change makes. Once they take more than LATEST_PACKED packed, they move into a
 * block row `~version|block|{at}|{tag}` of the same transaction. Both are deflated: a round's
 * versions are tens of megabytes of JSON, and its history is then a few hundred rows of a
 * few kB, not one row per change.
 */
export const VERSION_ROWS = '~version|';
/** Row keys of live rows sort below this. */
export const RECORD_ROWS = '~';
/** Blocks of a sheet's earlier versions. */
export const BLOCK_ROWS = `${VERSION_ROWS}block|`;
/**
 * How big a sheet's latest versions grow, packed, before they become a block: what every
 * change of the sheet writes beside its response record stays this small.
 */
export const LATEST_PACKED = 4 * 1024;
/** …or as JSON: each change and each read of the sheet unpacks them, so they stay few. */
export const LATEST_CHARS = 16 * 1024;
/** A version longer than this (as JSON) gets a row of its own instead. */
export const OWN_ROW_CHARS = 64 * 1024;

/** The row-key prefix of a scope's versions. */
export const versionScope = (scope: string) => `${VERSION_ROWS}${scope}|`;

/** Room for the keys and the row's own properties beside a part's JSON. */
const PART_BYTES = LIMITS.entityBytes - 16 * 1024;

/** A document's size as Azure counts its strings (UTF-16, as stored). */
export const bytes = (value: unknown) => 2 * storedJson(value).length;

const VersionList = Version.array();

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

/**
 * Versions back from their rows, taken one by one as a read pages through them (so decoding
 * overlaps the next page's wait): blocks and latest lists opened, parts joined.
 */
export class VersionReader {
  private readonly listed: Version[] = [];
  private readonly parts = new Map<string, Version[]>();

  /** A row of versions: a block, or a version (or a part of one) of its own. */
  add(row: Pick<Entity, 'partitionKey' | 'rowKey' | 'doc'>): void {
    if (row.rowKey.startsWith(BLOCK_ROWS)) {
      this.list(unpackVersions(row.doc.deflated));
      return;
    }
    const cut = row.rowKey.lastIndexOf('|');
    const key = `${row.partitionKey}\n${row.rowKey.slice(0, cut)}`;
    const parts = this.parts.get(key) ?? [];
    parts[Number(row.rowKey.slice(cut + 1))] = Version.parse(row.doc);
    this.parts.set(key, parts);
  }

  /** Versions kept elsewhere (a sheet's latest, in its response record). */
  list(versions: readonly Version[]): void {
    for (const v of versions) this.listed.push(v);
  }

  /** Every version read, in no particular order. */
  versions(): Version[] {
    const out = this.listed;
    for (const parts of this.parts.values()) {
      const [first, ...rest] = parts.filter((p) => p !== undefined);
      if (!first) continue;
      for (const p of rest) Object.assign(first.changes, p.changes);
      out.push(first);
    }
    return out;
  }
}

/** Versions back from their rows (any order): blocks and latest lists opened, parts joined. */
export function versionsOf(
  rows: Iterable<Pick<Entity, 'partitionKey' | 'rowKey' | 'doc'>>,
): Version[] {
  const reader = new VersionReader();
  for (const row of rows) reader.add(row);
  return reader.versions();
}

/**
 * How the versions of a sheet's change are kept, in the transaction of the change: added to
 * the sheet's latest versions (`latest`, as read with it), which the response record then
 * carries; the earlier ones moved into a block once there are too many; a version too big
 * to share a row gets one of its own. Resolves to the operations to add and the latest
 * versions as they will be.
 */
export function sheetVersionOps(
  latest: readonly Version[] | undefined,
  versions: readonly Version[],
  scopeOf: (v: Version) => string,
): { ops: TableOp[]; latest: Version[]; packed: string } {
  const parsed = versions.map((v) => ({ v: Version.parse(v), json: JSON.stringify(v) }));
  const big = parsed.filter((x) => x.json.length > OWN_ROW_CHARS).map((x) => x.v);
  const small = parsed.filter((x) => x.json.length <= OWN_ROW_CHARS).map((x) => x.v);
  const ops = big.length ? versionOps(big, scopeOf) : [];
  const next = [...(latest ?? []), ...small];
  const json = JSON.stringify(next);
  const packed = packJson(json);
  const full = packed.length > LATEST_PACKED || json.length > LATEST_CHARS;
  if (!small.length || !latest?.length || !full) return { ops, latest: next, packed };
  const first = latest[0]!;
  const tag = randomBytes(5).toString('hex');
  ops.push({
    kind: 'create',
    rowKey: `${BLOCK_ROWS}${first.at}|${tag}`,
    doc: { deflated: packVersions(latest) },
  });
  return { ops, latest: small, packed: packVersions(small) };
}

/** Versions as a block or a response record keeps them: their JSON deflated, in base64. */
export function packVersions(versions: readonly Version[]): string {
  return packJson(JSON.stringify(versions));
}

const packJson = (json: string) => deflateRawSync(json, { level: 1 }).toString('base64');

/** Versions back from `packVersions`; none for anything else. */
export function unpackVersions(packed: unknown): Version[] {
  if (typeof packed !== 'string' || !packed) return [];
  return VersionList.parse(
    JSON.parse(inflateRawSync(Buffer.from(packed, 'base64')).toString('utf8')),
  );
}
