import os from 'node:os';
import { Round } from '../bot/domain/round';
import { allRecipients, deliverAll, SendPipeline } from '../bot/delivery';
import { createGraphInstaller } from '../bot/graph';
import { createLogger } from '../bot/log';
import { createAdapter } from '../bot/teams/adapter';
import { TeamsMessenger } from '../bot/teams/teams-messenger';
import { createStores } from '../storage';
import { AzureTableService } from '../storage/azure-table';
import { GraphEmulator } from '../test/helpers/graph';
import { selfSignedCertificate, trustInProcess } from '../test/helpers/tls';
import { benchRound } from './bench-round';
import { launchFanout, PER_TENANT, tally, tenantConnectors } from './fanout-launch';
import { median } from './load';
import type { Result } from './result';

const APP = '00000000-aaaa-bbbb-cccc-000000000001';
const tenantId = (t: number) => `${String(t + 1).repeat(8)}-0000-4000-8000-000000000000`;
const userId = (i: number) => `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`;

interface GraphLaunch {
  seconds: number;
  sent: number;
  problems: number;
  lost: number;
  duplicated: number;
  misplaced: number;
  graphRequests: number;
  graphFailed: number;
  connectorRequests: number;
  half: number;
}

/**
 * A first launch to `n` respondents over `tenants` tenants, nobody reachable by a saved chat
 * or a roster (each tenant's team roster is empty): every one is looked up, installed for and
 * greeted through the Graph emulator, whose calls take their turns in the tenant's lane beside
 * the sends. Graph and each tenant's connector answer 10 % of requests with 429 or 503.
 */
