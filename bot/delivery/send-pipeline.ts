import { SendFailure, SendReleased } from '../domain/delivery';
import { SendLane } from './send-lane';
import { Metrics, noTelemetry, type Telemetry } from '../domain/ports';

export interface PipelineOptions {
  /** Teams allows 7 messages a second per conversation. */
  perConversationPerSecond?: number;
  /** Teams allows 50 requests a second per app per tenant. */
  perTenantPerSecond?: number;
  maxAttempts?: number;
  /** First backoff of a failure without Retry-After (a 503); doubled each time, jittered. */
  baseDelayMs?: number;
  /** Cap of that backoff. A Retry-After is honoured as it is. */
  maxDelayMs?: number;
  /** Resolves after `ms`, or earlier once `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
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

/** What one caller asks of `send` beyond the call itself. */
export interface SendOptions {
  /**
   * Wraps each wait of a retry for its turn: a caller with a pool of workers lends the
   * worker to other work meanwhile.
   */
  aside?: (wait: Promise<void>) => Promise<void>;
}

/** What the pipeline did once shutdown began. */
export interface ShutdownTally {
  /** Calls that were on the wire when shutdown began and completed (sent or failed). */
  finished: number;
  /** Claims given back unsent, so the next run sends them. */
  released: number;
}

/**
 * A timer that ends early when `signal` aborts, and never before `ms` have passed by the wall
 * clock (a Node timer may fire a little early by it, and a Retry-After is never cut short).
 */
function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const end = Date.now() + ms;
    let timer: NodeJS.Timeout | undefined;
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const arm = () => {
      const left = end - Date.now();
      if (left > 0) timer = setTimeout(arm, left);
      else done();
    };
    if (signal?.aborted) return done();
    signal?.addEventListener('abort', done, { once: true });
    arm();
  });
}

/**
 * The one path for every message sent in bulk (launch, reminders, council posts): keeps below
 * Teams' bot limits, retries throttling and passing faults (honouring Retry-After exactly,
 * else a short jittered exponential backoff), and never retries a user's block. Each tenant
 * has its own lane (send-lane.ts), where retries wait for their time and take their turn from
 * the same budget as first attempts. Limits are per process; with several instances the
 * connector's 429s (honoured here) keep the total in check.
 */
export class SendPipeline {
  private readonly lanes = new Map<string, SendLane>();
  private readonly o: Required<Omit<PipelineOptions, 'signal' | 'telemetry'>>;
  private readonly signal: AbortSignal | undefined;
  private calls = 0;
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
      baseDelayMs: 200,
      maxDelayMs: 10_000,
      sleep: abortableSleep,
      random: Math.random,
      now: Date.now,
      ...rest,
    };
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

  private lane(tenantId: string): SendLane {
    let lane = this.lanes.get(tenantId);
    if (!lane) {
      lane = new SendLane(
        {
          perSecond: this.o.perTenantPerSecond,
          perConversationPerSecond: this.o.perConversationPerSecond,
        },
        { now: this.o.now, sleep: this.o.sleep },
        this.signal,
      );
      this.lanes.set(tenantId, lane);
    }
    return lane;
  }

  /** How long after `failure` (of attempt number `attempt`) the next attempt may go. */
  private delay(attempt: number, failure: SendFailure): number {
    if (failure.retryAfterMs !== undefined) return failure.retryAfterMs;
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
    options: SendOptions = {},
  ): Promise<{ result: T; attempts: number }> {
    const lane = this.lane(where.tenantId);
    const seq = this.calls++;
    let notBefore = -Infinity;
    for (let attempt = 1; ; attempt++) {
      const turn = lane.turn({ conversationId: where.conversationId, attempt, notBefore, seq });
      await (attempt > 1 && options.aside ? options.aside(turn) : turn);
      if (this.stopped) throw new SendReleased();
      try {
        const result = await send();
        if (this.stopped) this.tally.finished++;
        return { result, attempts: attempt };
      } catch (e) {
        if (e instanceof SendReleased) throw e;
        if (this.stopped) this.tally.finished++;
        const failure =
          e instanceof SendFailure
            ? e
            : new SendFailure(e instanceof Error ? e.message : String(e), undefined, undefined);
        if (failure.status === 429) this.telemetry.count(Metrics.throttled);
        if (failure.blocked || !failure.retryable || attempt >= this.o.maxAttempts) throw failure;
        notBefore = lane.now() + this.delay(attempt, failure);
      }
    }
  }
}
