import type { Delivery } from '../delivery';
import type { Versioned } from './versioned';

/** Per round: one record per (purpose, organisation, person), claimed before sending. */
export interface DeliveryStore {
  get(
    roundId: string,
    purpose: string,
    organisationId: string,
    person: string,
  ): Promise<Versioned<Delivery> | undefined>;
  /** Create-if-absent: AlreadyExistsError when someone claimed it first. */
  claim(delivery: Delivery): Promise<Versioned<Delivery>>;
  /** ConflictError when `etag` is stale (another instance took it over). */
  update(delivery: Delivery, etag: string): Promise<Versioned<Delivery>>;
  /** A claim given back after a failed send, so a later run tries again. */
  release(delivery: Delivery, etag: string): Promise<void>;
  list(roundId: string, purposePrefix?: string): Promise<Delivery[]>;
  /** Deletes every record of the round about these people (`personKey`s); returns how many. */
  forget(roundId: string, persons: readonly string[]): Promise<number>;
  deleteRound(roundId: string): Promise<void>;
}
