import { z } from 'zod';

/**
 * Where a proactive message can go: an opaque conversation reference plus what we know.
 * Rows read back are checked against it: a reference is later handed to the Teams connector.
 */
export const StoredReference = z.object({
  /** The channel's conversation reference (botbuilder's shape; opaque outside the Teams layer). */
  reference: z.record(z.string(), z.unknown()),
  tenantId: z.string(),
  /** `personal`, `groupChat` or `channel`. */
  conversationType: z.string(),
  aadObjectId: z.string().optional(),
  /** From the Teams member API; lets round files name respondents by e-mail. */
  email: z.string().optional(),
  /** When `email` was looked up: directories change, so it is looked up again after a while. */
  emailAt: z.string().optional(),
  name: z.string().optional(),
  locale: z.string().optional(),
  updatedAt: z.string(),
});
export type StoredReference = z.infer<typeof StoredReference>;

/**
 * The bot installed itself for a person through Microsoft Graph: written before the install,
 * so the installation event Teams then sends brings no second message. Keyed by tenant and
 * object id, and holds the e-mail the round named them by (erasure finds it by either).
 */
export const GraphInstall = z.object({
  tenantId: z.string(),
  aadObjectId: z.string(),
  email: z.string().optional(),
  roundId: z.string(),
  at: z.string(),
});
export type GraphInstall = z.infer<typeof GraphInstall>;

export interface ConversationStore {
  /** Personal (1:1) conversation of a user, keyed by tenant and Entra object id. */
  saveUser(ref: StoredReference & { aadObjectId: string }): Promise<void>;
  getUser(tenantId: string, aadObjectId: string): Promise<StoredReference | undefined>;
  /** Channel or group chat, keyed by tenant and conversation id. */
  saveConversation(conversationId: string, ref: StoredReference): Promise<void>;
  getConversation(tenantId: string, conversationId: string): Promise<StoredReference | undefined>;
  /** Every saved personal reference of a tenant (to find people named by e-mail). */
  listUsers(tenantId: string): Promise<StoredReference[]>;
  /** Every saved channel and group-chat reference of a tenant (whose rosters list people). */
  listConversations(tenantId: string): Promise<Array<StoredReference & { conversationId: string }>>;
  /** Records that the bot installs (or installed) itself for a person through Graph. */
  saveInstall(install: GraphInstall): Promise<void>;
  getInstall(tenantId: string, aadObjectId: string): Promise<GraphInstall | undefined>;
  /** Every Graph install record of every tenant (erasure; not for hot paths). */
  listEveryInstall(): Promise<GraphInstall[]>;
  /** Deletes a person's Graph install record; false if none. */
  deleteInstall(tenantId: string, aadObjectId: string): Promise<boolean>;
  /** Every saved personal reference of every tenant (erasure; not for hot paths). */
  listEveryUser(): Promise<StoredReference[]>;
  /** Every saved channel and group-chat reference of every tenant (erasure). */
  listEveryConversation(): Promise<Array<StoredReference & { conversationId: string }>>;
  /** Deletes a person's personal reference (and the e-mail looked up with it); false if none. */
  deleteUser(tenantId: string, aadObjectId: string): Promise<boolean>;
}
