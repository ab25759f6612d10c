import { Delivery } from '../bot/domain/delivery';
import type { DeliveryStore, Versioned } from '../bot/domain/ports';
import { deletePartition, deleteRows } from './batch-delete';
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
    async forget(roundId, persons) {
      const wanted = new Set(persons);
      const rows: string[] = [];
      for await (const e of table.query(roundId))
        if (wanted.has(Delivery.parse(e.doc).person)) rows.push(e.rowKey);
      return deleteRows(table, roundId, rows);
    },
    async deleteRound(roundId) {
      await deletePartition(table, roundId);
    },
  };
}
