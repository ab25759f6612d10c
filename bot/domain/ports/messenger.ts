import type { StoredReference } from './conversation-store';
import type { Person } from '../round';
import type { Card } from '../../../cards/card';

/** Where a call to Teams counts against the limits: the tenant and the conversation. */
export interface CallSite {
  tenantId: string;
  conversationId: string;
}

/**
 * Runs one call to Teams in its turn: the send pipeline's limits, retries and shutdown.
 * Messenger methods that make several calls route each through it.
 */
export type Through = <T>(where: CallSite, call: () => Promise<T>) => Promise<T>;

/** Calls straight away, for callers outside bulk sending. */
export const direct: Through = (_where, call) => call();

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
   * Each roster page and the create go `through` the caller's pipeline.
   */
  openPersonal(
    tenantId: string,
    person: Person,
    through?: Through,
  ): Promise<StoredReference | undefined>;
}

export const conversationIdOf = (ref: StoredReference): string =>
  String((ref.reference.conversation as { id?: unknown } | undefined)?.id ?? '');
