import type { RoundStore } from '../bot/domain/ports';
import { Version } from '../bot/domain/audit/version';
import { Round } from '../bot/domain/round';
import { deleteRows } from './batch-delete';
import { rewritePartition } from './rewrite';
import type { Doc, Entity, Table } from './table';
import { RECORD_ROWS, versionOps, versionScope, versionsOf } from './version-rows';

/**
 * All round definitions live in one small partition: listing them is one query. The versions
 * of each definition sit in the same partition (so a change and its version are one
 * transaction), after every definition in row-key order.
 */
const PK = 'round';
const LIVE = { rowKeyBelow: RECORD_ROWS };
const scopeOf = (v: Version) => v.roundId;

export function tableRoundStore(table: Table): RoundStore {
  const versionRows = async (roundId: string) => {
    const rows: Entity[] = [];
    for await (const e of table.query(PK, { rowKeyPrefix: versionScope(roundId) })) rows.push(e);
    return rows;
  };
  return {
    async get(id) {
      const e = await table.get(PK, id);
      return e && Round.parse(e.doc);
    },
    async list() {
      const rounds: Round[] = [];
      for await (const e of table.query(PK, LIVE)) rounds.push(Round.parse(e.doc));
      return rounds;
    },
    async save(round) {
      await table.upsert(PK, round.id, Round.parse(round));
    },
    async delete(id) {
      await table.delete(PK, id);
      const rows = await versionRows(id);
      await deleteRows(
        table,
        PK,
        rows.map((e) => e.rowKey),
      );
    },
    async read(id) {
      const e = await table.get(PK, id);
      return e && { value: Round.parse(e.doc), etag: e.etag };
    },
    async write(round, etag, version) {
      const value = Round.parse(round);
      if (version.roundId !== value.id) throw new Error('write: the version is of another round');
      const ops = [
        etag === undefined
          ? { kind: 'create' as const, rowKey: value.id, doc: value }
          : { kind: 'replace' as const, rowKey: value.id, doc: value, etag },
        ...versionOps([version], scopeOf),
      ];
      const [written = ''] = await table.transact(PK, ops);
      return { value, etag: written };
    },
    async versions(roundId) {
      return versionsOf(await versionRows(roundId));
    },
    async rewriteVersions(roundId, rewrite) {
      const done = await rewritePartition(
        table,
        PK,
        { rowKeyPrefix: versionScope(roundId) },
        (rows) => {
          const out = new Map<string, Doc>();
          for (const e of rows) {
            const next = rewrite(Version.parse(e.doc));
            if (next) out.set(e.rowKey, next);
          }
          return out;
        },
      );
      return [...done].filter((k) => k.endsWith('|00')).length;
    },
  };
}
