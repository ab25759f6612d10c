/**
 * Time that moves only when everything else has settled: `sleep` registers a timer, and
 * `run` lets pending work finish, then jumps to the earliest timer. What the send pipeline
 * does with it is exact and the same on every run, however loaded the machine.
 */
export class VirtualClock {
  private t = 0;
  private timers: Array<{ at: number; fire: () => void }> = [];

  readonly now = (): number => this.t;

  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise<void>((resolve) => {
      const timer = { at: this.t + ms, fire: resolve };
      this.timers.push(timer);
      signal?.addEventListener('abort', () => {
        this.timers = this.timers.filter((x) => x !== timer);
        resolve();
      });
    });

  /** Settles `work`, moving time on whenever nothing else can happen before the next timer. */
  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    const done = work.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (;;) {
      await new Promise<void>((r) => setImmediate(r));
      if (settled) break;
      const next = this.timers.reduce<(typeof this.timers)[number] | undefined>(
        (a, b) => (a && a.at <= b.at ? a : b),
        undefined,
      );
      if (!next) throw new Error('nothing left to wait for, and the work has not settled');
      this.timers = this.timers.filter((x) => x !== next);
      this.t = Math.max(this.t, next.at);
      next.fire();
    }
    await done;
    return work;
  }
}
