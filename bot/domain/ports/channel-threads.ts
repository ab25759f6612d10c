import type { StoredReference } from './conversation-store';
import type { Card } from '../../../cards/card';

/** A new thread in a team channel, as Teams names it. */
export interface StartedThread {
  /** `{channel id};messageid={activity id}`: what replies in the thread carry. */
  conversationId: string;
  /** The thread's first message (its card, updated later). */
  activityId: string;
}

/**
 * Starts threads in a team channel: implemented by the Teams layer (the connector's
 * create-conversation with the channel id, as Teams does), faked in tests.
 */
export interface ChannelThreads {
  start(channel: StoredReference, channelId: string, card: Card): Promise<StartedThread>;
}

/** The reference of a thread in `channel`, for updating its first card. */
export function threadReference(channel: StoredReference, conversationId: string): StoredReference {
  const conversation = { ...(channel.reference.conversation as object), id: conversationId };
  return { ...channel, reference: { ...channel.reference, conversation } };
}
