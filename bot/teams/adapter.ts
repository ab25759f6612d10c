import {
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  MessageFactory,
  type TurnContext,
} from 'botbuilder';
import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import type { Config } from '../config';
import { langFromLocale } from '../domain/localized-text';
import type { Logger } from '../log';
import { cardForError } from './hyte-bot';

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
  const auth = new ConfigurationBotFrameworkAuthentication(
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
