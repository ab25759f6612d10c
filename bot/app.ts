import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import type { Server } from 'restify';
import type { Config } from './config';
import { coordinatedRounds } from './domain/coordinator';
import { langFromLocale } from './domain/localized-text';
import { type Clock, type Stores, systemClock } from './domain/ports';
import { compileKoonti } from './domain/koonti';
import { signedReportUrl } from './http/report-links';
import { createServer, listen } from './http/server';
import { REPORT_FORMAT_INFO } from './report';
import type { Logger } from './log';
import { Background } from './services/background';
import { cachedRoundStore } from './services/cached-rounds';
import { createCoordinatorService } from './services/coordinator';
import { createQuestionnaireService } from './services/questionnaire-service';
import { runReminders } from './services/reminders';
import { IntervalScheduler } from './services/scheduler';
import { SendPipeline, type PipelineOptions } from './services/send-pipeline';
import { createAdapter } from './teams/adapter';
import { HyteBot } from './teams/hyte-bot';
import { References } from './teams/references';
import { TeamsMessenger } from './teams/teams-messenger';
import { helpCard, reminderCard } from '../cards';

export interface AppDeps {
  config: Pick<Config, 'botAuth' | 'allowedTenants' | 'timeZone'> &
    Partial<
      Pick<
        Config,
        'jobsSecret' | 'reminderIntervalSeconds' | 'sendLimits' | 'publicUrl' | 'linkSecret'
      >
    >;
  stores: Stores;
  log: Logger;
  clock?: Clock;
  /** Outbound credentials; tests pass a stub so nothing reaches for a real token. */
  credentialsFactory?: ServiceClientCredentialsFactory;
  /** Pipeline timing (tests shorten the backoff). */
  pipeline?: PipelineOptions;
}

export interface App {
  server: Server;
  listen(port: number, host?: string): Promise<{ port: number }>;
  /** Runs the reminder job once (what the scheduler and /api/jobs/reminders do). */
  runReminders(): ReturnType<typeof runReminders>;
  /** Stops taking work, finishes sends under way (at most `graceMs`), closes the server. */
  close(graceMs?: number): Promise<void>;
}

/** All wiring in one place: stores, services, the Teams layer and the HTTP server. */
export function createApp({
  config,
  stores,
  log,
  clock = systemClock,
  credentialsFactory,
  pipeline: pipelineOptions,
}: AppDeps): App {
  const adapter = createAdapter(config, log, credentialsFactory);
  const rounds = cachedRoundStore(stores.rounds, clock);
  const appId = config.botAuth.MicrosoftAppId ?? '';
  const messenger = new TeamsMessenger(adapter, appId, stores.conversations, log);
  const pipeline = new SendPipeline({ ...config.sendLimits, ...pipelineOptions });
  const background = new Background((e) => log.error({ err: e }, 'background work failed'));
  const questionnaire = createQuestionnaireService({
    rounds,
    responses: stores.responses,
    clock,
    timeZone: config.timeZone,
  });
  const coordinator = createCoordinatorService({
    stores,
    rounds,
    messenger,
    pipeline,
    clock,
    timeZone: config.timeZone,
    background,
    reportUrl: (roundId) =>
      config.publicUrl && config.linkSecret
        ? signedReportUrl(config.publicUrl, config.linkSecret, roundId, clock.now())
        : undefined,
  });
  const reminders = () =>
    runReminders({
      stores,
      messenger,
      pipeline,
      clock,
      timeZone: config.timeZone,
      stopping: () => background.stopping,
      reminderCard: ({ round, organisation, sheet, now }) =>
        reminderCard({
          lang: organisation.language,
          timeZone: config.timeZone,
          now,
          round,
          organisation,
          sheet,
        }),
      postCouncilSummary: (round) => coordinator.postCouncilSummary(round),
    });
  const scheduler = new IntervalScheduler(config.reminderIntervalSeconds ?? 0, reminders, (e) =>
    log.error({ err: e }, 'reminder run failed'),
  );
  const bot = new HyteBot({
    references: new References(stores.conversations, log, () => clock.now()),
    verbs: { ...questionnaire.verbs, ...coordinator.verbs },
    commands: {
      help: async (user) =>
        helpCard({
          lang: langFromLocale(user.locale) ?? 'fi',
          isCoordinator: coordinatedRounds(await rounds.list(), user).length > 0,
        }),
      start: (user) => questionnaire.start(user),
      ...coordinator.commands,
    },
    allowedTenants: config.allowedTenants,
    log,
  });
  const server = createServer({
    adapter,
    bot,
    ping: () => stores.ping(),
    log,
    jobs: { secret: config.jobsSecret, reminders },
    reports: config.linkSecret
      ? {
          secret: config.linkSecret,
          now: () => clock.now(),
          render: async (roundId, format, lang) => {
            const round = await stores.rounds.get(roundId);
            if (!round) return undefined;
            const ids = round.organisations.map((o) => o.id);
            const koonti = compileKoonti(round, await stores.responses.listSheets(roundId, ids), {
              now: clock.now(),
            });
            const f = REPORT_FORMAT_INFO[format];
            return { body: await f.render(koonti, lang), contentType: f.contentType };
          },
        }
      : undefined,
  });
  return {
    server,
    listen: async (port, host) => {
      const bound = await listen(server, port, host);
      scheduler.start();
      return { port: bound };
    },
    runReminders: reminders,
    close: async (graceMs = 8000) => {
      // Refuse new work first, so a reminder run under way stops taking recipients.
      const drained = background.drain(graceMs);
      await scheduler.stop();
      await drained;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
