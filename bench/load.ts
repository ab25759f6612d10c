/** The p-th percentile of ascending `sorted` (nearest rank). */
export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** One user's actions, set up once and run under load. */
export interface Workload {
  /** Before the first measured action of `user` (not measured). */
  before(user: number): Promise<void>;
  /** The `i`-th measured action of `user`. */
  op(user: number, i: number): Promise<void>;
  /** Checks that `n` actions did what they should, and releases everything. */
  close(n: number): Promise<void>;
}

/**
 * Runs `w.op(user, i)` for i in [from, from + perUser) for each of `users` concurrent users,
 * each pausing `thinkMs` × 0.5–1.5 before an action (0: a closed loop); adds the latencies.
 */
export async function underLoad(
  w: Workload,
  users: number,
  range: { from: number; perUser: number },
  thinkMs: number,
  latencies: number[],
): Promise<void> {
  await Promise.all(
    Array.from({ length: users }, async (_, u) => {
      if (range.from === 0) await w.before(u);
      for (let i = range.from; i < range.from + range.perUser; i++) {
        if (thinkMs) await new Promise((r) => setTimeout(r, thinkMs * (0.5 + Math.random())));
        const t = performance.now();
        await w.op(u, i);
        latencies.push(performance.now() - t);
      }
    }),
  );
}

/** How the load was shaped, for a result's notes. */
export const loadNote = (users: number, thinkMs: number) =>
  `${users} concurrent users ${
    thinkMs
      ? `each pausing ${thinkMs / 2}–${(thinkMs * 3) / 2} ms between actions`
      : 'closed loop without pauses (saturation)'
  }`;

/** p50 and p99 of `latencies` as results `${prefix}_p50_ms` and `${prefix}_p99_ms`. */
export function percentiles(prefix: string, latencies: number[], notes: string) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return [50, 99].map((p) => ({
    key: `${prefix}_p${p}_ms`,
    value: percentile(sorted, p),
    unit: 'ms',
    n: sorted.length,
    notes,
  }));
}

/** The middle value of `xs` (the upper one of an even count); 0 for none. */
export const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
