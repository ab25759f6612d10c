import { randomUUID } from 'node:crypto';
import { SendFailure, SendReleased, personKey } from '../domain/delivery';
import {
  type Clock,
  type Stores,
  type StoredReference,
  type Messenger,
  type Through,
  conversationIdOf,
} from '../domain/ports';
import type { Organisation, Person, Round } from '../domain/round';
import { respondentTenant } from '../domain/tenants';
import type { Card } from '../../cards';
import { claimDelivery } from './claim';
import { type GraphReach, reachThroughGraph, serviceUrls } from './graph-reach';
import type { SendOptions, SendPipeline } from './send-pipeline';
import { countSend } from './telemetry-counts';
import { WorkSlots } from './work-slots';

export interface Recipient {
  organisation: Organisation;
  person: Person;
}

export type ProblemKind = 'blocked' | 'unreachable' | 'failed';

export interface DeliveryProblem {
  organisationId: string;
  organisationName: string;
  person: string;
  /** The tenant the person was looked for in. */
  tenantId: string;
  kind: ProblemKind;
  reason?: string;
}

export interface DeliveryProgress {
  total: number;
  sent: number;
  alreadySent: number;
  /** Claimed by another run or instance right now. */
  inProgress: number;
  /** Given back unsent at shutdown: the next run sends them. */
  released?: number;
  problems: DeliveryProblem[];
  done: boolean;
}

export interface DeliverDeps {
  stores: Pick<Stores, 'conversations' | 'deliveries'>;
  messenger: Messenger;
  pipeline: SendPipeline;
  clock: Clock;
  /**
   * Recipients worked on at once per tenant; the pipeline keeps the rate. One whose send
   * waits out a retry's delay does not count meanwhile.
   */
  concurrency?: number;
  /** Checked before each recipient: true stops taking new ones (shutdown). */
  stopping?: () => boolean;
  /** This process's instance id, written into its claims; random per run when omitted. */
  owner?: string;
  /** Claim lease length (default LEASE_MS). */
  leaseMs?: number;
  /** Reaching people no saved chat and no roster reaches, through Microsoft Graph. */
  graph?: GraphReach;
}

/** How the recipient was reached: `installed` when the bot installed itself for them just now. */
export interface Reached {
  installed: boolean;
}

export interface DeliverRun {
  round: Round;
  /**
   * The home tenant when the round names none (the tenant it was launched from): each
   * respondent is reached in their organisation's tenant, else the round's, else this one.
   */
  tenantId: string;
  /** `launch` or `reminder|<slot>`: one delivery per recipient and purpose, ever. */
  purpose: string;
  recipients: Recipient[];
  /** The card for `r`; one reached by installing the app says why the app appeared. */
  card: (r: Recipient, reached: Reached) => Card;
  onProgress?: (p: DeliveryProgress) => void;
  /** After a recipient's delivery is recorded as sent. */
  onSent?: (r: Recipient) => Promise<void>;
}

type Outcome = 'sent' | 'alreadySent' | 'inProgress' | 'released' | DeliveryProblem;

/**
 * Sends one card to each recipient exactly once per purpose. Each delivery is claimed in
 * storage first, under a lease naming this process and renewed while the send waits, and
 * recorded after: a second run, a restart or another instance sends only to those not yet
 * sent, and takes over the claims of a process that died. At shutdown a claim whose call is
 * not yet on the wire is given back; one on the wire is finished and recorded. Never rejects:
 * whatever goes wrong with one recipient is that recipient's recorded problem.
 */
