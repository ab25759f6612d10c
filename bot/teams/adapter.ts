import {
  type Activity,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  MessageFactory,
  type TurnContext,
} from 'botbuilder';
import type {
  AuthenticateRequestResult,
  ClaimsIdentity,
  ConnectorClient,
  ConnectorFactory,
  ServiceClientCredentialsFactory,
  UserTokenClient,
} from 'botframework-connector';
import type { Config } from '../config';
import { langOf } from '../domain/localized-text';
import type { Logger } from '../log';
import { cardForError } from './error-cards';
import { PasswordCredentialsFactory } from './password-credentials';

/** Service URLs and app identities a process talks to are few; this bounds a surprise. */
const MAX_CLIENTS = 200;

/**
 * Two things botbuilder does that this changes:
 *
 * - Retries of proactive sends belong to the send pipeline, which honours Retry-After and
 *   Teams' limits. The connector client has a retry policy of its own (3 retries with
 *   backoff) that ignores the options meant to turn it off, and the two layers multiply:
 *   6 × 4 attempts per message, half a minute per failing send. Clients for proactive sends
 *   lose that layer; replies within a turn, which no pipeline retries, keep it.
 * - Every turn built a new connector client and a new token client, a fifth of a card
 *   action's own time. A client holds only its credentials (which cache their tokens) and
 *   base URL, so one per app identity and service URL serves every turn.
 */
class SingleRetryLayerAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();
  private readonly tokenClients = new Map<string, Promise<UserTokenClient>>();

  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    const inner = result.connectorFactory;
    return inner
      ? { ...result, connectorFactory: this.reused(result.claimsIdentity, inner, 'turn') }
      : result;
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reused(claimsIdentity, super.createConnectorFactory(claimsIdentity), 'proactive');
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return remembered(this.tokenClients, identityKey(claimsIdentity), () =>
      super.createUserTokenClient(claimsIdentity),
    );
  }

  private reused(
    claimsIdentity: ClaimsIdentity,
    inner: ConnectorFactory,
    use: 'turn' | 'proactive',
  ): ConnectorFactory {
    const identity = identityKey(claimsIdentity);
    return {
      create: (serviceUrl: string, audience?: string) =>
        remembered(
          this.connectors,
          `${use}\n${identity}\n${serviceUrl}\n${audience ?? ''}`,
          async () => {
            const client = await inner.create(serviceUrl, audience);
            if (use === 'turn') return client;
            const pipeline = (client as unknown as { client?: { pipeline?: Pipeline } }).client
              ?.pipeline;
            pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
            return client;
          },
        ),
    } as ConnectorFactory;
  }
}

/** The claims a client's credentials are chosen by (botbuilder's `getAppId`). */
function identityKey(claimsIdentity: ClaimsIdentity): string {
  const claim = (type: string) => claimsIdentity.getClaimValue(type) ?? '';
  return [claim('aud'), claim('appid'), claim('azp'), claim('ver')].join('\n');
}

/** The value made once for `key`; a failed making is forgotten, so the next turn tries again. */
function remembered<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>) {
  let value = cache.get(key);
  if (!value) {
    if (cache.size >= MAX_CLIENTS) cache.clear();
    value = make();
    cache.set(key, value);
    value.catch(() => cache.delete(key));
  }
  return value;
}

interface Pipeline {
  removePolicy(options: { name: string }): unknown;
}

/**
 * Password mode (MultiTenant or SingleTenant with `MicrosoftAppPassword`): outbound tokens from
 * the configured login URL as given (see PasswordCredentialsFactory). Otherwise `undefined`,
 * and botbuilder builds its own factory: a managed identity for `UserAssignedMSI`
 * (IDENTITY_ENDPOINT / IDENTITY_HEADER on App Service), none without an app id.
 */
export function passwordCredentials(
  botAuth: Config['botAuth'],
): ServiceClientCredentialsFactory | undefined {
  const { MicrosoftAppId: appId, MicrosoftAppPassword: password, MicrosoftAppType: type } = botAuth;
  if (!appId || !password || type === 'UserAssignedMSI') return undefined;
  const single = type === 'SingleTenant' ? botAuth.MicrosoftAppTenantId : undefined;
  return new PasswordCredentialsFactory({
    appId,
    password,
    ...(single ? { singleTenantId: single } : {}),
  });
}

/** CloudAdapter with Bot Framework authentication from the environment. */
export function createAdapter(
  config: Pick<Config, 'botAuth'>,
  log: Logger,
  credentialsFactory?: ServiceClientCredentialsFactory,
): CloudAdapter {
  const auth = new SingleRetryLayerAuthentication(
    config.botAuth as ConfigurationBotFrameworkAuthenticationOptions,
    credentialsFactory ?? passwordCredentials(config.botAuth),
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
      const card = cardForError(langOf(a.locale), error);
      await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
    } catch (e) {
      log.error({ err: e, activityId: a.id }, 'could not tell the user about the error');
    }
  };
  return adapter;
}
