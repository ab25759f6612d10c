/**
 * How many of one tenant's recipients are worked on at once. A recipient whose send waits
 * out a retry's delay lends its slot to the next recipient meanwhile (up to `size` such
 * waits at once), so the tenant's budget keeps being used while some messages wait.
 */
export class WorkSlots {
  private busy = 0;
  private lent = 0;
  private readonly queue: Array<() => void> = [];

  constructor(private readonly size: number) {}

  async take(): Promise<void> {
    while (this.busy >= this.size) await new Promise<void>((r) => this.queue.push(r));
    this.busy++;
  }

  give(): void {
    this.busy--;
    this.queue.shift()?.();
  }

  /**
   * Runs `wait` with the caller's slot lent out; takes it back when the wait ends, without
   * queueing (the retry is due), so for a moment more than `size` may be busy.
   */
  async aside(wait: Promise<void>): Promise<void> {
    if (this.lent >= this.size) return wait;
    this.lent++;
    this.give();
    try {
      await wait;
    } finally {
      this.lent--;
      this.busy++;
    }
  }
}
