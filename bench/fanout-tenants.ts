import { PER_TENANT, launchFanout } from './fanout-launch';
import type { Result } from './result';

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
  const run = await launchFanout({
    connectionString,
    tables: 'bten',
    roundId: 'bench-fanout-tenants',
    respondents: n,
    tenants,
    concurrency: 16,
  });
  const { seconds, duplicated, misplaced } = run;
  const ceiling = tenants * PER_TENANT * 0.9;
  const rate = run.sent / seconds;
  const notes = `${n} respondents over ${tenants} tenants (${PER_TENANT} requests/s each, 10 % injected 429/503) in ${seconds.toFixed(1)} s (half after ${run.after(0.5)} s, 99 % after ${run.after(0.99)} s: the rest wait out retries); ${run.attempts} requests; ${((100 * rate) / ceiling).toFixed(0)} % of the ${ceiling} msg/s ceiling (${tenants} × 45); ${duplicated} duplicated; ${misplaced} in a wrong tenant; problems ${run.problems}`;
  return [
    { key: 'fanout_tenants_msgs_per_s', value: rate, unit: 'msg/s', n, notes },
    {
      key: 'fanout_tenants_lost',
      value: run.lost,
      unit: 'messages',
      n,
      notes: `duplicated: ${duplicated}; in a wrong tenant: ${misplaced}`,
    },
  ];
}