async function graphLaunch(
  connectionString: string,
  n: number,
  tenants: number,
  run: number,
): Promise<GraphLaunch> {
  const cert = selfSignedCertificate();
  trustInProcess(cert.cert);
  const graph = await new GraphEmulator(
    cert,
    { appId: APP, secret: 'bench' },
    { randomFailures: 0.1 },
  ).start();
  const connectors = await tenantConnectors(tenants);
  const stores = createStores(
    new AzureTableService({ connectionString }, `bgraph${run}${Date.now() % 1e6}`),
  );
  const base = benchRound('bench-graph', Math.ceil(n / 10), (o) =>
    Array.from({ length: Math.min(10, n - o * 10) }, (_, r) => ({
      aadObjectId: userId(o * 10 + r),
    })),
  );
  const round = Round.parse({
    ...base,
    tenantId: tenantId(0),
    organisations: base.organisations.map((org, o) => ({
      ...org,
      tenantId: tenantId(o % tenants),
    })),
  });
  const recipients = allRecipients(round);
  const tenantOfUser = (i: number) => Math.floor(i / 10) % tenants;
  for (let t = 0; t < tenants; t++) {
    graph.tenant(tenantId(t), {
      users: recipients
        .map((_, i) => i)
        .filter((i) => tenantOfUser(i) === t)
        .map((i) => ({ id: userId(i), userPrincipalName: `user${i}@t${t}.example` })),
    });
    // The bot is in one team per tenant (which tells it the service URL), with nobody of the round.
    const team = `19:bench-team-${t}@thread.tacv2`;
    connectors[t]!.roster(team, []);
    await stores.conversations.saveConversation(team, {
      reference: {
        conversation: { id: team, tenantId: tenantId(t) },
        serviceUrl: connectors[t]!.url,
        channelId: 'msteams',
        bot: { id: `28:${APP}` },
      },
      tenantId: tenantId(t),
      conversationType: 'channel',
      updatedAt: new Date().toISOString(),
    });
  }
  const log = createLogger('silent');
  const messenger = new TeamsMessenger(
    createAdapter({ botAuth: {} }, log),
    '',
    stores.conversations,
    log,
  );
  const pipeline = new SendPipeline({ perTenantPerSecond: PER_TENANT });
  const installer = createGraphInstaller({
    url: graph.graphUrl,
    loginUrl: graph.url,
    teamsServiceUrl: 'https://smba.invalid/teams/',
    appId: APP,
    password: 'bench',
  });
  const marks: number[] = [];
  const started = performance.now();
  const progress = await deliverAll(
    {
      stores,
      messenger,
      pipeline,
      clock: { now: () => new Date() },
      concurrency: 16,
      graph: { installer, appId: APP, serviceUrl: 'https://smba.invalid/teams/' },
    },
    {
      round,
      tenantId: tenantId(0),
      purpose: 'launch',
      recipients,
      card: () => ({ type: 'AdaptiveCard', version: '1.5', body: [] }),
      onProgress: (p) => {
        if (p.sent > marks.length) marks.push(performance.now() - started);
      },
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const { lost, duplicated, misplaced } = tally(
    connectors,
    recipients.length,
    (i) => graph.chatId(userId(i)),
    tenantOfUser,
  );
  const graphCalls = graph.graphCalls();
  const result = {
    seconds,
    sent: progress.sent,
    problems: progress.problems.length,
    lost,
    duplicated,
    misplaced,
    graphRequests: graphCalls.length,
    graphFailed: graphCalls.filter((c) => c.status === 429 || c.status === 503).length,
    connectorRequests: connectors.reduce(
      (s, c) => s + c.calls.filter((x) => x.method === 'POST').length,
      0,
    ),
    half: (marks[Math.ceil(n / 2) - 1] ?? 0) / 1000,
  };
  await Promise.all([graph.close(), ...connectors.map((c) => c.close())]);
  return result;
}

/**
 * `graph_launch_msgs_per_s` and `graph_launch_lost`: the median of `launches` first launches
 * through Graph, beside a plain fan-out of the same size in the same run (saved chats).
 */
export async function graphLaunchBench(
  connectionString: string,
  n = 1000,
  tenants = 4,
  launches = 3,
): Promise<Result[]> {
  const load = os.loadavg()[0] ?? 0;
  const runs: GraphLaunch[] = [];
  for (let i = 0; i < launches; i++) runs.push(await graphLaunch(connectionString, n, tenants, i));
  const plain = await launchFanout({
    connectionString,
    tables: 'bgplain',
    roundId: 'bench-graph-plain',
    respondents: n,
    tenants,
    concurrency: 16,
  });
  const plainRate = plain.sent / plain.seconds;
  const rates = runs.map((r) => r.sent / r.seconds);
  const rate = median(rates);
  const run = runs[rates.indexOf(rate)]!;
  const sum = (f: (r: GraphLaunch) => number) => runs.reduce((a, r) => a + f(r), 0);
  const perPerson = (run.graphRequests + run.connectorRequests) / n;
  const notes = `median of ${launches} first launches (${rates.map((r) => r.toFixed(1)).join(', ')} msg/s), each to ${n} respondents over ${tenants} tenants reachable only through the Graph emulator (lookup, install, installation, chat, then the intro: ${perPerson.toFixed(2)} requests per person with retries, ${run.graphRequests} to Graph of which ${run.graphFailed} answered 429/503); 10 % injected 429/503 on Graph and on each connector (${PER_TENANT} requests/s per tenant shared by Graph and sends); the median one took ${run.seconds.toFixed(1)} s (half after ${run.half.toFixed(1)} s). Plain fan-out of the same run (saved chats): ${plainRate.toFixed(1)} msg/s, ${(rate / plainRate).toFixed(2)} × it. Over all launches: ${sum((r) => r.duplicated)} duplicated, ${sum((r) => r.misplaced)} in a wrong tenant, problems ${sum((r) => r.problems)}. Node ${process.version}, ${os.cpus().length} CPUs, load average ${load.toFixed(1)} when it began (the machine shared)`;
  return [
    { key: 'graph_launch_msgs_per_s', value: rate, unit: 'msg/s', n, notes },
    {
      key: 'graph_launch_lost',
      value: sum((r) => r.lost),
      unit: 'messages',
      n: n * launches,
      notes: `over ${launches} launches of ${n} through Graph: duplicated ${sum((r) => r.duplicated)}; in a wrong tenant ${sum((r) => r.misplaced)}; plain fan-out beside them lost ${plain.lost}`,
    },
  ];
}
