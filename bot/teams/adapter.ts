import {
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  MessageFactory,
  type TurnContext,
} from 'botbuilder';
import type {
  ClaimsIdentity,
  ConnectorFactory,
  ServiceClientCredentialsFactory,
} from 'botframework-connector';
import type { Config } from '../config';
import { langFromLocale } from '../domain/localized-text';
import type { Logger } from '../log';
import { cardForError } from './error-cards';

/**
 * Retries belong to the send pipeline, which honours Retry-After and Teams' limits. The
 * connector client has a retry policy of its own (3 retries with backoff) that ignores the
 * options meant to turn it off, and the two layers multiply: 6 × 4 attempts per message, half
 * a minute per failing send. This removes the client's layer from every connector client.
 */
class SingleRetryLayerAuthentication extends ConfigurationBotFrameworkAuthentication {
  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const inner = super.createConnectorFactory(claimsIdentity);
    return {
      create: async (serviceUrl: string, audience?: string) => {
        const client = await inner.create(serviceUrl, audience);
        const pipeline = (client as unknown as { client?: { pipeline?: Pipeline } }).client
          ?.pipeline;
        pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
        return client;
      },
    } as ConnectorFactory;
  }
}

interface Pipeline {
  removePolicy(options: { name: string }): unknown;
}

/**
 * CloudAdapter with Bot Framework authentication from the environment. Without a credentials
 * factory, botbuilder builds one from the same keys: app password, or a managed identity when
 * `MicrosoftAppType=UserAssignedMSI` (IDENTITY_ENDPOINT / IDENTITY_HEADER on App Service).
 */
export function createAdapter(
  config: Pick<Config, 'botAuth'>,
  log: Logger,
  credentialsFactory?: ServiceClientCredentialsFactory,
): CloudAdapter {
  const auth = new SingleRetryLayerAuthentication(
    config.botAuth as ConfigurationBotFrameworkAuthenticationOptions,
    credentialsFactory,
  );
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: unknown) => {
    const a = context.activity;
    log.error(
      {
        err: error,
        activityId: a.id,
        activityType: a.type,
        conversationId: a.conversation?.id,
        tenantId: a.conversation?.tenantId,
      },
      'unhandled error in turn',
    );
    if (a.type !== 'message' && a.type !== 'conversationUpdate' && a.type !== 'installationUpdate')
      return;
    try {
      const card = cardForError(langFromLocale(a.locale) ?? 'fi', error);
      await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
    } catch (e) {
      log.error({ err: e, activityId: a.id }, 'could not tell the user about the error');
    }
  };
  return adapter;
}
