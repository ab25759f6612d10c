import { createLogger } from '../bot/log';
import { Round } from '../bot/domain/round';
import { allRecipients, deliverAll } from '../bot/delivery/deliver';
import { SendPipeline } from '../bot/delivery/send-pipeline';
import { createAdapter } from '../bot/teams/adapter';
import { TeamsMessenger } from '../bot/teams/teams-messenger';
import { createStores } from '../storage';
import { AzureTableService } from '../storage/azure-table';
import { ConnectorEmulator } from '../test/helpers/connector';
import { benchRound } from './bench-round';

/** Teams: 50 requests a second per app per tenant, as each tenant's connector enforces. */
export const PER_TENANT = 50;

const tenantId = (t: number) => `${String(t + 1).repeat(8)}-0000-4000-8000-000000000000`;

export interface LaunchSetup {
  connectionString: string;
  /** Table name prefix of this benchmark's stores. */
  tables: string;
  roundId: string;
  respondents: number;
  tenants: number;
  /** Recipients worked on at once per tenant. */
  concurrency: number;
}

export interface LaunchOutcome {
  seconds: number;
  sent: number;
  problems: number;
  /** Sends that reached a connector, answered or not. */
  attempts: number;
  /** Respondents nothing reached. */
  lost: number;
  /** Messages beyond the first one a respondent got. */
  duplicated: number;
  /** Messages that arrived at another tenant's connector. */
  misplaced: number;
  limitPerSecond: number;
  /** Seconds until `share` of the respondents had been sent (formatted). */
  after: (share: number) => string;
}

/**
 * How the messages of a launch arrived: recipients `0…n-1` whose conversation got nothing
 * (lost), the copies beyond the first (duplicated), and those that reached a connector of
 * another tenant than theirs (misplaced).
 */
export function tally(
  connectors: readonly ConnectorEmulator[],
  n: number,
  conversationOf: (i: number) => string,
  tenantOf: (i: number) => number,
): { lost: number; duplicated: number; misplaced: number } {
  let lost = 0;
  let duplicated = 0;
  let misplaced = 0;
  for (let i = 0; i < n; i++) {
    const got = connectors.map((c) => c.delivered.get(conversationOf(i)) ?? 0);
    const total = got.reduce((a, b) => a + b, 0);
    if (total === 0) lost++;
    if (total > 1) duplicated += total - 1;
    misplaced += total - (got[tenantOf(i)] ?? 0);
  }
  return { lost, duplicated, misplaced };
}

/**
 * One connector emulator per tenant (its own service URL), enforcing Teams' limits and
 * answering 10 % of requests with 429 or 503.
 */
export function tenantConnectors(tenants: number): Promise<ConnectorEmulator[]> {
  return Promise.all(
    Array.from({ length: tenants }, (_, t) =>
      new ConnectorEmulator({
        perConversationPerSecond: 7,
        perAppPerSecond: PER_TENANT,
        randomFailures: 0.1,
        tenantId: tenantId(t),
      }).start(),
    ),
  );
}

/**
 * A launch to `respondents` respondents through the real pipeline, adapter and Teams
 * messenger, each in their organisation's tenant (organisation o is in tenant o % tenants;
 * the first is also the home tenant). Each tenant is its own connector emulator (service
 * URL) enforcing Teams' limits and answering 10 % of sends with 429 or 503.
 */
export async function launchFanout(setup: LaunchSetup): Promise<LaunchOutcome> {
  const { respondents: n, tenants } = setup;
  const connectors = await tenantConnectors(tenants);
  const stores = createStores(
    new AzureTableService(
      { connectionString: setup.connectionString },
      `${setup.tables}${Date.now() % 1e6}`,
    ),
  );
  const base = benchRound(setup.roundId, Math.ceil(n / 10), (o) =>
    Array.from({ length: Math.min(10, n - o * 10) }, (_, r) => ({
      aadObjectId: `00000000-0000-4000-8000-${String(o * 10 + r).padStart(12, '0')}`,
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
  const conversation = (i: number) => `a:bench-${i}`;
  const tenantOfOrg = (id: string) => Number(id.slice('org-'.length)) % tenants;
  await Promise.all(
    recipients.map(({ organisation, person }, i) => {
      const t = tenantOfOrg(organisation.id);
      return stores.conversations.saveUser({
        reference: {
          conversation: { id: conversation(i), tenantId: tenantId(t) },
          serviceUrl: connectors[t]!.url,
          channelId: 'msteams',
          bot: { id: '28:bot' },
          user: { id: `29:${i}` },
        },
        tenantId: tenantId(t),
        conversationType: 'personal',
        aadObjectId: 'aadObjectId' in person ? person.aadObjectId : '',
        updatedAt: new Date().toISOString(),
      });
    }),
  );
  const log = createLogger('silent');
  // The app's own adapter: the connector client's retries are left to the pipeline.
  const adapter = createAdapter({ botAuth: {} }, log);
  const messenger = new TeamsMessenger(adapter, '', stores.conversations, log);
  const pipeline = new SendPipeline({ perTenantPerSecond: PER_TENANT });
  const started = performance.now();
  const marks: number[] = [];
  const progress = await deliverAll(
    {
      stores,
      messenger,
      pipeline,
      clock: { now: () => new Date() },
      concurrency: setup.concurrency,
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
  await Promise.all(connectors.map((c) => c.close()));
  const { lost, duplicated, misplaced } = tally(connectors, recipients.length, conversation, (i) =>
    tenantOfOrg(recipients[i]!.organisation.id),
  );
  return {
    seconds,
    sent: progress.sent,
    problems: progress.problems.length,
    attempts: connectors.reduce(
      (sum, c) => sum + c.calls.filter((x) => x.method === 'POST').length,
      0,
    ),
    lost,
    duplicated,
    misplaced,
    limitPerSecond: pipeline.limitPerSecond,
    after: (share) => ((marks[Math.ceil(share * n) - 1] ?? 0) / 1000).toFixed(1),
  };
}
