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
  /** How the person was reached when it was not a saved chat or a roster: Microsoft Graph. */
  via: z.literal('graph').optional(),
  /** The process instance holding a `sending` claim. */
  owner: z.string().max(100).optional(),
  /** Until when that claim holds; renewed while its send is under way. */
  leaseUntil: z.string().optional(),
});
export type Delivery = z.infer<typeof Delivery>;

export function personKey(person: Person): string {
  return 'aadObjectId' in person ? `aad:${person.aadObjectId}` : `email:${person.email}`;
}

/**
 * How long a `sending` claim holds unless renewed. Short, so a relaunch soon after a crash
 * takes the dead process's claims over; renewed every third of it while a send waits.
 */
export const LEASE_MS = 30_000;

/** True when nobody holds `d` any more: not `sending`, or its lease ran out (a crash). */
export function leaseLapsed(d: Delivery, now: Date): boolean {
  if (d.state !== 'sending') return true;
  const until = d.leaseUntil ? Date.parse(d.leaseUntil) : Date.parse(d.at) + LEASE_MS;
  return !(until > now.getTime());
}

/** The call was never made because the process is shutting down: its claim goes back. */
export class SendReleased extends Error {
  constructor() {
    super('not sent: shutting down');
    this.name = 'SendReleased';
  }
}

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
