import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import type { Server } from 'restify';
import type { Config } from './config';
import { coordinatedRounds } from './domain/coordinator';
import { langFromLocale } from './domain/localized-text';
import { type Clock, type Stores, systemClock } from './domain/ports';
import { createServer, listen } from './http/server';
import type { Logger } from './log';
import { cachedRoundStore } from './services/cached-rounds';
import { createQuestionnaireService } from './services/questionnaire-service';
import { createAdapter } from './teams/adapter';
import { HyteBot } from './teams/hyte-bot';
import { References } from './teams/references';
import { helpCard } from '../cards';

export interface AppDeps {
  config: Pick<Config, 'botAuth' | 'allowedTenants' | 'timeZone'>;
  stores: Stores;
  log: Logger;
  clock?: Clock;
  /** Outbound credentials; tests pass a stub so nothing reaches for a real token. */
  credentialsFactory?: ServiceClientCredentialsFactory;
}

export interface App {
  server: Server;
  listen(port: number, host?: string): Promise<{ port: number }>;
  close(): Promise<void>;
}

/** All wiring in one place: stores, services, the Teams layer and the HTTP server. */
export function createApp({
  config,
  stores,
  log,
  clock = systemClock,
  credentialsFactory,
}: AppDeps): App {
  const adapter = createAdapter(config, log, credentialsFactory);
  const rounds = cachedRoundStore(stores.rounds, clock);
  const questionnaire = createQuestionnaireService({
    rounds,
    responses: stores.responses,
    clock,
    timeZone: config.timeZone,
  });
  const bot = new HyteBot({
    references: new References(stores.conversations, log, () => clock.now()),
    verbs: { ...questionnaire.verbs },
    commands: {
      help: async (user) => {
        return helpCard({
          lang: langFromLocale(user.locale) ?? 'fi',
          isCoordinator: coordinatedRounds(await rounds.list(), user).length > 0,
        });
      },
      start: (user) => questionnaire.start(user),
    },
    allowedTenants: config.allowedTenants,
    log,
  });
  const server = createServer({ adapter, bot, ping: () => stores.ping(), log });
  return {
    server,
    listen: async (port, host) => ({ port: await listen(server, port, host) }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}
