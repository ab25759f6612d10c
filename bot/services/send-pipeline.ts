import { SendFailure } from '../domain/delivery';

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
 * The one path for every message sent in bulk (launch, reminders, council posts): keeps below
 * Teams' bot limits, retries throttling and passing faults with jittered exponential backoff
 * honouring Retry-After, and never retries a user's block. Limits are per process; with
 * several instances the connector's 429s (honoured here) keep the total in check.
 */
export class SendPipeline {
  private readonly conversations: Spacer;
  private readonly tenants: Spacer;
  private readonly o: Required<PipelineOptions>;

  constructor(options: PipelineOptions = {}) {
    this.o = {
      perConversationPerSecond: 7,
      perTenantPerSecond: 50,
      maxAttempts: 6,
      baseDelayMs: 500,
      maxDelayMs: 30_000,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      random: Math.random,
      now: Date.now,
      ...options,
    };
    this.conversations = new Spacer(1000 / this.o.perConversationPerSecond, this.o.now);
    this.tenants = new Spacer(1000 / this.o.perTenantPerSecond, this.o.now);
  }

  get limitPerSecond(): number {
    return this.o.perTenantPerSecond;
  }

  private backoff(attempt: number, failure: SendFailure): number {
    if (failure.retryAfterMs !== undefined)
      return Math.min(failure.retryAfterMs, this.o.maxDelayMs);
    const exp = Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** (attempt - 1));
    return exp / 2 + (this.o.random() * exp) / 2;
  }

  /**
   * Runs `send` in its turn. Resolves with its result and the attempts it took; rejects with
   * the last SendFailure when it is not retryable or attempts run out.
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
      if (wait > 0) await this.o.sleep(wait);
      try {
        return { result: await send(), attempts: attempt };
      } catch (e) {
        const failure =
          e instanceof SendFailure
            ? e
            : new SendFailure(e instanceof Error ? e.message : String(e), undefined, undefined);
        if (failure.blocked || !failure.retryable || attempt >= this.o.maxAttempts) throw failure;
        await this.o.sleep(this.backoff(attempt, failure));
      }
    }
  }
}
