import {
  CardFactory,
  type CloudAdapter,
  type ConversationParameters,
  MessageFactory,
} from 'botbuilder';
import type { StoredReference, ChannelThreads, StartedThread } from '../domain/ports';
import type { Card } from '../../cards';
import { toSendFailure } from './teams-messenger';

/**
 * Starts channel threads the way Teams does: create-conversation with the channel id and the
 * first message. Teams answers `{channel};messageid={id}`; the message id is the thread's root.
 */
export class TeamsChannelThreads implements ChannelThreads {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly audience = 'https://api.botframework.com',
  ) {}

  async start(channel: StoredReference, channelId: string, card: Card): Promise<StartedThread> {
    const reference = channel.reference as {
      serviceUrl?: string;
      bot?: ConversationParameters['bot'];
    };
    const params = {
      isGroup: true,
      bot: reference.bot,
      tenantId: channel.tenantId,
      channelData: { channel: { id: channelId }, tenant: { id: channel.tenantId } },
      activity: MessageFactory.attachment(CardFactory.adaptiveCard(card)),
    } as ConversationParameters;
    let conversationId = '';
    try {
      await this.adapter.createConversationAsync(
        this.appId,
        'msteams',
        String(reference.serviceUrl ?? ''),
        this.audience,
        params,
        async (context) => {
          conversationId = context.activity.conversation.id;
        },
      );
    } catch (e) {
      throw toSendFailure(e);
    }
    const activityId = /;messageid=(\d+|[^;]+)$/.exec(conversationId)?.[1];
    if (!activityId) throw toSendFailure(new Error(`unexpected thread id ${conversationId}`));
    return { conversationId, activityId };
  }
}
