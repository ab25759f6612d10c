import { Delivery } from '../bot/domain/delivery';
import { isDomainError } from '../bot/domain/errors';
import type { DeliveryStore, RoundStateStore, Versioned } from '../bot/domain/ports';
import { z } from 'zod';
import { StoredReferenceRow } from './conversation-store';
import type { Table } from './table';

/** One partition per round: a launch or reminder run reads its round's records in one query. */
const rowKey = (d: Pick<Delivery, 'purpose' | 'organisationId' | 'person'>) =>
  `${d.purpose}#${d.organisationId}#${d.person}`;

const versioned = (value: Delivery, etag: string): Versioned<Delivery> => ({ value, etag });

export function tableDeliveryStore(table: Table): DeliveryStore {
  return {
    async get(roundId, purpose, organisationId, person) {
      const e = await table.get(roundId, rowKey({ purpose, organisationId, person }));
      return e && versioned(Delivery.parse(e.doc), e.etag);
    },
    async claim(delivery) {
      const value = Delivery.parse(delivery);
      const e = await table.create(value.roundId, rowKey(value), value);
      return versioned(value, e.etag);
    },
    async update(delivery, etag) {
      const value = Delivery.parse(delivery);
      const e = await table.replace(value.roundId, rowKey(value), value, etag);
      return versioned(value, e.etag);
    },
    async release(delivery, etag) {
      await table.delete(delivery.roundId, rowKey(delivery), etag);
    },
    async list(roundId, purposePrefix) {
      const out: Delivery[] = [];
      const options = purposePrefix ? { rowKeyPrefix: purposePrefix } : {};
      for await (const e of table.query(roundId, options)) out.push(Delivery.parse(e.doc));
      return out;
    },
    async deleteRound(roundId) {
      const rows: string[] = [];
      for await (const e of table.query(roundId)) rows.push(e.rowKey);
      for (let i = 0; i < rows.length; i += 100) {
        await table.transact(
          roundId,
          rows.slice(i, i + 100).map((rk) => ({ kind: 'delete' as const, rowKey: rk })),
        );
      }
    },
  };
}

const CouncilRow = z.object({
  roundId: z.string(),
  conversationId: z.string(),
  ref: StoredReferenceRow,
  linkedBy: z.string(),
  linkedAt: z.string(),
});

const LaunchRow = z.object({
  roundId: z.string(),
  tenantId: z.string(),
  launchedBy: z.string(),
  launchedAt: z.string(),
});

/** Small per-round state kept apart from the definition, which a re-import replaces. */
export function tableRoundStateStore(table: Table): RoundStateStore {
  return {
    async getCouncil(roundId) {
      const e = await table.get(roundId, 'council');
      return e && CouncilRow.parse(e.doc);
    },
    async setCouncil(channel) {
      await table.upsert(channel.roundId, 'council', CouncilRow.parse(channel));
    },
    async getLaunch(roundId) {
      const e = await table.get(roundId, 'launch');
      return e && LaunchRow.parse(e.doc);
    },
    async setLaunchOnce(launch) {
      try {
        await table.create(launch.roundId, 'launch', LaunchRow.parse(launch));
      } catch (e) {
        if (!isDomainError(e, 'AlreadyExists')) throw e;
      }
    },
    async deleteRound(roundId) {
      await table.delete(roundId, 'council');
      await table.delete(roundId, 'launch');
    },
  };
}
