import { SendReleased } from '../domain/delivery';

/** What a call asks of its tenant's lane. */
export interface Ticket {
  conversationId: string;
  /** 1 for a first attempt; a retry carries the number of the attempt it is. */
  attempt: number;
  /** Not on the wire before this time (a retry's delay); earlier values mean "now". */
  notBefore: number;
  /** Order of arrival of the call (kept by its retries). */
  seq: number;
}

interface Waiting extends Ticket {
  go: () => void;
  stop: (e: unknown) => void;
}

export interface LaneLimits {
  perSecond: number;
  perConversationPerSecond: number;
}

export interface LaneTime {
  now: () => number;
  /** Resolves after `ms`, or earlier once `signal` aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * Retries first, the one that failed most often first: a retry that is due waits for no
 * first attempt, so a message's chain of attempts does not grow by the queue at every step.
 */
const before = (a: Ticket, b: Ticket): boolean =>
  a.attempt !== b.attempt ? a.attempt > b.attempt : a.seq < b.seq;

/**
 * The queue of one tenant's calls to Teams. One pump hands out turns: never more than the
 * tenant's budget in any second and spaced evenly, each conversation within its own limit,
 * a retry not before its time. A retry waits here, not in a timer of its own, so it takes
 * its turn from the same budget as everyone else (and never causes a 429 of its own) and
 * the calls queued behind it go meanwhile.
 */
export class SendLane {
  private readonly waiting: Waiting[] = [];
  /** When each turn of the last second was given, oldest first. */
  private readonly given: number[] = [];
  /** The earliest next turn of each conversation. */
  private readonly conversations = new Map<string, number>();
  private readonly intervalMs: number;
  private readonly conversationIntervalMs: number;
  private readonly budget: number;
  private next = 0;
  /** How far the lane's own sleeps have brought time (so time moves on a test's still clock). */
  private reached = 0;
  private pumping = false;
  /** When the sleeping pump plans its next turn, and how to wake it for an earlier one. */
  private planned: { at: number; wake: AbortController } | undefined;

  constructor(
    limits: LaneLimits,
    private readonly time: LaneTime,
    private readonly signal?: AbortSignal,
  ) {
    this.intervalMs = 1000 / limits.perSecond;
    this.conversationIntervalMs = 1000 / limits.perConversationPerSecond;
    this.budget = Math.max(1, Math.floor(limits.perSecond));
    signal?.addEventListener('abort', () => this.releaseAll(), { once: true });
  }

  now(): number {
    return Math.max(this.time.now(), this.reached);
  }

  /** Resolves when the call may go on the wire; rejects with SendReleased once shutdown began. */
  turn(ticket: Ticket): Promise<void> {
    if (this.signal?.aborted) return Promise.reject(new SendReleased());
    return new Promise<void>((go, stop) => {
      const entry = { ...ticket, go, stop };
      this.waiting.push(entry);
      if (this.planned && this.earliest(entry, this.now()) < this.planned.at)
        this.planned.wake.abort();
      if (!this.pumping) void this.pump();
    });
  }

  /** The earliest time `w` may go, `now` or later. */
  private earliest(w: Ticket, now: number): number {
    return Math.max(
      now,
      this.next,
      this.budgetFreeAt(now),
      w.notBefore,
      this.conversations.get(w.conversationId) ?? 0,
    );
  }

  /** When one more turn fits in the last second's budget. */
  private budgetFreeAt(now: number): number {
    while (this.given.length > 0 && now - this.given[0]! >= 1000) this.given.shift();
    const n = this.given.length;
    return n < this.budget ? 0 : this.given[n - this.budget]! + 1000;
  }

  private plan(now: number): { entry: Waiting; at: number } {
    let entry = this.waiting[0]!;
    let at = this.earliest(entry, now);
    for (const w of this.waiting) {
      const t = this.earliest(w, now);
      if (t < at || (t === at && before(w, entry))) [entry, at] = [w, t];
    }
    return { entry, at };
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      while (this.waiting.length > 0 && !this.signal?.aborted) {
        const now = this.now();
        const { entry, at } = this.plan(now);
        if (at <= now) this.give(entry, now);
        else await this.pause(at, now);
      }
    } finally {
      this.pumping = false;
    }
  }

  /** Sleeps until `at` unless woken for an earlier turn (or shutdown); then the pump plans again. */
  private async pause(at: number, now: number): Promise<void> {
    const wake = new AbortController();
    this.planned = { at, wake };
    const woken = new Promise<void>((r) => wake.signal.addEventListener('abort', () => r()));
    await Promise.race([this.time.sleep(at - now, wake.signal), woken]);
    this.planned = undefined;
    if (!wake.signal.aborted) this.reached = Math.max(this.reached, at);
    wake.abort();
  }

  private give(entry: Waiting, now: number): void {
    this.waiting.splice(this.waiting.indexOf(entry), 1);
    // A turn given a little late keeps its slot, so the lateness does not push every later
    // turn back (the second's budget bounds the catch-up); after a pause the spacing starts anew.
    const slot = now - this.next < this.intervalMs ? this.next : now;
    this.next = slot + this.intervalMs;
    this.given.push(now);
    this.conversations.set(entry.conversationId, now + this.conversationIntervalMs);
    if (this.conversations.size > 10_000)
      for (const [k, t] of this.conversations) if (t < now) this.conversations.delete(k);
    entry.go();
  }

  private releaseAll(): void {
    this.planned?.wake.abort();
    for (const w of this.waiting.splice(0)) w.stop(new SendReleased());
  }
}
