import { type Clock, Disclosure, type RecordStore } from '../domain/ports';

export interface DisclosureLogOptions {
  /** Entries waiting beyond this are not kept (and said so): memory stays bounded. */
  maxQueued?: number;
  /** Writes under way at once. */
  maxWriting?: number;
  /** How long a failed write waits before its one retry. */
  retryMs?: number;
}

const BATCH = 100;

/**
 * Keeps the disclosures of report pages and downloads without making anyone wait for it:
 * `note` takes an entry and returns at once (never throws), and the entries are written
 * behind the response, a batch per write, a few writes at a time. A write that fails is
 * tried once more; what still fails, or finds the queue full, is reported to `onError`
 * with how many entries were lost, and the download is never the worse for it.
 */
export class DisclosureLog {
  private readonly queue: Disclosure[] = [];
  private readonly running = new Set<Promise<void>>();
  private scheduled = false;

  constructor(
    private readonly store: Pick<RecordStore, 'disclose'>,
    private readonly clock: Clock,
    private readonly onError: (e: unknown, detail: { lost: number }) => void,
    private readonly options: DisclosureLogOptions = {},
  ) {}

  /** Takes a disclosure made now; returns at once. */
  note(entry: Omit<Disclosure, 'at'>): void {
    try {
      const disclosure = Disclosure.parse({ ...entry, at: this.clock.now().toISOString() });
      if (this.queue.length >= (this.options.maxQueued ?? 1000)) {
        this.onError(new Error('disclosure log: too many entries waiting'), { lost: 1 });
        return;
      }
      this.queue.push(disclosure);
      // Entries of one moment go in one write, after the response is on its way.
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.pump();
        });
      }
    } catch (e) {
      this.onError(e, { lost: 1 });
    }
  }

  /** Entries waiting or being written. */
  get pending(): number {
    return this.queue.length + this.running.size;
  }

  private pump(): void {
    while (this.running.size < (this.options.maxWriting ?? 4) && this.queue.length) {
      const batch = this.queue.splice(0, BATCH);
      const write = () => this.store.disclose(batch);
      const wait = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());
      const p: Promise<void> = write()
        .catch(() => wait(this.options.retryMs ?? 500).then(write))
        .catch((e: unknown) => this.onError(e, { lost: batch.length }))
        .finally(() => {
          this.running.delete(p);
          this.pump();
        });
      this.running.add(p);
    }
  }

  /** Writes what waits and waits for it, at most `timeoutMs` (at shutdown); resolves to what is left. */
  async drain(timeoutMs: number): Promise<number> {
    const until = Date.now() + timeoutMs;
    this.pump();
    while (this.running.size && Date.now() < until) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...this.running]),
        new Promise((r) => (timer = setTimeout(r, Math.max(0, until - Date.now())))),
      ]);
      clearTimeout(timer);
      this.pump();
    }
    return this.pending;
  }
}
