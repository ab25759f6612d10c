import type { StoredReference } from '../domain/ports';
import type { Person } from '../domain/round';
import type { Card } from '../../cards';

/**
 * What sends cards to Teams outside a turn: implemented by the Teams layer, faked in tests.
 * Failures are thrown as SendFailure (bot/domain/delivery.ts).
 */
export interface Messenger {
  /** Sends a card into a saved conversation; resolves with the new activity id. */
  send(ref: StoredReference, card: Card): Promise<string>;
  /** Replaces a card sent earlier (progress cards update in place). */
  update(ref: StoredReference, activityId: string, card: Card): Promise<void>;
  /**
   * Finds the person in the rosters of the teams and chats the bot is in, opens a 1:1
   * conversation and saves its reference; `undefined` when the person is in none of them.
   */
  openPersonal(tenantId: string, person: Person): Promise<StoredReference | undefined>;
}

export const conversationIdOf = (ref: StoredReference): string =>
  String((ref.reference.conversation as { id?: unknown } | undefined)?.id ?? '');
