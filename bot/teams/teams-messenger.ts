import {
  CardFactory,
  type CloudAdapter,
  type ConversationParameters,
  type ConversationReference,
  MessageFactory,
  type TeamsChannelAccount,
  TeamsInfo,
  TurnContext,
} from 'botbuilder';
import { SendFailure } from '../domain/delivery';
import { memberAddresses } from '../domain/identity';
import {
  type Clock,
  type ConversationStore,
  type StoredReference,
  systemClock,
  type Messenger,
  type Through,
  direct,
} from '../domain/ports';
import type { Person } from '../domain/round';
import type { Logger } from '../log';
import type { Card } from '../../cards';

/** Rosters change slowly; one lookup serves a whole launch. */
const ROSTER_TTL_MS = 5 * 60_000;

interface RestLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
  body?: unknown;
  response?: {
    headers?: { get?(name: string): string | undefined };
    bodyAsText?: string;
    parsedBody?: unknown;
  };
}

/** The connector's HTTP error as a SendFailure the pipeline understands. */
export function toSendFailure(e: unknown): SendFailure {
  const err = (e ?? {}) as RestLikeError;
  const body = err.response?.parsedBody ?? err.body;
  const bodyCode = (body as { error?: { code?: string } } | undefined)?.error?.code;
  const text = err.response?.bodyAsText ?? '';
  const code = bodyCode ?? (/MessageWritesBlocked|BlockedByUser/.exec(text)?.[0] || err.code);
  const retryAfter = Number(err.response?.headers?.get?.('retry-after'));
  return new SendFailure(
    err.message ?? String(e),
    typeof err.statusCode === 'number' ? err.statusCode : undefined,
    typeof code === 'string' ? code : undefined,
    Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : undefined,
  );
}

/** Sends, updates and opens 1:1 chats through CloudAdapter, outside any incoming turn. */
/** A roster entry with the conversation it was read from (whose service URL opens its chat). */
interface RosterMember {
  member: TeamsChannelAccount;
  source: StoredReference;
}

export class TeamsMessenger implements Messenger {
  private rosters = new Map<string, { at: number; members: Promise<RosterMember[]> }>();

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly conversations: ConversationStore,
    private readonly log: Logger,
    private readonly clock: Clock = systemClock,
    private readonly audience = 'https://api.botframework.com',
  ) {}

  private async inConversation<T>(
    ref: StoredReference,
    run: (c: TurnContext) => Promise<T>,
  ): Promise<T> {
    let out: T | undefined;
    // The adapter hands errors inside the callback to onTurnError and resolves: catch them
    // here, or a failed send would count as delivered.
    let failure: unknown;
    try {
      await this.adapter.continueConversationAsync(
        this.appId,
        ref.reference as Partial<ConversationReference>,
        async (context) => {
          try {
            out = await run(context);
          } catch (e) {
            failure = e;
          }
        },
      );
    } catch (e) {
      failure ??= e;
    }
    if (failure !== undefined) throw toSendFailure(failure);
    return out as T;
  }

  async send(ref: StoredReference, card: Card): Promise<string> {
    return this.inConversation(ref, async (context) => {
      const sent = await context.sendActivity(
        MessageFactory.attachment(CardFactory.adaptiveCard(card)),
      );
      return sent?.id ?? '';
    });
  }

  async update(ref: StoredReference, activityId: string, card: Card): Promise<void> {
    await this.inConversation(ref, async (context) => {
      const update = MessageFactory.attachment(CardFactory.adaptiveCard(card));
      update.id = activityId;
      await context.updateActivity(update);
    });
  }

  /**
   * Members of every team and group chat of the tenant the bot is in (paged). One look-up at a
   * time per tenant serves every caller; a failed one is not kept, so the next caller retries.
   */
  private roster(tenantId: string, through: Through): Promise<RosterMember[]> {
    const cached = this.rosters.get(tenantId);
    if (cached && this.clock.now().getTime() - cached.at < ROSTER_TTL_MS) return cached.members;
    const members = this.lookUpRoster(tenantId, through);
    this.rosters.set(tenantId, { at: this.clock.now().getTime(), members });
    members.catch(() => {
      if (this.rosters.get(tenantId)?.members === members) this.rosters.delete(tenantId);
    });
    return members;
  }

  private async lookUpRoster(tenantId: string, through: Through): Promise<RosterMember[]> {
    const members = new Map<string, RosterMember>();
    for (const conv of await this.conversations.listConversations(tenantId)) {
      let token: string | undefined;
      try {
        do {
          const page = await through({ tenantId, conversationId: conv.conversationId }, () =>
            this.inConversation(conv, (context) => TeamsInfo.getPagedMembers(context, 500, token)),
          );
          for (const m of page.members) {
            const key = m.aadObjectId ?? m.id;
            if (!members.has(key)) members.set(key, { member: m, source: conv });
          }
          token = page.continuationToken || undefined;
        } while (token);
      } catch (e) {
        // A team the bot was removed from answers 403/404 for good: skip it. Throttling that
        // outlasted the retries, or shutdown, is the respondent's outcome, not "not installed".
        if (!(e instanceof SendFailure) || e.retryable) throw e;
        this.log.warn(
          { status: e.status, conversationId: conv.conversationId },
          'roster lookup failed',
        );
      }
    }
    return [...members.values()];
  }

  async openPersonal(
    tenantId: string,
    person: Person,
    through: Through = direct,
  ): Promise<StoredReference | undefined> {
    const members = await this.roster(tenantId, through);
    // Guests often have no e-mail in the roster, only the guest form of their UPN.
    const found = members.find(({ member: m }) =>
      'aadObjectId' in person
        ? m.aadObjectId?.toLowerCase() === person.aadObjectId
        : memberAddresses(m).includes(person.email),
    );
    if (!found) return undefined;
    const { member, source } = found;
    // The chat is opened where this tenant's conversations live, with this tenant's id.
    const serviceUrl = String(source.reference.serviceUrl ?? '');
    const bot = source.reference.bot as ConversationParameters['bot'];
    const params = {
      isGroup: false,
      bot,
      members: [{ id: member.id, name: member.name }],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    } as ConversationParameters;
    let saved: StoredReference | undefined;
    const create = async () => {
      try {
        await this.adapter.createConversationAsync(
          this.appId,
          'msteams',
          serviceUrl,
          this.audience,
          params,
          async (context) => {
            const reference = TurnContext.getConversationReference(context.activity) as Record<
              string,
              unknown
            >;
            delete reference.activityId;
            saved = {
              reference,
              tenantId,
              conversationType: 'personal',
              aadObjectId: member.aadObjectId?.toLowerCase(),
              email: memberAddresses(member)[0],
              emailAt: this.clock.now().toISOString(),
              name: member.name,
              updatedAt: this.clock.now().toISOString(),
            };
          },
        );
      } catch (e) {
        throw toSendFailure(e);
      }
    };
    // Opening a 1:1 chat is a request like a send: it counts against the tenant's limit.
    await through({ tenantId, conversationId: `open:${member.id}` }, create);
    if (saved?.aadObjectId) {
      await this.conversations.saveUser({ ...saved, aadObjectId: saved.aadObjectId });
    }
    return saved;
  }
}
