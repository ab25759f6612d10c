import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import type { Server } from 'restify';
import type { Config } from './config';
import { type Clock, type Stores, systemClock, noTelemetry, type Telemetry } from './domain/ports';
import { signedContactsUrl, signedReportUrl } from './http/report-links';
import { attachmentFetcher } from './http/attachment-fetch';
import { createServer, listen } from './http/server';
import { REPORT_FORMAT_INFO } from './report';
import type { Logger } from './log';
import { Background } from './lib/background';
import { appLinks } from './domain/app-links';
import { cachedRoundStore, withHomeTenant, readKoonti, withoutSetup } from './rounds';
import { contactsWorkbook, createSetupService, type SetupService } from './setup';
import { allowedDownload } from './domain/setup/download-url';
import { isOrganiser } from './domain/setup/organisers';
import type { FileDownloads } from './domain/ports';
import { type CoordinatorService, createCoordinatorService } from './coordinator';
import { createQuestionnaireService, type QuestionnaireService } from './questionnaire';
import {
  type GraphReach,
  installedByBot,
  runReminders,
  SendPipeline,
  type PipelineOptions,
} from './delivery';
import { createGraphInstaller } from './graph';
import { IntervalScheduler } from './lib/scheduler';
import { createWorkshopService, type WorkshopService } from './workshop';
import { createRecordService, type RecordService } from './record';
import { TeamsChannelThreads } from './teams/teams-channel-threads';
import { createAdapter } from './teams/adapter';
import { HyteBot } from './teams/hyte-bot';
import { References } from './teams/references';
import { TeamsMessenger } from './teams/teams-messenger';
import { type Command, reminderCard, type Verb } from '../cards';
import type { Handler } from './lib/route';

export interface AppDeps {
  config: Pick<Config, 'botAuth' | 'allowedTenants' | 'timeZone'> &
    Partial<
      Pick<
        Config,
        | 'jobsSecret'
        | 'reminderIntervalSeconds'
        | 'sendLimits'
        | 'publicUrl'
        | 'linkSecret'
        | 'graph'
        | 'organisers'
        | 'fileHosts'
      >
    >;
  stores: Stores;
  log: Logger;
  clock?: Clock;
  /** Outbound credentials; tests pass a stub so nothing reaches for a real token. */
  credentialsFactory?: ServiceClientCredentialsFactory;
  /** Pipeline timing (tests shorten the backoff). */
  pipeline?: PipelineOptions;
  /** Spans and counters (Azure Monitor when configured); records nothing by default. */
  telemetry?: Telemetry;
  /** Fetches files attached in chat (default: over HTTPS from the allowed hosts). */
  downloads?: FileDownloads;
}

export interface App {
  server: Server;
  listen(port: number, host?: string): Promise<{ port: number }>;
  /** Runs the reminder job once (what the scheduler and /api/jobs/reminders do). */
  runReminders(): ReturnType<typeof runReminders>;
  /**
   * Stops taking work, gives back claims not yet on the wire, finishes the sends that are
   * (at most `graceMs`) and closes the server.
   */
  close(graceMs?: number): Promise<ShutdownSummary>;
}

/** What a shutdown did, for its log line. */
export interface ShutdownSummary {
  /** Calls to Teams on the wire when shutdown began, finished and recorded. */
  finished: number;
  /** Claims given back unsent: the next run sends them. */
  released: number;
  /** Background tasks still running when the grace ran out. */
  unfinished: number;
}

/** The features' handlers, as their services give them. */
export interface Features {
  questionnaire: QuestionnaireService;
  coordinator: CoordinatorService;
  workshop: WorkshopService;
  setup: SetupService;
  record: RecordService;
}

/**
 * Every verb and command with its feature's handler: complete by type, so a verb or command
 * that no feature handles does not compile.
 */
export function routeTables({
  questionnaire: q,
  coordinator: c,
  workshop: w,
  setup: s,
  record: r,
}: Features): {
  verbs: Record<Verb, Handler>;
  commands: Record<Command, Handler>;
} {
  return {
    verbs: { ...q.verbs, ...c.verbs, ...w.verbs, ...s.verbs, ...r.verbs },
    commands: { ...q.commands, ...c.commands, ...w.commands, ...s.commands, ...r.commands },
  };
}

