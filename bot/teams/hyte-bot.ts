import {
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  CardFactory,
  type InvokeResponse,
  MessageFactory,
  TeamsActivityHandler,
  type TurnContext,
} from 'botbuilder';
import { DomainError, isDomainError } from '../domain/errors';
import { type Lang, langOf } from '../domain/localized-text';
import type { Logger } from '../log';
import type { Handler } from '../lib/route';
import { noTelemetry, Spans, type Telemetry } from '../domain/ports';
import type { ThreadReply } from '../workshop';
import { attachedFiles, tenantOf, userOf } from './activity-user';
import { type Card, type Command, isVerb, parseCommand, type Verb } from '../../cards';
import { cardForError } from './error-cards';
import type { References } from './references';

export interface HyteBotDeps {
  references: References;
  /** Every verb's handler: a verb without one does not compile. */
  verbs: Record<Verb, Handler>;
  /** Every command's handler; `help` also answers what is no command. */
  commands: Record<Command, Handler>;
  allowedTenants: readonly string[];
  log: Logger;
  telemetry?: Telemetry;
  /**
   * Takes a message typed in a channel thread when the thread is one the bot keeps (a
   * workshop thread): true when taken, and then the bot does not answer it.
   */
  threadReply?: (reply: ThreadReply) => Promise<boolean>;
  /**
   * True when the bot itself installed the app for this person just now (Microsoft Graph):
   * they got the launch's intro there, and the installation event brings no second message.
   */
  installedByBot?: (tenantId: string, aadObjectId: string) => Promise<boolean>;
}

/** True when the message @mentions the bot. */
function mentionsBot(context: TurnContext): boolean {
  const a = context.activity;
  return (a.entities ?? []).some(
    (e) =>
      e.type === 'mention' &&
      (e as { mentioned?: { id?: string } }).mentioned?.id === a.recipient?.id,
  );
}

const langOfTurn = (context: TurnContext): Lang => langOf(context.activity.locale);

const cardResponse = (card: Card): AdaptiveCardInvokeResponse => ({
  statusCode: 200,
  type: 'application/vnd.microsoft.card.adaptive',
  value: card,
});

/**
 * The Teams adapter layer: turns activities into calls of plain handlers and their cards
 * into replies. Identity comes from the activity and storage only.
 */
