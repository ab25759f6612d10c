/**
 * Work that outlives the request that started it (a launch answers at once and sends
 * afterwards). On shutdown new work is refused, and `drain` waits for what is under way.
 */
export class Background {
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly onError: (e: unknown) => void) {}

  get stopping(): boolean {
    return this.stopped;
  }

  run(task: () => Promise<void>): boolean {
    if (this.stopped) return false;
    const p = task()
      .catch(this.onError)
      .finally(() => this.running.delete(p));
    this.running.add(p);
    return true;
  }

  /** Stops taking work and waits (at most `timeoutMs`) for the tasks under way. */
  async drain(timeoutMs: number): Promise<void> {
    this.stopped = true;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.running]),
      new Promise((r) => (timer = setTimeout(r, timeoutMs))),
    ]);
    clearTimeout(timer);
  }
}
