/** The p-th percentile of ascending `sorted` (nearest rank). */
export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/**
 * Runs `op(user, i)` `perUser` times for each of `users` concurrent users, each pausing
 * `thinkMs` × 0.5–1.5 before an action (0: a closed loop); the latencies, ascending.
 */
export async function underLoad(
  users: number,
  perUser: number,
  thinkMs: number,
  op: (user: number, i: number) => Promise<void>,
  before: (user: number) => Promise<void> = async () => {},
): Promise<number[]> {
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: users }, async (_, u) => {
      await before(u);
      for (let i = 0; i < perUser; i++) {
        if (thinkMs) await new Promise((r) => setTimeout(r, thinkMs * (0.5 + Math.random())));
        const t = performance.now();
        await op(u, i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}

/** How the load was shaped, for a result's notes. */
export const loadNote = (users: number, thinkMs: number) =>
  `${users} concurrent users ${
    thinkMs
      ? `each pausing ${thinkMs / 2}–${(thinkMs * 3) / 2} ms between actions`
      : 'closed loop without pauses (saturation)'
  }`;