/** All wiring in one place: stores, services, the Teams layer and the HTTP server. */
export function createApp({
  config,
  stores,
  log,
  clock = systemClock,
  credentialsFactory,
  pipeline: pipelineOptions,
  telemetry = noTelemetry,
  downloads,
}: AppDeps): App {
  const adapter = createAdapter(config, log, credentialsFactory);
  const rounds = withHomeTenant(
    cachedRoundStore(stores.rounds, clock),
    { allowedTenants: config.allowedTenants, appTenantId: config.botAuth.MicrosoftAppTenantId },
    (roundId, issue) =>
      log.error(
        { roundId, field: issue.path },
        `round ${roundId}: ${issue.path}: ${issue.message}`,
      ),
  );
  const appId = config.botAuth.MicrosoftAppId ?? '';
  const messenger = new TeamsMessenger(adapter, appId, stores.conversations, log, clock);
  const background = new Background((e) => log.error({ err: e }, 'background work failed'));
  // Shutdown aborts the background signal: the pipeline then puts nothing more on the wire.
  const pipeline = new SendPipeline({
    ...config.sendLimits,
    ...pipelineOptions,
    signal: background.signal,
    telemetry,
  });
  const owner = `${hostname().slice(0, 40)}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const questionnaire = createQuestionnaireService({
    // Respondents never see a round still being set up.
    rounds: withoutSetup(rounds),
    responses: stores.responses,
    clock,
    timeZone: config.timeZone,
  });
  // People no saved chat and no roster reaches, through Microsoft Graph when configured.
  const graph: GraphReach | undefined = config.graph && {
    installer: createGraphInstaller(config.graph),
    appId: config.graph.appId,
    serviceUrl: config.graph.teamsServiceUrl,
  };
  // What every use case that sends to Teams is built on.
  const sending = {
    stores,
    rounds,
    messenger,
    pipeline,
    clock,
    timeZone: config.timeZone,
    owner,
    graph,
  };
  const tenants = {
    allowedTenants: config.allowedTenants,
    appTenantId: config.botAuth.MicrosoftAppTenantId,
  };
  const organisers = { people: config.organisers ?? [], tenants };
  const coordinator = createCoordinatorService({
    ...sending,
    background,
    isOrganiser: (user) => isOrganiser(user, organisers),
    appLinks: appId ? appLinks(appId) : undefined,
    reportUrl: (roundId, options) =>
      config.publicUrl && config.linkSecret
        ? signedReportUrl(
            config.publicUrl,
            config.linkSecret,
            roundId,
            clock.now(),
            undefined,
            options,
          )
        : undefined,
  });
  const workshop = createWorkshopService({
    ...sending,
    threads: new TeamsChannelThreads(adapter, appId),
    onError: (e) => log.warn({ err: e }, 'workshop card update failed'),
  });
  const fileHosts = config.fileHosts ?? [];
  const setup = createSetupService({
    stores,
    rounds,
    clock,
    timeZone: config.timeZone,
    organisers,
    fileHosts,
    downloads: downloads ?? attachmentFetcher((url) => allowedDownload(url, fileHosts)),
    contactsUrl: (roundId) =>
      config.publicUrl && config.linkSecret
        ? signedContactsUrl(config.publicUrl, config.linkSecret, roundId, clock.now())
        : undefined,
  });
  const record = createRecordService({
    stores,
    rounds,
    clock,
    timeZone: config.timeZone,
    onError: (e, { lost }) => log.error({ err: e, lost }, 'disclosures not recorded'),
  });
  const reminders = () =>
    runReminders({
      stores,
      // As stored and uncached: a launched round is reminded in the tenant it was launched in,
      // also where its file names no home tenant.
      rounds: stores.rounds,
      messenger,
      pipeline,
      clock,
      timeZone: config.timeZone,
      stopping: () => background.stopping,
      owner,
      graph,
      reminderCard: ({ round, organisation, sheet, now, installed }) =>
        reminderCard({
          lang: organisation.language,
          timeZone: config.timeZone,
          now,
          round,
          organisation,
          sheet,
          ...(installed ? { installed } : {}),
        }),
      postCouncilSummary: (round) => coordinator.postCouncilSummary(round),
    });
  const scheduler = new IntervalScheduler(config.reminderIntervalSeconds ?? 0, reminders, (e) =>
    log.error({ err: e }, 'reminder run failed'),
  );
  const bot = new HyteBot({
    references: new References(stores.conversations, log, clock),
    ...routeTables({ questionnaire, coordinator, workshop, setup, record }),
    threadReply: workshop.reply,
    ...(graph ? { installedByBot: installedByBot(stores.conversations, clock) } : {}),
    allowedTenants: config.allowedTenants,
    log,
    telemetry,
  });
  const server = createServer({
    adapter,
    bot,
    ping: () => stores.ping(),
    log,
    telemetry,
    jobs: { secret: config.jobsSecret, reminders },
    reports: config.linkSecret
      ? {
          secret: config.linkSecret,
          now: () => clock.now(),
          render: async (roundId, format, lang, options) => {
            const round = await stores.rounds.get(roundId);
            if (!round) return undefined;
            const koonti = await readKoonti(stores, round, clock.now(), options);
            const f = REPORT_FORMAT_INFO[format];
            return {
              body: await f.render(koonti, lang, config.timeZone),
              contentType: f.contentType,
            };
          },
          disclosed: (entry) => record.disclosures.note(entry),
        }
      : undefined,
    contacts: config.linkSecret
      ? {
          secret: config.linkSecret,
          now: () => clock.now(),
          render: async (roundId) => {
            const round = await stores.rounds.get(roundId);
            return round && contactsWorkbook(round, 'fi', clock.now());
          },
          disclosed: (entry) => record.disclosures.note(entry),
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
    close: async (graceMs = 7000) => {
      // Refuse new work first, so a reminder run under way stops taking recipients.
      const drained = background.drain(graceMs);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((r) => (timer = setTimeout(r, graceMs)));
      await Promise.race([Promise.all([scheduler.stop(), closed]), grace]);
      clearTimeout(timer);
      // Disclosures of the last downloads are written before the process goes.
      await record.disclosures.drain(1000);
      const { unfinished } = await drained;
      return { ...pipeline.tally, unfinished };
    },
  };
}
