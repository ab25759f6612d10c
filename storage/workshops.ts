import { WorkshopPoint, WorkshopThread } from '../bot/domain/workshop-records';
import type { WorkshopRewrite, WorkshopStore } from '../bot/domain/ports';
import { pointVersion } from '../bot/domain/audit/changes';
import { Version } from '../bot/domain/audit/version';
import { z } from 'zod';
import { deletePartition } from './batch-delete';
import { rewritePartition } from './rewrite';
import type { Doc, Entity, Table } from './table';
import { VERSION_ROWS, versionOps, versionsOf } from './version-rows';

const threadRow = (goalId: string) => `thread|${goalId}`;
/** Zero-padded, so row-key order is the order received. */
const pointRow = (goalId: string, seq: number) => `point|${goalId}|${String(seq).padStart(8, '0')}`;
/** Thread lookups by conversation id live in their own partitions, one row each. */
const indexPartition = (conversationId: string) => `conversation|${conversationId}`;
const INDEX_ROW = 'thread';

const IndexRow = z.object({ roundId: z.string(), goalId: z.string() });

/** A point's versions are one row-key range: `point|{goal}|{seq}`. */
const scopeOf = (v: Version) => `point|${v.goalId ?? ''}|${String(v.seq ?? 0).padStart(8, '0')}`;

/** The workshop store over one table: a round's threads and points share its partition. */
export function tableWorkshopStore(table: Table): WorkshopStore {
  return {
    async getThread(roundId, goalId) {
      const e = await table.get(roundId, threadRow(goalId));
      return e && { value: WorkshopThread.parse(e.doc), etag: e.etag };
    },
    async listThreads(roundId) {
      const out: WorkshopThread[] = [];
      for await (const e of table.query(roundId, { rowKeyPrefix: 'thread|' }))
        out.push(WorkshopThread.parse(e.doc));
      return out;
    },
    async createThread(thread) {
      const value = WorkshopThread.parse(thread);
      const e = await table.create(value.roundId, threadRow(value.goalId), value);
      await table.upsert(indexPartition(value.conversationId), INDEX_ROW, {
        roundId: value.roundId,
        goalId: value.goalId,
      });
      return { value, etag: e.etag };
    },
    async findThread(conversationId) {
      const e = await table.get(indexPartition(conversationId), INDEX_ROW);
      return e && IndexRow.parse(e.doc);
    },
    async addPoint(thread, input, by) {
      const t = thread.value;
      const point = WorkshopPoint.parse({
        ...input,
        roundId: t.roundId,
        goalId: t.goalId,
        seq: t.next,
      });
      const next = { ...t, next: t.next + 1, count: t.count + 1 };
      const version = pointVersion(point, 'create', by, new Date(point.at));
      const [etag = ''] = await table.transact(t.roundId, [
        { kind: 'replace', rowKey: threadRow(t.goalId), doc: next, etag: thread.etag },
        { kind: 'create', rowKey: pointRow(t.goalId, point.seq), doc: point },
        ...versionOps([version], scopeOf),
      ]);
      return { thread: { value: next, etag }, point };
    },
    async importPoint(input) {
      const point = WorkshopPoint.parse(input);
      await table.create(point.roundId, pointRow(point.goalId, point.seq), point);
    },
    async removePoint(thread, seq, by, at) {
      const t = thread.value;
      const present = await table.get(t.roundId, pointRow(t.goalId, seq));
      if (!present) return false;
      // The version keeps the point's last values: what was said, and by whom.
      const version = pointVersion(WorkshopPoint.parse(present.doc), 'delete', by, at);
      await table.transact(t.roundId, [
        {
          kind: 'replace',
          rowKey: threadRow(t.goalId),
          doc: { ...t, count: Math.max(0, t.count - 1) },
          etag: thread.etag,
        },
        { kind: 'delete', rowKey: pointRow(t.goalId, seq) },
        ...versionOps([version], scopeOf),
      ]);
      return true;
    },
    async listPoints(roundId) {
      const out = new Map<string, WorkshopPoint[]>();
      for await (const e of table.query(roundId, { rowKeyPrefix: 'point|' })) {
        const p = WorkshopPoint.parse(e.doc);
        const list = out.get(p.goalId) ?? [];
        list.push(p);
        out.set(p.goalId, list);
      }
      for (const list of out.values()) list.sort((a, b) => a.seq - b.seq);
      return out;
    },
    async versions(roundId) {
      const rows: Entity[] = [];
      for await (const e of table.query(roundId, { rowKeyPrefix: VERSION_ROWS })) rows.push(e);
      return versionsOf(rows);
    },
    async rewriteWorkshop(roundId, rewrite) {
      const done = await rewritePartition(table, roundId, {}, (rows) =>
        planWorkshop(rows, rewrite),
      );
      const count = { versions: 0, points: 0, threads: 0 };
      for (const k of done) {
        if (k.startsWith('point|')) count.points++;
        else if (k.startsWith('thread|')) count.threads++;
        else if (k.startsWith(VERSION_ROWS) && k.endsWith('|00')) count.versions++;
      }
      return count;
    },
    async deleteRound(roundId) {
      for await (const e of table.query(roundId, { rowKeyPrefix: 'thread|' })) {
        const conv = WorkshopThread.safeParse(e.doc);
        if (conv.success) await table.delete(indexPartition(conv.data.conversationId), INDEX_ROW);
      }
      await deletePartition(table, roundId);
    },
  };
}

/** The new documents of the workshop's rows under `rewrite`, by row key (only those that change). */
function planWorkshop(rows: readonly Entity[], rewrite: WorkshopRewrite): Map<string, Doc> {
  const out = new Map<string, Doc>();
  for (const e of rows) {
    let next: Doc | undefined;
    if (e.rowKey.startsWith(VERSION_ROWS)) next = rewrite.version(Version.parse(e.doc));
    else if (e.rowKey.startsWith('point|')) next = rewrite.point(WorkshopPoint.parse(e.doc));
    else if (e.rowKey.startsWith('thread|')) next = rewrite.thread(WorkshopThread.parse(e.doc));
    if (next) out.set(e.rowKey, next);
  }
  return out;
}
