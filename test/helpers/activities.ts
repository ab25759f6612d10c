import { randomUUID } from 'node:crypto';

export const TENANT = '11111111-2222-3333-4444-555555555555';

export interface From {
  aadObjectId: string;
  name?: string;
  /** Teams 29: id; derived from the object id when omitted. */
  id?: string;
}

export interface Where {
  serviceUrl: string;
  tenant?: string;
  locale?: string;
  conversationType?: 'personal' | 'channel' | 'groupChat';
  conversationId?: string;
  channelId?: string;
}

/** A Teams-shaped activity, as the Bot Connector delivers it. */
export function activity(
  type: string,
  from: From,
  where: Where,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const tenant = where.tenant ?? TENANT;
  const conversationType = where.conversationType ?? 'personal';
  const conversationId =
    where.conversationId ??
    (conversationType === 'channel'
      ? `19:${where.channelId ?? 'general'}@thread.tacv2;messageid=1`
      : `a:personal-${from.aadObjectId}`);
  return {
    type,
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: where.serviceUrl,
    locale: where.locale ?? 'fi-FI',
    from: {
      id: from.id ?? `29:${from.aadObjectId}`,
      aadObjectId: from.aadObjectId,
      name: from.name ?? 'Testi Käyttäjä',
    },
    recipient: { id: '28:hyte-bot', name: 'hyte-bot' },
    conversation: {
      id: conversationId,
      conversationType,
      tenantId: tenant,
      isGroup: conversationType !== 'personal',
    },
    channelData: {
      tenant: { id: tenant },
      ...(conversationType === 'channel'
        ? {
            channel: { id: `19:${where.channelId ?? 'general'}@thread.tacv2` },
            team: { id: '19:team@thread.tacv2' },
          }
        : {}),
    },
    ...extra,
  };
}

export const message = (text: string, from: From, where: Where, extra = {}) =>
  activity('message', from, where, { text, ...extra });

/** A Universal Action (`Action.Execute`) invoke. */
export const invoke = (verb: string, data: Record<string, unknown>, from: From, where: Where) =>
  activity('invoke', from, where, {
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    // Teams names the message whose card was pressed.
    replyToId: 'card-message-1',
  });

export const installed = (from: From, where: Where) =>
  activity('installationUpdate', from, where, { action: 'add' });

/** A message in the 1:1 chat with a file attached, as Teams delivers it to a bot with `supportsFiles`. */
export const fileMessage = (name: string, downloadUrl: string, from: From, where: Where) =>
  activity('message', from, where, {
    text: '',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.teams.file.download.info',
        name,
        content: { downloadUrl, uniqueId: randomUUID(), fileType: name.split('.').pop() },
      },
    ],
  });
