import { z } from 'zod';
import { Organisation } from '../round';

/** A contact list read and previewed, waiting for `round.contacts.apply`. */
export const ContactUpload = z.object({
  roundId: z.string(),
  uploadId: z.string(),
  /** Who attached it (tenant and object id): only they can apply it. */
  tenantId: z.string(),
  aadObjectId: z.string(),
  fileName: z.string().max(300),
  at: z.string(),
  /** The file's organisations, as read against the round when it was attached. */
  organisations: z.array(Organisation),
});
export type ContactUpload = z.infer<typeof ContactUpload>;

/**
 * What round set-up in chat keeps beside the rounds: the round each person last opened in
 * the round card (where an attached contact list goes), and previews waiting to be applied.
 */
export interface SetupStore {
  getFocus(tenantId: string, aadObjectId: string): Promise<string | undefined>;
  setFocus(tenantId: string, aadObjectId: string, roundId: string): Promise<void>;
  saveUpload(upload: ContactUpload): Promise<void>;
  getUpload(roundId: string, uploadId: string): Promise<ContactUpload | undefined>;
  /** False when it was gone already (applied by a double click, say). */
  deleteUpload(roundId: string, uploadId: string): Promise<boolean>;
  deleteRound(roundId: string): Promise<void>;
  /**
   * Erasure: deletes the open round of each of these people (object ids, lower case) and the
   * contact lists they attached that wait to be applied; only in `tenantId` when given.
   * Returns how many records went.
   */
  forget(aadObjectIds: ReadonlySet<string>, tenantId?: string): Promise<number>;
}