export class HyteBot extends TeamsActivityHandler {
  constructor(private readonly deps: HyteBotDeps) {
    super();
    this.onMessage(async (context, next) => {
      await this.message(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      const user = await this.deps.references.remember(context, true);
      const origin = this.deps.references.originOf(context);
      const personal = context.activity.conversation.conversationType === 'personal';
      const ours =
        personal && user && (await this.deps.installedByBot?.(user.tenantId, user.aadObjectId));
      if (user && origin && personal && !ours) {
        const card = await this.deps.commands.help(user, {}, origin);
        if (card) await this.reply(context, card);
      }
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botAdded = (context.activity.membersAdded ?? []).some(
        (m) => m.id === context.activity.recipient.id,
      );
      if (botAdded) await this.deps.references.remember(context, true);
      await next();
    });
  }

  private allowed(context: TurnContext): boolean {
    const tenant = tenantOf(context.activity);
    const { allowedTenants } = this.deps;
    return allowedTenants.length === 0 || (!!tenant && allowedTenants.includes(tenant));
  }

  /** Refuses foreign tenants before anything is read or stored. */
  override async run(context: TurnContext): Promise<void> {
    if (this.allowed(context)) return super.run(context);
    this.deps.log.warn(
      { tenant: tenantOf(context.activity), activityId: context.activity.id },
      'activity from a tenant that is not allowed',
    );
    const card = cardForError(langOfTurn(context), new DomainError('ForeignTenant'));
    if (context.activity.type === 'invoke') {
      const response: InvokeResponse = { status: 200, body: cardResponse(card) };
      await context.sendActivity({ type: 'invokeResponse', value: response });
    } else if (context.activity.type === 'message') {
      await this.reply(context, card);
    }
  }

  private async reply(context: TurnContext, card: Card): Promise<void> {
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  }

  /**
   * Runs a handler as one turn: in a span named by its verb or command, with its outcome (`ok`,
   * the domain error's kind, or `error`) and one log line.
   */
  private async guarded(
    context: TurnContext,
    route: { verb: string } | { command: string },
    run: () => Promise<Card | undefined>,
  ): Promise<Card | undefined> {
    const telemetry = this.deps.telemetry ?? noTelemetry;
    const attrs = 'verb' in route ? { 'hyte.verb': route.verb } : { 'hyte.command': route.command };
    const started = Date.now();
    return telemetry.span(Spans.turn, attrs, async (span) => {
      const { card, outcome } = await this.answer(context, run);
      span.set({ 'hyte.outcome': outcome });
      // The one line per turn: ids, the route, the outcome and the time it took; no text.
      this.deps.log.info(
        {
          activityId: context.activity.id,
          conversationId: context.activity.conversation?.id,
          ...route,
          outcome,
          ms: Date.now() - started,
        },
        'turn',
      );
      return card;
    });
  }

  /**
   * The one place errors become cards: a domain error is answered with the card its code
   * names, anything else is logged and answered with the generic error card.
   */
  private async answer(
    context: TurnContext,
    run: () => Promise<Card | undefined>,
  ): Promise<{ card: Card | undefined; outcome: string }> {
    try {
      return { card: await run(), outcome: 'ok' };
    } catch (e) {
      if (!isDomainError(e)) {
        this.deps.log.error(
          {
            err: e,
            activityId: context.activity.id,
            conversationId: context.activity.conversation?.id,
          },
          'turn failed',
        );
      } else {
        this.deps.log.warn({ code: e.code, activityId: context.activity.id }, e.kind);
      }
      return {
        card: cardForError(langOfTurn(context), e),
        outcome: isDomainError(e) ? e.kind : 'error',
      };
    }
  }

  /** Who is acting and where; refused when the activity does not say (nothing is read). */
  private async actor(context: TurnContext, saveReference: boolean) {
    const user = await this.deps.references.remember(context, saveReference);
    const origin = this.deps.references.originOf(context);
    if (!user || !origin) throw new DomainError('NotAllowed', { reason: 'unknown user' });
    return { user, origin };
  }

  private async verb(
    context: TurnContext,
    verb: unknown,
    data: unknown,
  ): Promise<Card | undefined> {
    // Only our own verb names go into logs and telemetry, never whatever a client sent.
    return this.guarded(context, { verb: isVerb(verb) ? verb : 'unknown' }, async () => {
      const { user, origin } = await this.actor(context, false);
      if (!isVerb(verb)) throw new DomainError('UnknownVerb');
      return this.deps.verbs[verb](user, data, origin);
    });
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const card = await this.verb(context, invokeValue.action.verb, invokeValue.action.data);
    // An invoke must be answered with a card even when the handler answered by itself.
    return cardResponse(card ?? cardForError(langOfTurn(context), undefined));
  }

  private async message(context: TurnContext): Promise<void> {
    const value = context.activity.value as { verb?: unknown } | undefined;
    if (value && typeof value === 'object' && 'verb' in value) {
      // Action.Submit fallback: the same data with the verb beside it.
      const { verb, ...data } = value;
      const card = await this.verb(context, verb, data);
      if (card) await this.replace(context, card);
      return;
    }
    const a = context.activity;
    // A file attached in the 1:1 chat is a contact list for the round the user sets up.
    const files = attachedFiles(a);
    const command = files.length ? 'contacts' : parseCommand(a.text);
    if (a.conversation?.conversationType === 'channel' && !command) {
      if (await this.threadReply(context)) return;
      // With the resource-specific permission every channel message arrives: answer only
      // those addressed to the bot.
      if (!mentionsBot(context)) return;
    }
    const card = await this.guarded(context, { command: command ?? 'other' }, async () => {
      const { user, origin } = await this.actor(context, true);
      const handler = this.deps.commands[command ?? 'help'];
      return handler(user, files.length ? { files } : {}, origin);
    });
    if (card) await this.reply(context, card);
  }

  /** A reply in a kept thread, recorded without an answer; false for any other message. */
  private async threadReply(context: TurnContext): Promise<boolean> {
    const user = userOf(context.activity);
    const { threadReply } = this.deps;
    if (!threadReply || !user || !context.activity.conversation.id.includes(';messageid=')) {
      return false;
    }
    try {
      return await threadReply({
        user,
        conversationId: context.activity.conversation.id,
        text: context.activity.text ?? '',
      });
    } catch (e) {
      // A point that could not be stored is said so in the thread, so it can be typed again.
      const card = await this.guarded(context, { command: 'workshopPoint' }, () =>
        Promise.reject(e),
      );
      if (card) await this.reply(context, card);
      return true;
    }
  }

  /** Updates the card the fallback action came from; sends a new one when that fails. */
  private async replace(context: TurnContext, card: Card): Promise<void> {
    const id = context.activity.replyToId;
    if (id) {
      try {
        const update = MessageFactory.attachment(CardFactory.adaptiveCard(card));
        update.id = id;
        await context.updateActivity(update);
        return;
      } catch (e) {
        this.deps.log.info({ err: e }, 'card update failed; sending a new card');
      }
    }
    await this.reply(context, card);
  }
}
