import { type Delivery, LEASE_MS, leaseLapsed } from '../domain/delivery';
import { isDomainError } from '../domain/errors';
import type { Clock, DeliveryStore, Versioned } from '../domain/ports';

/** What one delivery record is about: one message per round, purpose and recipient, ever. */
export type ClaimKey = Pick<Delivery, 'roundId' | 'purpose' | 'organisationId' | 'person'>;

/** Who claims and for how long. */
export interface LeaseTerms {
  /** This process's instance id, written into every claim it holds. */
  owner: string;
  clock: Clock;
  leaseMs?: number;
}

/** `claimed`: ours to send; `sent`: done before; `held`: another run holds a live lease. */
export type Claim = { kind: 'claimed'; lease: Lease } | { kind: 'sent' } | { kind: 'held' };

function sendingRecord(key: ClaimKey, terms: LeaseTerms, now: Date, attempts: number): Delivery {
  return {
    ...key,
    state: 'sending',
    at: now.toISOString(),
    attempts: attempts + 1,
    owner: terms.owner,
    leaseUntil: new Date(now.getTime() + (terms.leaseMs ?? LEASE_MS)).toISOString(),
  };
}

/**
 * Claims a delivery: creates its record (create-if-absent) or takes over one that is not
 * sent and whose lease lapsed. Losing a race to another claimer is `held`, never an error.
 */
export async function claimDelivery(
  store: DeliveryStore,
  key: ClaimKey,
  terms: LeaseTerms,
  /** The caller listed the run's records and this one was not there: try creating it first. */
  likelyAbsent = false,
): Promise<Claim> {
  const now = terms.clock.now();
  if (likelyAbsent) {
    try {
      const claimed = await store.claim(sendingRecord(key, terms, now, 0));
      return { kind: 'claimed', lease: new Lease(store, claimed, terms) };
    } catch (e) {
      // Someone wrote it since the listing: decide on the record as it is now.
      if (!isDomainError(e, 'AlreadyExists')) throw e;
    }
  }
  const existing = await store.get(key.roundId, key.purpose, key.organisationId, key.person);
  if (existing?.value.state === 'sent') return { kind: 'sent' };
  if (existing && !leaseLapsed(existing.value, now)) return { kind: 'held' };
  const value = sendingRecord(key, terms, now, existing?.value.attempts ?? 0);
  try {
    const claimed = existing ? await store.update(value, existing.etag) : await store.claim(value);
    return { kind: 'claimed', lease: new Lease(store, claimed, terms) };
  } catch (e) {
    if (isDomainError(e, 'AlreadyExists') || isDomainError(e, 'Conflict')) return { kind: 'held' };
    throw e;
  }
}

/**
 * A claim held by this process. Every write carries the latest ETag and writes run one after
 * another, so a renewal never races the final record. A renewal that meets a conflict means
 * another process took the claim over (ours lapsed): the lease is `lost`.
 */
export class Lease {
  lost = false;
  private writes: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private ended = false;

  constructor(
    private readonly store: DeliveryStore,
    private current: Versioned<Delivery>,
    private readonly terms: LeaseTerms,
  ) {}

  get value(): Delivery {
    return this.current.value;
  }

  private get leaseMs(): number {
    return this.terms.leaseMs ?? LEASE_MS;
  }

  private write<T>(op: () => Promise<T>): Promise<T> {
    const next = this.writes.then(op);
    this.writes = next.catch(() => undefined);
    return next;
  }

  /** Renews the lease every third of its length until the claim is finished or released. */
  keepAlive(): void {
    this.timer ??= setInterval(() => void this.renew().catch(() => undefined), this.leaseMs / 3);
  }

  /** Pushes the lease end forward; marks the lease lost when someone else holds it now. */
  async renew(): Promise<void> {
    await this.write(async () => {
      if (this.ended || this.lost) return;
      const until = this.terms.clock.now().getTime() + this.leaseMs;
      try {
        this.current = await this.store.update(
          { ...this.current.value, leaseUntil: new Date(until).toISOString() },
          this.current.etag,
        );
      } catch (e) {
        if (!isDomainError(e, 'Conflict')) throw e;
        this.lost = true;
      }
    });
  }

  /** Records what became of the send; false when another process holds the claim now. */
  async finish(state: Delivery['state'], extra: Partial<Delivery> = {}): Promise<boolean> {
    this.stop();
    return this.write(async () => {
      try {
        this.current = await this.store.update(
          {
            ...this.current.value,
            state,
            at: this.terms.clock.now().toISOString(),
            leaseUntil: undefined,
            ...extra,
          },
          this.current.etag,
        );
        return true;
      } catch (e) {
        if (!isDomainError(e, 'Conflict')) throw e;
        this.lost = true;
        return false;
      }
    });
  }

  /** Gives the claim back at once (deletes the record), so the next run sends it. */
  async release(): Promise<void> {
    this.stop();
    await this.write(async () => {
      if (this.lost) return;
      try {
        await this.store.release(this.current.value, this.current.etag);
      } catch (e) {
        if (!isDomainError(e, 'Conflict')) throw e;
        this.lost = true;
      }
    });
  }

  /** Stops renewing without writing (the claim is someone else's now, or storage failed). */
  end(): void {
    this.stop();
  }

  private stop(): void {
    this.ended = true;
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
