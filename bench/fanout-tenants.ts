import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { createLogger } from '../bot/log';
import { Round } from '../bot/domain/round';
import { allRecipients, deliverAll } from '../bot/services/deliver';
import { SendPipeline } from '../bot/services/send-pipeline';
import { TeamsMessenger } from '../bot/teams/teams-messenger';
import { createStores } from '../storage';
import { AzureTableService } from '../storage/azure-table';
import { ConnectorEmulator } from '../test/helpers/connector';
import { benchRound } from './bench-round';
import type { Result } from './result';

const tenantId = (t: number) => `${String(t + 1).repeat(8)}-0000-4000-8000-000000000000`;
const PER_TENANT = 50;

/**
 * Launch to `n` respondents spread over `tenants` tenants, each its own connector (service
 * URL) limited to 50 requests/s and 7/s per conversation, answering 10 % of sends with 429
 * or 503: the pipeline's per-tenant budgets let the tenants run side by side.
 */
export async function fanoutTenants(
  connectionString: string,
  n = 1000,
  tenants = 4,
): Promise<Result[]> {
  const connectors = await Promise.all(
    Array.from({ length: tenants }, (_, t) =>
      new ConnectorEmulator({
        perConversationPerSecond: 7,
        perAppPerSecond: PER_TENANT,
        randomFailures: 0.1,
        tenantId: tenantId(t),
      }).start(),
    ),
  );
  const stores = createStores(
    new AzureTableService({ connectionString }, `bten${Date.now() % 1e6}`),
  );
  const orgs = Math.ceil(n / 10);
  const base = benchRound('bench-fanout-tenants', orgs, (o) =>
    Array.from({ length: Math.min(10, n - o * 10) }, (_, r) => ({
      aadObjectId: `00000000-0000-4000-8000-${String(o * 10 + r).padStart(12, '0')}`,
    })),
  );
  // Organisation o is in tenant o % tenants; the first tenant is also the home tenant.
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
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const messenger = new TeamsMessenger(adapter, '', stores.conversations, log);
  const pipeline = new SendPipeline({ perTenantPerSecond: PER_TENANT });
  const started = performance.now();
  const marks: number[] = [];
  const progress = await deliverAll(
    { stores, messenger, pipeline, clock: { now: () => new Date() }, concurrency: 16 },
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
  let lost = 0;
  let duplicated = 0;
  let misplaced = 0;
  recipients.forEach(({ organisation }, i) => {
    const home = tenantOfOrg(organisation.id);
    const got = connectors.map((c) => c.delivered.get(conversation(i)) ?? 0);
    const total = got.reduce((a, b) => a + b, 0);
    if (total === 0) lost++;
    if (total > 1) duplicated += total - 1;
    misplaced += total - (got[home] ?? 0);
  });
  const attempts = connectors.reduce(
    (sum, c) => sum + c.calls.filter((x) => x.method === 'POST').length,
    0,
  );
  const at = (share: number) => ((marks[Math.ceil(share * n) - 1] ?? 0) / 1000).toFixed(1);
  const ceiling = tenants * PER_TENANT * 0.9;
  const rate = progress.sent / seconds;
  const notes = `${n} respondents over ${tenants} tenants (${PER_TENANT} requests/s each, 10 % injected 429/503) in ${seconds.toFixed(1)} s (half after ${at(0.5)} s, 99 % after ${at(0.99)} s: the rest wait out retries); ${attempts} requests; ${((100 * rate) / ceiling).toFixed(0)} % of the ${ceiling} msg/s ceiling (${tenants} × 45); ${duplicated} duplicated; ${misplaced} in a wrong tenant; problems ${progress.problems.length}`;
  return [
    { key: 'fanout_tenants_msgs_per_s', value: rate, unit: 'msg/s', n, notes },
    {
      key: 'fanout_tenants_lost',
      value: lost,
      unit: 'messages',
      n,
      notes: `duplicated: ${duplicated}; in a wrong tenant: ${misplaced}`,
    },
  ];
}
