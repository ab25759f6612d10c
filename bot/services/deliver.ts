import { type Delivery, STALE_CLAIM_MS, SendFailure, personKey } from '../domain/delivery';
import { isDomainError } from '../domain/errors';
import type { Clock, Stores, StoredReference, Versioned } from '../domain/ports';
import type { Organisation, Person, Round } from '../domain/round';
import type { Card } from '../../cards';
import { type Messenger, conversationIdOf } from './messenger';
import type { SendPipeline } from './send-pipeline';

export interface Recipient {
  organisation: Organisation;
  person: Person;
}

export type ProblemKind = 'blocked' | 'unreachable' | 'failed';

export interface DeliveryProblem {
  organisationId: string;
  organisationName: string;
  person: string;
  kind: ProblemKind;
  reason?: string;
}

export interface DeliveryProgress {
  total: number;
  sent: number;
  alreadySent: number;
  /** Claimed by another run or instance right now. */
  inProgress: number;
  problems: DeliveryProblem[];
  done: boolean;
}

export interface DeliverDeps {
  stores: Pick<Stores, 'conversations' | 'deliveries'>;
  messenger: Messenger;
  pipeline: SendPipeline;
  clock: Clock;
  /** Sends in flight at once; the pipeline keeps the rate. */
  concurrency?: number;
  /** Checked before each recipient: true stops taking new ones (shutdown). */
  stopping?: () => boolean;
}

export interface DeliverRun {
  round: Round;
  tenantId: string;
  /** `launch` or `reminder|<slot>`: one delivery per recipient and purpose, ever. */
  purpose: string;
  recipients: Recipient[];
  card: (r: Recipient) => Card;
  onProgress?: (p: DeliveryProgress) => void;
  /** After a recipient's delivery is recorded as sent. */
  onSent?: (r: Recipient) => Promise<void>;
}

type Outcome = 'sent' | 'alreadySent' | 'inProgress' | DeliveryProblem;

/**
 * Sends one card to each recipient exactly once per purpose: each delivery is claimed in
 * storage (create-if-absent) before sending and recorded after, so a second run, a restart
 * or another instance sends only to those not yet sent.
 */
export async function deliverAll(deps: DeliverDeps, run: DeliverRun): Promise<DeliveryProgress> {
  const { stores, clock } = deps;
  const progress: DeliveryProgress = {
    total: run.recipients.length,
    sent: 0,
    alreadySent: 0,
    inProgress: 0,
    problems: [],
    done: false,
  };
  let usersByEmail: Map<string, StoredReference> | undefined;

  async function findReference(person: Person): Promise<StoredReference | undefined> {
    if ('aadObjectId' in person) {
      const saved = await stores.conversations.getUser(run.tenantId, person.aadObjectId);
      if (saved) return saved;
    } else {
      usersByEmail ??= new Map(
        (await stores.conversations.listUsers(run.tenantId)).flatMap((u) =>
          u.email ? [[u.email.toLowerCase(), u] as const] : [],
        ),
      );
      const saved = usersByEmail.get(person.email);
      if (saved) return saved;
    }
    return deps.messenger.openPersonal(run.tenantId, person);
  }

  /** Claims the delivery, or says why not. */
  async function claim(base: Delivery): Promise<Versioned<Delivery> | Outcome> {
    const existing = await stores.deliveries.get(
      base.roundId,
      base.purpose,
      base.organisationId,
      base.person,
    );
    try {
      if (!existing) return await stores.deliveries.claim(base);
      const e = existing.value;
      if (e.state === 'sent') return 'alreadySent';
      const fresh = clock.now().getTime() - Date.parse(e.at) < STALE_CLAIM_MS;
      if (e.state === 'sending' && fresh) return 'inProgress';
      return await stores.deliveries.update({ ...base, attempts: e.attempts + 1 }, existing.etag);
    } catch (err) {
      if (isDomainError(err, 'AlreadyExists') || isDomainError(err, 'Conflict'))
        return 'inProgress';
      throw err;
    }
  }

  async function deliverOne(r: Recipient): Promise<Outcome> {
    const base: Delivery = {
      roundId: run.round.id,
      organisationId: r.organisation.id,
      person: personKey(r.person),
      purpose: run.purpose,
      state: 'sending',
      at: clock.now().toISOString(),
      attempts: 1,
    };
    const claimed = await claim(base);
    if (typeof claimed === 'string' || !('etag' in claimed)) return claimed;
    const problem = (kind: ProblemKind, reason?: string): DeliveryProblem => ({
      organisationId: r.organisation.id,
      organisationName: r.organisation.name,
      person: base.person,
      kind,
      reason,
    });
    const record = async (state: Delivery['state'], extra: Partial<Delivery> = {}) =>
      stores.deliveries.update(
        { ...claimed.value, state, at: clock.now().toISOString(), ...extra },
        claimed.etag,
      );

    const ref = await findReference(r.person);
    if (!ref) {
      await record('unreachable', { reason: 'notInstalled' });
      return problem('unreachable', 'notInstalled');
    }
    try {
      const { result } = await deps.pipeline.send(
        { tenantId: run.tenantId, conversationId: conversationIdOf(ref) },
        () => deps.messenger.send(ref, run.card(r)),
      );
      await record('sent', { activityId: result, reason: undefined });
      await run.onSent?.(r);
      return 'sent';
    } catch (e) {
      if (!(e instanceof SendFailure)) throw e;
      const kind = e.blocked ? 'blocked' : 'failed';
      const reason = e.blocked ? 'blocked' : `HTTP ${e.status ?? 'error'}`;
      await record(kind, { reason });
      return problem(kind, reason);
    }
  }

  const queue = [...run.recipients];
  const worker = async () => {
    while (queue.length > 0 && !deps.stopping?.()) {
      const r = queue.shift()!;
      const outcome = await deliverOne(r);
      if (outcome === 'sent') progress.sent++;
      else if (outcome === 'alreadySent') progress.alreadySent++;
      else if (outcome === 'inProgress') progress.inProgress++;
      else progress.problems.push(outcome);
      run.onProgress?.(progress);
    }
  };
  await Promise.all(Array.from({ length: deps.concurrency ?? 16 }, worker));
  progress.done = queue.length === 0;
  run.onProgress?.(progress);
  return progress;
}

/** Every respondent of every organisation in the round, in round order. */
export function allRecipients(round: Round, organisationIds?: ReadonlySet<string>): Recipient[] {
  return round.organisations
    .filter((o) => !organisationIds || organisationIds.has(o.id))
    .flatMap((organisation) =>
      organisation.respondents.map((person) => ({ organisation, person })),
    );
}
