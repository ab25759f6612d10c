import { TeamsInfo, TurnContext } from 'botbuilder';
import { isDomainError } from '../domain/errors';
import { type AuthenticatedUser, memberAddresses } from '../domain/identity';
import {
  type Clock,
  type ConversationStore,
  type StoredReference,
  systemClock,
} from '../domain/ports';
import type { Logger } from '../log';
import type { Origin } from '../lib/route';
import { channelOf, tenantOf, userOf } from './activity-user';

/** How long this process reuses an e-mail it has in memory without reading storage. */
const EMAIL_TTL_MS = 10 * 60_000;
/**
 * How long a stored e-mail stands before the member API is asked again: a directory that
 * is corrected (an address given to the wrong user) ends that user's access within this.
 */
export const EMAIL_MAX_AGE_MS = 4 * 3600_000;

/** An e-mail as looked up, and when; `at` undefined when the look-up failed. */
interface LookedUp {
  email: string | undefined;
  at: string | undefined;
}

/**
 * Keeps the conversation references proactive messages need (launch, reminders, the council
 * channel) and tells who the user is, with the e-mail the Teams member API gives.
 */
export class References {
  /** E-mails of users seen lately, so card actions need no storage read for them. */
  private readonly emails = new Map<
    string,
    { email: string | undefined; until: number; stands: number }
  >();

  constructor(
    private readonly conversations: ConversationStore,
    private readonly log: Logger,
    private readonly clock: Clock = systemClock,
  ) {}

  private base(context: TurnContext): StoredReference | undefined {
    const a = context.activity;
    const tenantId = tenantOf(a);
    if (!tenantId) return undefined;
    const reference = TurnContext.getConversationReference(a) as Record<string, unknown>;
    delete reference.activityId;
    return {
      reference,
      tenantId,
      conversationType: a.conversation?.conversationType ?? 'personal',
      name: a.from?.name?.slice(0, 200),
      locale: a.locale?.slice(0, 20) || undefined,
      updatedAt: this.clock.now().toISOString(),
    };
  }

  /** Where this turn came from, for handlers that answer later or elsewhere. */
  originOf(context: TurnContext): Origin | undefined {
    const base = this.base(context);
    if (!base) return undefined;
    const a = context.activity;
    const conversationId =
      base.conversationType === 'channel' ? (channelOf(a) ?? a.conversation.id) : a.conversation.id;
    const conversation = { ...(base.reference.conversation as object), id: conversationId };
    return {
      ref: { ...base, reference: { ...base.reference, conversation } },
      conversationId,
      activityId: a.type === 'invoke' ? a.replyToId : undefined,
    };
  }

  private async lookUp(context: TurnContext): Promise<LookedUp> {
    try {
      const member = await TeamsInfo.getMember(context, context.activity.from.id);
      return { email: memberAddresses(member)[0], at: this.clock.now().toISOString() };
    } catch (e) {
      // Without the e-mail, round files that name people by e-mail cannot match this user.
      this.log.warn({ err: e, activityId: context.activity.id }, 'member lookup failed');
      return { email: undefined, at: undefined };
    }
  }

  /** The stored e-mail while it is recent enough to stand; else `undefined`. */
  private recent(known: StoredReference | undefined): LookedUp | undefined {
    const at = known?.emailAt ? Date.parse(known.emailAt) : NaN;
    if (!(this.clock.now().getTime() - at < EMAIL_MAX_AGE_MS)) return undefined;
    return { email: known?.email, at: known?.emailAt };
  }

  /**
   * Saves the reference of this conversation (the 1:1 chat by user, channels and group chats
   * by conversation) and returns the user. With `refresh` false (card actions, which must be
   * fast), a stored personal reference is reused without writing.
   */
  async remember(context: TurnContext, refresh: boolean): Promise<AuthenticatedUser | undefined> {
    const user = userOf(context.activity);
    const base = this.base(context);
    if (!user || !base) return user;
    if (base.conversationType !== 'personal') {
      const id = channelOf(context.activity) ?? context.activity.conversation.id;
      // Proactive posts go to the channel itself (a new post), not to the thread typed in.
      const conversation = { ...(base.reference.conversation as object), id };
      const ref = { ...base, reference: { ...base.reference, conversation } };
      if (refresh) await this.conversations.saveConversation(id, ref);
      const known = await this.conversations.getUser(user.tenantId, user.aadObjectId);
      const { email } = this.recent(known) ?? (await this.lookUp(context));
      return { ...user, email };
    }
    const key = `${user.tenantId}|${user.aadObjectId}`;
    const cached = this.emails.get(key);
    if (!refresh && cached && this.clock.now().getTime() < cached.until) {
      return { ...user, email: cached.email };
    }
    let known: StoredReference | undefined;
    try {
      known = await this.conversations.getUser(user.tenantId, user.aadObjectId);
    } catch (e) {
      // Storage is down: what this process last knew of the user answers the card action where
      // it was pressed (a form comes back as typed). An e-mail stands until its look-up ages
      // out; knowing none grants nothing.
      const now = this.clock.now().getTime();
      const stands = cached && (cached.email === undefined || now < cached.stands);
      if (isDomainError(e, 'StorageUnavailable') && !refresh && stands) {
        return { ...user, email: cached.email };
      }
      throw e;
    }
    const recent = this.recent(known);
    const { email, at } = recent ?? (await this.lookUp(context));
    // A failed look-up keeps the stored row as it was, so the next turn asks again.
    if (!known || refresh || (!recent && at)) {
      const emailAt = at ?? known?.emailAt;
      await this.conversations.saveUser({
        ...base,
        aadObjectId: user.aadObjectId,
        email: at ? email : known?.email,
        ...(emailAt ? { emailAt } : {}),
      });
    }
    if (this.emails.size > 10_000) this.emails.clear();
    // Never kept in memory past the time the stored look-up stops standing.
    const now = this.clock.now().getTime();
    const stands = at ? Date.parse(at) + EMAIL_MAX_AGE_MS : now;
    this.emails.set(key, { email, until: Math.min(now + EMAIL_TTL_MS, stands), stands });
    return { ...user, email };
  }
}
