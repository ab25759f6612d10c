import { ContactUpload, type SetupStore } from '../bot/domain/ports';
import { deletePartition } from './batch-delete';
import type { Table } from './table';

/** Each person's open round, in one partition per tenant. */
const focusKey = (tenantId: string) => `focus|${tenantId.toLowerCase()}`;
/** A round's waiting contact lists, in one partition per round. */
const uploadsKey = (roundId: string) => `uploads|${roundId}`;

export function tableSetupStore(table: Table): SetupStore {
  return {
    async getFocus(tenantId, aadObjectId) {
      const e = await table.get(focusKey(tenantId), aadObjectId.toLowerCase());
      return typeof e?.doc.roundId === 'string' ? e.doc.roundId : undefined;
    },
    async setFocus(tenantId, aadObjectId, roundId) {
      await table.upsert(focusKey(tenantId), aadObjectId.toLowerCase(), { roundId });
    },
    async saveUpload(upload) {
      const value = ContactUpload.parse(upload);
      await table.create(uploadsKey(value.roundId), value.uploadId, value);
    },
    async getUpload(roundId, uploadId) {
      const e = await table.get(uploadsKey(roundId), uploadId);
      return e && ContactUpload.parse(e.doc);
    },
    deleteUpload: (roundId, uploadId) => table.delete(uploadsKey(roundId), uploadId),
    async deleteRound(roundId) {
      await deletePartition(table, uploadsKey(roundId));
    },
    async forget(aadObjectIds, tenantId) {
      const tenant = tenantId?.toLowerCase();
      const gone: Array<[string, string]> = [];
      for await (const e of table.scan({ partitionKeyPrefix: 'focus|' })) {
        const inTenant = !tenant || e.partitionKey === focusKey(tenant);
        if (inTenant && aadObjectIds.has(e.rowKey)) gone.push([e.partitionKey, e.rowKey]);
      }
      for await (const e of table.scan({ partitionKeyPrefix: 'uploads|' })) {
        const upload = ContactUpload.safeParse(e.doc);
        if (!upload.success) continue;
        const { aadObjectId, tenantId: t } = upload.data;
        if (aadObjectIds.has(aadObjectId.toLowerCase()) && (!tenant || t.toLowerCase() === tenant))
          gone.push([e.partitionKey, e.rowKey]);
      }
      let n = 0;
      for (const [pk, rk] of gone) if (await table.delete(pk, rk)) n++;
      return n;
    },
  };
}
