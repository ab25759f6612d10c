import { type ConversationStore, GraphInstall, StoredReference } from '../bot/domain/ports';
import type { Table } from './table';

const userKey = (tenantId: string) => `user|${tenantId}`;
const conversationKey = (tenantId: string) => `conv|${tenantId}`;
const installKey = (tenantId: string) => `install|${tenantId}`;

/** Rows read back are checked: a reference is later handed to the Teams connector. */
const parse = (doc: unknown): StoredReference => StoredReference.parse(doc);
const toDoc = (ref: StoredReference) => StoredReference.parse(ref);

export function tableConversationStore(table: Table): ConversationStore {
  return {
    async saveUser(ref) {
      await table.upsert(userKey(ref.tenantId), ref.aadObjectId.toLowerCase(), toDoc(ref));
    },
    async getUser(tenantId, aadObjectId) {
      const e = await table.get(userKey(tenantId), aadObjectId.toLowerCase());
      return e && parse(e.doc);
    },
    async saveConversation(conversationId, ref) {
      await table.upsert(conversationKey(ref.tenantId), conversationId, toDoc(ref));
    },
    async getConversation(tenantId, conversationId) {
      const e = await table.get(conversationKey(tenantId), conversationId);
      return e && parse(e.doc);
    },
    async listUsers(tenantId) {
      const out: StoredReference[] = [];
      for await (const e of table.query(userKey(tenantId))) out.push(parse(e.doc));
      return out;
    },
    async listConversations(tenantId) {
      const out: Array<StoredReference & { conversationId: string }> = [];
      for await (const e of table.query(conversationKey(tenantId)))
        out.push({ ...parse(e.doc), conversationId: e.rowKey });
      return out;
    },
    async saveInstall(install) {
      const value = GraphInstall.parse(install);
      await table.upsert(installKey(value.tenantId), value.aadObjectId.toLowerCase(), value);
    },
    async getInstall(tenantId, aadObjectId) {
      const e = await table.get(installKey(tenantId), aadObjectId.toLowerCase());
      return e && GraphInstall.parse(e.doc);
    },
    async listEveryInstall() {
      const out: GraphInstall[] = [];
      for await (const e of table.scan({ partitionKeyPrefix: 'install|' }))
        out.push(GraphInstall.parse(e.doc));
      return out;
    },
    async deleteInstall(tenantId, aadObjectId) {
      return table.delete(installKey(tenantId), aadObjectId.toLowerCase());
    },
    async listEveryUser() {
      const out: StoredReference[] = [];
      for await (const e of table.scan({ partitionKeyPrefix: 'user|' })) out.push(parse(e.doc));
      return out;
    },
    async listEveryConversation() {
      const out: Array<StoredReference & { conversationId: string }> = [];
      for await (const e of table.scan({ partitionKeyPrefix: 'conv|' }))
        out.push({ ...parse(e.doc), conversationId: e.rowKey });
      return out;
    },
    async deleteUser(tenantId, aadObjectId) {
      return table.delete(userKey(tenantId), aadObjectId.toLowerCase());
    },
  };
}
