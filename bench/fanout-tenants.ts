import { median } from './load';
import { PER_TENANT, launchFanout } from './fanout-launch';
import type { Result } from './result';

/**
 * Launch to `n` respondents spread over `tenants` tenants, each its own connector (service
 * URL) limited to 50 requests/s and 7/s per conversation, answering 10 % of sends with 429
 * or 503: the pipeline's per-tenant budgets let the tenants run side by side. The injected
 * failures are random and a launch's last retries decide its length, so the figure is the
 * median of `launches` launches, each on fresh tables and connectors; every one is in the notes
 * and none may lose, repeat or misplace a message.
 */
export async function fanoutTenants(
  connectionString: string,
  n = 1000,
  tenants = 4,
  launches = 5,
): Promise<Result[]> {
  const runs: Array<Awaited<ReturnType<typeof launchFanout>>> = [];
  for (let i = 0; i < launches; i++)
    runs.push(
      await launchFanout({
        connectionString,
        tables: `bten${i}`,
        roundId: 'bench-fanout-tenants',
        respondents: n,
        tenants,
        concurrency: 16,
      }),
    );
  const rates = runs.map((r) => r.sent / r.seconds);
  const rate = median(rates);
  const run = runs[rates.indexOf(rate)]!;
  const sum = (f: (r: (typeof runs)[number]) => number) => runs.reduce((a, r) => a + f(r), 0);
  const lost = sum((r) => r.lost);
  const duplicated = sum((r) => r.duplicated);
  const misplaced = sum((r) => r.misplaced);
  const problems = sum((r) => r.problems);
  const ceiling = tenants * PER_TENANT * 0.9;
  const notes = `median of ${launches} launches (${rates.map((r) => r.toFixed(0)).join(', ')} msg/s), each to ${n} respondents over ${tenants} tenants (${PER_TENANT} requests/s each, 10 % injected 429/503); the median one took ${run.seconds.toFixed(1)} s (half after ${run.after(0.5)} s, 99 % after ${run.after(0.99)} s: the rest wait out retries) and ${run.attempts} requests; ${((100 * rate) / ceiling).toFixed(0)} % of the ${ceiling} msg/s ceiling (${tenants} × 45); over all launches ${duplicated} duplicated, ${misplaced} in a wrong tenant, problems ${problems}`;
  return [
    { key: 'fanout_tenants_msgs_per_s', value: rate, unit: 'msg/s', n, notes },
    {
      key: 'fanout_tenants_lost',
      value: lost,
      unit: 'messages',
      n: n * launches,
      notes: `over ${launches} launches of ${n}: duplicated ${duplicated}; in a wrong tenant ${misplaced}`,
    },
  ];
}
