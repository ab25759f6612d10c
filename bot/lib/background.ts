/** What a drain left behind. */
export interface DrainResult {
  /** Tasks still running when the grace ran out. */
  unfinished: number;
}

/**
 * Work that outlives the request that started it (a launch answers at once and sends
 * afterwards). On shutdown new work is refused, `signal` aborts (the send pipeline gives back
 * what is not yet on the wire), and `drain` waits for what is under way.
 */
export class Background {
  private readonly running = new Set<Promise<void>>();
  private readonly controller = new AbortController();

  constructor(private readonly onError: (e: unknown) => void) {}

  get stopping(): boolean {
    return this.controller.signal.aborted;
  }

  /** Aborted when shutdown begins. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  run(task: () => Promise<void>): boolean {
    if (this.stopping) return false;
    const p = task()
      .catch(this.onError)
      .finally(() => this.running.delete(p));
    this.running.add(p);
    return true;
  }

  /** Stops taking work, aborts `signal` and waits (at most `timeoutMs`) for the tasks under way. */
  async drain(timeoutMs: number): Promise<DrainResult> {
    this.controller.abort();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.running]),
      new Promise((r) => (timer = setTimeout(r, timeoutMs))),
    ]);
    clearTimeout(timer);
    return { unfinished: this.running.size };
  }
}
