import { randomBytes } from 'node:crypto';
import { isDomainError } from '../bot/domain/errors';
import { Disclosure, type RecordStore } from '../bot/domain/ports';
import { deletePartition } from './batch-delete';
import type { Table } from './table';

/** A round's disclosures share a partition; row keys in time order. */
const accessKey = (roundId: string) => `access|${roundId}`;
const KEY = { pk: 'key', rk: 'pseudonym' };
/** Table Storage takes at most 100 operations in one transaction. */
const BATCH = 100;

export function tableRecordStore(table: Table): RecordStore {
  return {
    async disclose(entries) {
      const byRound = new Map<string, Disclosure[]>();
      for (const e of entries) {
        const value = Disclosure.parse(e);
        byRound.set(value.roundId, [...(byRound.get(value.roundId) ?? []), value]);
      }
      for (const [roundId, list] of byRound) {
        const tag = randomBytes(4).toString('hex');
        for (let i = 0; i < list.length; i += BATCH) {
          await table.transact(
            accessKey(roundId),
            list.slice(i, i + BATCH).map((doc, j) => ({
              kind: 'create' as const,
              rowKey: `${doc.at}|${tag}${String(i + j).padStart(4, '0')}`,
              doc,
            })),
          );
        }
      }
    },
    async disclosures(roundId) {
      const out: Disclosure[] = [];
      for await (const e of table.query(accessKey(roundId))) out.push(Disclosure.parse(e.doc));
      return out;
    },
    async pseudonymKey() {
      const stored = await table.get(KEY.pk, KEY.rk);
      if (stored) return String(stored.doc.key);
      try {
        await table.create(KEY.pk, KEY.rk, { key: randomBytes(32).toString('hex') });
      } catch (e) {
        // Made by someone else at the same time: theirs stands.
        if (!isDomainError(e, 'AlreadyExists')) throw e;
      }
      return String((await table.get(KEY.pk, KEY.rk))?.doc.key);
    },
    async deleteRound(roundId) {
      await deletePartition(table, accessKey(roundId));
    },
  };
}
