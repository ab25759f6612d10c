import { launchFanout } from './fanout-launch';
import type { Result } from './result';

/**
 * Launch to `n` respondents in one tenant through the real pipeline and Teams messenger,
 * against a connector emulator that enforces Teams' limits and answers 10 % of sends with
 * 429 or 503.
 */
export async function fanout(connectionString: string, n = 1000): Promise<Result[]> {
  const run = await launchFanout({
    connectionString,
    tables: 'bfan',
    roundId: 'bench-fanout',
    respondents: n,
    tenants: 1,
    concurrency: 32,
  });
  const { seconds, attempts, sent, duplicated } = run;
  const notes = `${n} respondents in ${seconds.toFixed(1)} s; ${attempts} requests (${attempts - sent} throttled or failed and retried); ${duplicated} duplicated; problems ${run.problems}`;
  return [
    { key: 'fanout_msgs_per_s', value: sent / seconds, unit: 'msg/s', n, notes },
    {
      key: 'fanout_limit_msgs_per_s',
      value: run.limitPerSecond,
      unit: 'msg/s',
      n,
      notes: 'configured per-app limit (Teams: 50 requests/s per app per tenant)',
    },
    {
      key: 'fanout_lost',
      value: run.lost,
      unit: 'messages',
      n,
      notes: `duplicated: ${duplicated}`,
    },
  ];
}
