import { SendFailure, SendReleased } from '../domain/delivery';
import { Metrics, noTelemetry, type Telemetry } from './telemetry';

export interface PipelineOptions {
  /** Teams allows 7 messages a second per conversation. */
  perConversationPerSecond?: number;
  /** Teams allows 50 requests a second per app per tenant. */
  perTenantPerSecond?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  /**
   * Aborted at shutdown: calls waiting for their turn or a retry reject with SendReleased at
   * once; a call already on the wire is awaited, and its outcome returned as usual.
   */
  signal?: AbortSignal;
  /** Where throttling is counted, and what the deliveries through this pipeline report to. */
  telemetry?: Telemetry;
}

/** What the pipeline did once shutdown began. */
export interface ShutdownTally {
  /** Calls that were on the wire when shutdown began and completed (sent or failed). */
  finished: number;
  /** Claims given back unsent, so the next run sends them. */
  released: number;
}

/** A timer that ends early when `signal` aborts. */
function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Spaces calls to one key evenly: a slot every 1000/rate ms, reserved in call order. */
class Spacer {
  private next = new Map<string, number>();
  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number,
  ) {}

  /** Milliseconds to wait before the caller's slot. */
  reserve(key: string): number {
    const now = this.now();
    const slot = Math.max(now, this.next.get(key) ?? 0);
    this.next.set(key, slot + this.intervalMs);
    if (this.next.size > 10_000) this.prune(now);
    return slot - now;
  }

  private prune(now: number): void {
    for (const [k, t] of this.next) if (t < now) this.next.delete(k);
  }
}

/**
 * Counts what actually went on the wire per tenant in the last second. Slots are spaced
 * evenly, but a busy process sends some late and the next on time: without this, two such
 * sends land in one second with the 50 before them and Teams answers 429 (Retry-After).
 */
class WindowLog {
  private sent = new Map<string, number[]>();
  constructor(
    private readonly limit: number,
    private readonly now: () => number,
  ) {}

  /** Milliseconds until one more call fits in the last second's budget of `key`. */
  waitFor(key: string): number {
    const now = this.now();
    const log = (this.sent.get(key) ?? []).filter((t) => now - t < 1000);
    this.sent.set(key, log);
    if (this.sent.size > 10_000) this.sent.clear();
    return log.length < this.limit ? 0 : (log[log.length - this.limit] ?? now) + 1000 - now;
  }

  note(key: string): void {
    const log = this.sent.get(key) ?? [];
    log.push(this.now());
    this.sent.set(key, log);
  }
}

/**
 * The one path for every message sent in bulk (launch, reminders, council posts): keeps below
 * Teams' bot limits, retries throttling and passing faults with jittered exponential backoff
 * honouring Retry-After, and never retries a user's block. Limits are per process; with
 * several instances the connector's 429s (honoured here) keep the total in check.
 */
export class SendPipeline {
  private readonly conversations: Spacer;
  private readonly tenants: Spacer;
  private readonly tenantWindows: WindowLog;
  private readonly o: Required<Omit<PipelineOptions, 'signal' | 'telemetry'>>;
  private readonly signal: AbortSignal | undefined;
  readonly telemetry: Telemetry;
  readonly tally: ShutdownTally = { finished: 0, released: 0 };

  constructor(options: PipelineOptions = {}) {
    const { signal, telemetry = noTelemetry, ...rest } = options;
    this.signal = signal;
    this.telemetry = telemetry;
    this.o = {
      perConversationPerSecond: 7,
      perTenantPerSecond: 50,
      maxAttempts: 6,
      baseDelayMs: 500,
      maxDelayMs: 30_000,
      sleep: (ms) => abortableSleep(ms, signal),
      random: Math.random,
      now: Date.now,
      ...rest,
    };
    this.conversations = new Spacer(1000 / this.o.perConversationPerSecond, this.o.now);
    this.tenants = new Spacer(1000 / this.o.perTenantPerSecond, this.o.now);
    this.tenantWindows = new WindowLog(
      Math.max(1, Math.floor(this.o.perTenantPerSecond)),
      this.o.now,
    );
  }

  get limitPerSecond(): number {
    return this.o.perTenantPerSecond;
  }

  /** Shutdown has begun: no call goes on the wire any more. */
  get stopped(): boolean {
    return this.signal?.aborted ?? false;
  }

  /** Counts a claim given back unsent at shutdown (for the shutdown log line). */
  noteReleased(): void {
    this.tally.released++;
  }

  /** Waits `ms`, or less when shutdown begins; then rejects if it has. */
  private async pause(ms: number): Promise<void> {
    const signal = this.signal;
    if (ms > 0 && !signal?.aborted) {
      await new Promise<void>((resolve) => {
        const done = () => {
          signal?.removeEventListener('abort', done);
          resolve();
        };
        signal?.addEventListener('abort', done, { once: true });
        void this.o.sleep(ms).then(done);
      });
    }
    if (signal?.aborted) throw new SendReleased();
  }

  private backoff(attempt: number, failure: SendFailure): number {
    if (failure.retryAfterMs !== undefined)
      return Math.min(failure.retryAfterMs, this.o.maxDelayMs);
    const exp = Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** (attempt - 1));
    // Full jitter: retries of many sends spread over the whole interval, and the last of a
    // launch waits half as long on average as with half the interval fixed.
    return this.o.random() * exp;
  }

  /**
   * Runs `send` in its turn. Resolves with its result and the attempts it took; rejects with
   * the last SendFailure when it is not retryable or attempts run out, and with SendReleased
   * when shutdown began before the call went on the wire.
   */
  async send<T>(
    where: { tenantId: string; conversationId: string },
    send: () => Promise<T>,
  ): Promise<{ result: T; attempts: number }> {
    for (let attempt = 1; ; attempt++) {
      const wait = Math.max(
        this.tenants.reserve(where.tenantId),
        this.conversations.reserve(where.conversationId),
      );
      await this.pause(wait);
      // One wait, not a loop: each tenant's budget holds for what is actually sent.
      await this.pause(this.tenantWindows.waitFor(where.tenantId));
      this.tenantWindows.note(where.tenantId);
      const wasStopped = this.stopped;
      try {
        const result = await send();
        if (!wasStopped && this.stopped) this.tally.finished++;
        return { result, attempts: attempt };
      } catch (e) {
        if (e instanceof SendReleased) throw e;
        if (!wasStopped && this.stopped) this.tally.finished++;
        const failure =
          e instanceof SendFailure
            ? e
            : new SendFailure(e instanceof Error ? e.message : String(e), undefined, undefined);
        if (failure.status === 429) this.telemetry.count(Metrics.throttled);
        if (failure.blocked || !failure.retryable || attempt >= this.o.maxAttempts) throw failure;
        await this.pause(this.backoff(attempt, failure));
      }
    }
  }
}
