import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { createLogger } from '../bot/log';
import { allRecipients, deliverAll } from '../bot/services/deliver';
import { SendPipeline } from '../bot/services/send-pipeline';
import { TeamsMessenger } from '../bot/teams/teams-messenger';
import { createStores } from '../storage';
import { AzureTableService } from '../storage/azure-table';
import { ConnectorEmulator } from '../test/helpers/connector';
import { benchRound } from './bench-round';
import type { Result } from './result';

const TENANT = 'bench-tenant';

/**
 * Launch to `n` respondents through the real pipeline and Teams messenger, against a
 * connector emulator that enforces Teams' limits and answers 10 % of sends with 429 or 503.
 */
export async function fanout(connectionString: string, n = 1000): Promise<Result[]> {
  const connector = await new ConnectorEmulator({
    perConversationPerSecond: 7,
    perAppPerSecond: 50,
    randomFailures: 0.1,
  }).start();
  const stores = createStores(
    new AzureTableService({ connectionString }, `bfan${Date.now() % 1e6}`),
  );
  const orgs = Math.ceil(n / 10);
  const round = benchRound('bench-fanout', orgs, (o) =>
    Array.from({ length: Math.min(10, n - o * 10) }, (_, r) => ({
      aadObjectId: `00000000-0000-4000-8000-${String(o * 10 + r).padStart(12, '0')}`,
    })),
  );
  const recipients = allRecipients(round);
  await Promise.all(
    recipients.map(({ person }, i) =>
      stores.conversations.saveUser({
        reference: {
          conversation: { id: `a:bench-${i}` },
          serviceUrl: connector.url,
          channelId: 'msteams',
          bot: { id: '28:bot' },
          user: { id: `29:${i}` },
        },
        tenantId: TENANT,
        conversationType: 'personal',
        aadObjectId: 'aadObjectId' in person ? person.aadObjectId : '',
        updatedAt: new Date().toISOString(),
      }),
    ),
  );
  const log = createLogger('silent');
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const messenger = new TeamsMessenger(adapter, '', stores.conversations, log);
  const pipeline = new SendPipeline();
  const started = performance.now();
  const progress = await deliverAll(
    { stores, messenger, pipeline, clock: { now: () => new Date() }, concurrency: 32 },
    {
      round,
      tenantId: TENANT,
      purpose: 'launch',
      recipients,
      card: () => ({ type: 'AdaptiveCard', version: '1.5', body: [] }),
    },
  );
  const seconds = (performance.now() - started) / 1000;
  await connector.close();
  let lost = 0;
  let duplicated = 0;
  for (let i = 0; i < recipients.length; i++) {
    const got = connector.delivered.get(`a:bench-${i}`) ?? 0;
    if (got === 0) lost++;
    if (got > 1) duplicated += got - 1;
  }
  const attempts = connector.calls.filter((c) => c.method === 'POST').length;
  const notes = `${n} respondents in ${seconds.toFixed(1)} s; ${attempts} requests (${attempts - progress.sent} throttled or failed and retried); ${duplicated} duplicated; problems ${progress.problems.length}`;
  return [
    { key: 'fanout_msgs_per_s', value: progress.sent / seconds, unit: 'msg/s', n, notes },
    {
      key: 'fanout_limit_msgs_per_s',
      value: pipeline.limitPerSecond,
      unit: 'msg/s',
      n,
      notes: 'configured per-app limit (Teams: 50 requests/s per app per tenant)',
    },
    { key: 'fanout_lost', value: lost, unit: 'messages', n, notes: `duplicated: ${duplicated}` },
  ];
}