export async function deliverAll(deps: DeliverDeps, run: DeliverRun): Promise<DeliveryProgress> {
  const { stores, clock, pipeline } = deps;
  const terms = { owner: deps.owner ?? randomUUID(), clock, leaseMs: deps.leaseMs };
  const progress: DeliveryProgress = {
    total: run.recipients.length,
    sent: 0,
    alreadySent: 0,
    inProgress: 0,
    released: 0,
    problems: [],
    done: false,
  };
  const through: Through = async (where, call) => (await pipeline.send(where, call)).result;
  const serviceUrl = deps.graph && serviceUrls(stores.conversations, deps.graph.serviceUrl);
  const savedByTenant = new Map<string, Promise<Map<string, StoredReference>>>();
  const tenantOf = (r: Recipient) => respondentTenant(run.round, r.organisation) ?? run.tenantId;

  /**
   * The saved 1:1 chats of a tenant by person key (object id and e-mail), read in one query
   * per tenant and run: a point read per recipient would cost a storage call each.
   */
  function savedUsers(tenantId: string): Promise<Map<string, StoredReference>> {
    let read = savedByTenant.get(tenantId);
    if (!read) {
      const reading = stores.conversations.listUsers(tenantId).then((users) => {
        const byKey = new Map<string, StoredReference>();
        for (const u of users) {
          if (u.aadObjectId) byKey.set(personKey({ aadObjectId: u.aadObjectId.toLowerCase() }), u);
          if (u.email) byKey.set(personKey({ email: u.email.toLowerCase() }), u);
        }
        return byKey;
      });
      savedByTenant.set(tenantId, reading);
      // A failed read is that respondent's problem; the next one reads again.
      reading.catch(() => {
        if (savedByTenant.get(tenantId) === reading) savedByTenant.delete(tenantId);
      });
      read = reading;
    }
    return read;
  }

  /**
   * A saved 1:1 chat in the person's tenant, else one opened from a roster there. Opening
   * keeps its slot through retries: the roster look-up is shared by the tenant's recipients,
   * and more of them starting meanwhile would only wait on the same look-up.
   */
  async function findReference(
    person: Person,
    tenantId: string,
  ): Promise<StoredReference | undefined> {
    const saved = (await savedUsers(tenantId)).get(personKey(person));
    return saved ?? deps.messenger.openPersonal(tenantId, person, through);
  }

  const problem = (r: Recipient, kind: ProblemKind, reason?: string): DeliveryProblem => ({
    organisationId: r.organisation.id,
    organisationName: r.organisation.name,
    person: personKey(r.person),
    tenantId: tenantOf(r),
    kind,
    reason,
  });

  // One listing of the run's records spares a read per recipient on a first launch.
  let listed: Promise<Set<string>> | undefined;
  const recorded = () =>
    (listed ??= stores.deliveries
      .list(run.round.id, run.purpose)
      .then((all) => new Set(all.filter((d) => d.purpose === run.purpose).map(recordKey)))
      .catch(() => new Set<string>()));

  async function deliverOne(r: Recipient, sending: SendOptions): Promise<Outcome> {
    const key = {
      roundId: run.round.id,
      organisationId: r.organisation.id,
      person: personKey(r.person),
      purpose: run.purpose,
    };
    const absent = !(await recorded()).has(recordKey(key));
    const claim = await claimDelivery(stores.deliveries, key, terms, absent);
    if (claim.kind === 'sent') return 'alreadySent';
    if (claim.kind === 'held') return 'inProgress';
    const { lease } = claim;
    lease.keepAlive();
    try {
      const tenantId = tenantOf(r);
      let ref = await findReference(r.person, tenantId);
      let installed: (StoredReference & { aadObjectId: string }) | undefined;
      if (!ref && deps.graph && serviceUrl) {
        const target = { tenantId, person: r.person, roundId: run.round.id };
        const graphDeps = { graph: deps.graph, conversations: stores.conversations, clock };
        const lane: Through = async (where, call) =>
          (await pipeline.send(where, call, sending)).result;
        const reached = await reachThroughGraph(graphDeps, target, serviceUrl, lane);
        if ('problem' in reached) {
          await lease.finish('unreachable', { reason: reached.problem });
          return problem(r, 'unreachable', reached.problem);
        }
        ref = installed = reached.ref;
      }
      if (!ref) {
        await lease.finish('unreachable', { reason: 'notInstalled' });
        return problem(r, 'unreachable', 'notInstalled');
      }
      // Another process took the claim over while this one stalled: it sends, not us.
      if (lease.lost) return 'inProgress';
      const to = ref;
      const { result } = await pipeline.send(
        { tenantId, conversationId: conversationIdOf(to) },
        () => deps.messenger.send(to, run.card(r, { installed: !!installed })),
        sending,
      );
      await lease.finish('sent', {
        activityId: result,
        reason: undefined,
        ...(installed ? { via: 'graph' as const } : {}),
      });
      // Kept once the intro is out: until then a restart reaches them through Graph again,
      // and their intro still says why the app appeared. The reference Teams' installation
      // event brought, when it came first, is the better one and stays.
      if (installed && !(await stores.conversations.getUser(tenantId, installed.aadObjectId)))
        await stores.conversations.saveUser(installed);
      await run.onSent?.(r);
      return 'sent';
    } catch (e) {
      // Sent and recorded; only the follow-up failed, which does not make it unsent.
      if (lease.value.state === 'sent') return 'sent';
      if (e instanceof SendReleased) {
        await lease.release();
        pipeline.noteReleased();
        return 'released';
      }
      const failure = e instanceof SendFailure ? e : undefined;
      const kind = failure?.blocked ? 'blocked' : 'failed';
      const reason = failure?.blocked
        ? 'blocked'
        : failure
          ? `HTTP ${failure.status ?? 'error'}`
          : 'error';
      if (lease.value.state === 'sending') await lease.finish(kind, { reason });
      return problem(r, kind, reason);
    } finally {
      lease.end();
    }
  }

  // One queue and set of slots per tenant: each tenant has its own budget at Teams, so a
  // slow or throttled tenant never holds the others' slots.
  const queues = new Map<string, Recipient[]>();
  for (const r of run.recipients) {
    const t = tenantOf(r);
    const queue = queues.get(t) ?? [];
    if (!queue.length) queues.set(t, queue);
    queue.push(r);
  }
  const stopped = () => pipeline.stopped || (deps.stopping?.() ?? false);
  const deliverCounted = async (r: Recipient, sending: SendOptions) => {
    let outcome: Outcome;
    try {
      outcome = await deliverOne(r, sending);
    } catch {
      // Storage failed while claiming or recording: the lease lapses and a later run retries.
      outcome = problem(r, 'failed', 'error');
    }
    if (outcome === 'sent') progress.sent++;
    else if (outcome === 'alreadySent') progress.alreadySent++;
    else if (outcome === 'inProgress') progress.inProgress++;
    else if (outcome === 'released') progress.released!++;
    else progress.problems.push(outcome);
    countSend(pipeline.telemetry, run, outcome);
    run.onProgress?.(progress);
  };
  const deliverTenant = async (queue: Recipient[]) => {
    const slots = new WorkSlots(deps.concurrency ?? 16);
    const sending: SendOptions = { aside: (wait) => slots.aside(wait) };
    const running = new Set<Promise<void>>();
    for (;;) {
      await slots.take();
      const r = !stopped() ? queue.shift() : undefined;
      if (!r) {
        slots.give();
        break;
      }
      const task: Promise<void> = deliverCounted(r, sending).finally(() => {
        slots.give();
        running.delete(task);
      });
      running.add(task);
    }
    await Promise.all(running);
  };
  await Promise.all([...queues.values()].map(deliverTenant));
  progress.done = [...queues.values()].every((q) => q.length === 0) && progress.released === 0;
  run.onProgress?.(progress);
  return progress;
}

const recordKey = (d: { organisationId: string; person: string }) =>
  `${d.organisationId}|${d.person}`;

/** Every respondent of every organisation in the round, in round order. */
export function allRecipients(round: Round, organisationIds?: ReadonlySet<string>): Recipient[] {
  return round.organisations
    .filter((o) => !organisationIds || organisationIds.has(o.id))
    .flatMap((organisation) =>
      organisation.respondents.map((person) => ({ organisation, person })),
    );
}
