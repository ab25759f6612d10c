import { TeamsInfo, TurnContext } from 'botbuilder';
import type { AuthenticatedUser } from '../domain/identity';
import {
  type Clock,
  type ConversationStore,
  type StoredReference,
  systemClock,
} from '../domain/ports';
import type { Logger } from '../log';
import type { Origin } from '../services/route';
import { channelOf, tenantOf, userOf } from './activity-user';

const EMAIL_TTL_MS = 10 * 60_000;

/**
 * Keeps the conversation references proactive messages need (launch, reminders, the council
 * channel) and tells who the user is, with the e-mail the Teams member API gives.
 */
export class References {
  /** E-mails of users seen lately, so card actions need no storage read for them. */
  private readonly emails = new Map<string, { email: string | undefined; at: number }>();

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

  private async email(context: TurnContext): Promise<string | undefined> {
    try {
      const member = await TeamsInfo.getMember(context, context.activity.from.id);
      const email = member.email ?? member.userPrincipalName;
      return email ? email.trim().toLowerCase() : undefined;
    } catch (e) {
      // Without the e-mail, round files that name people by e-mail cannot match this user.
      this.log.warn({ err: e, activityId: context.activity.id }, 'member lookup failed');
      return undefined;
    }
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
      return { ...user, email: known?.email ?? (await this.email(context)) };
    }
    const key = `${user.tenantId}|${user.aadObjectId}`;
    const cached = this.emails.get(key);
    if (!refresh && cached && this.clock.now().getTime() - cached.at < EMAIL_TTL_MS) {
      return { ...user, email: cached.email };
    }
    const known = await this.conversations.getUser(user.tenantId, user.aadObjectId);
    let email = known?.email;
    if (!known || refresh) {
      email ??= await this.email(context);
      await this.conversations.saveUser({ ...base, aadObjectId: user.aadObjectId, email });
    }
    if (this.emails.size > 10_000) this.emails.clear();
    this.emails.set(key, { email, at: this.clock.now().getTime() });
    return { ...user, email };
  }
}
