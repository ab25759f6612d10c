import { z } from 'zod';
import type { Person } from './round';

/** What became of one message to one person (launch intro or a reminder). */
export const DeliveryState = z.enum(['sending', 'sent', 'blocked', 'unreachable', 'failed']);
export type DeliveryState = z.infer<typeof DeliveryState>;

export const Delivery = z.object({
  roundId: z.string(),
  organisationId: z.string(),
  /** `aad:<object id>` or `email:<address>`, as the round file names the person. */
  person: z.string(),
  /** `launch`, or the reminder slot (e.g. `reminder|P2D`). */
  purpose: z.string(),
  state: DeliveryState,
  reason: z.string().max(500).optional(),
  at: z.string(),
  attempts: z.number().int().min(0),
  activityId: z.string().optional(),
});
export type Delivery = z.infer<typeof Delivery>;

export function personKey(person: Person): string {
  return 'aadObjectId' in person ? `aad:${person.aadObjectId}` : `email:${person.email}`;
}

/** A `sending` claim older than this is taken as abandoned (its process died) and retried. */
export const STALE_CLAIM_MS = 2 * 60_000;

/** Why a message could not be delivered, as the Teams layer reports it. */
export class SendFailure extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly code: string | undefined,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'SendFailure';
  }

  /** The user blocked the app: never retry. */
  get blocked(): boolean {
    return (
      this.status === 403 && /MessageWritesBlocked|BlockedByUser/i.test(this.code ?? this.message)
    );
  }

  /** Throttled or a passing fault of the service. */
  get retryable(): boolean {
    return this.status === undefined || [408, 412, 429, 500, 502, 503, 504].includes(this.status);
  }
}
