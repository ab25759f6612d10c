/**
 * Runs a job every `intervalSeconds` in this process, never two runs at once; `stop` waits
 * for a run under way. Several instances may all run it: the job itself claims its work in
 * storage, so nothing is done twice.
 */
export class IntervalScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly intervalSeconds: number,
    private readonly job: () => Promise<unknown>,
    private readonly onError: (e: unknown) => void,
  ) {}

  start(): void {
    if (this.intervalSeconds <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.intervalSeconds * 1000);
    this.timer.unref();
  }

  /** One run now, unless one is already under way. */
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.job()
      .then(() => undefined)
      .catch(this.onError)
      .finally(() => {
        this.running = undefined;
      });
    await this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
