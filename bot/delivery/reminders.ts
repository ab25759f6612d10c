import { randomUUID } from 'node:crypto';
import { SendReleased } from '../domain/delivery';
import type { OrganisationSheet, RoundStore, UseCaseStores } from '../domain/ports';
import { dueReminders } from '../domain/reminder-plan';
import type { Organisation, Round } from '../domain/round';
import type { Card } from '../../cards';
import { claimDelivery } from './claim';
import { allRecipients, deliverAll, type DeliverDeps } from './deliver';
import { Metrics, Spans } from '../domain/ports';
import { countSend } from './telemetry-counts';

export const REMINDER_PREFIX = 'reminder|';
export const COUNCIL_PURPOSE = 'council|deadline';

export interface ReminderRunResult {
  sent: number;
  skipped: number;
  failed: number;
}

export interface ReminderDeps extends DeliverDeps {
  stores: UseCaseStores;
  /** Round definitions: the job reads every round, launched ones in the tenant they were launched in. */
  rounds: RoundStore;
  timeZone: string;
  reminderCard: (args: {
    round: Round;
    organisation: Organisation;
    sheet: OrganisationSheet | undefined;
    slot: string;
    now: Date;
    /** Set when the bot installed itself for the reader just now: who launched the round. */
    installed?: { by?: string };
  }) => Card;
  /** Posts the koonti overview to the round's council channel; false when none is linked. */
  postCouncilSummary: (round: Round) => Promise<boolean>;
}

/**
 * One run of the reminder job: for each launched round, the reminders the planner says are
 * due, each (round, respondent, slot) claimed in storage before sending so that restarts and
 * several instances never send twice; and once the deadline has passed, the council's
 * koonti, once. The in-process scheduler and POST /api/jobs/reminders both call this.
 */
export async function runReminders(deps: ReminderDeps): Promise<ReminderRunResult> {
  const { telemetry } = deps.pipeline;
  // One trace per run, so its storage calls and sends are found together.
  return telemetry.span(Spans.reminders, {}, async (span) => {
    let outcome = 'error';
    try {
      const result = await remindersOnce(deps);
      outcome = 'ok';
      span.set({ 'hyte.outcome': outcome });
      return result;
    } finally {
      telemetry.count(Metrics.reminderRuns, 1, { 'hyte.outcome': outcome });
    }
  });
}

async function remindersOnce(deps: ReminderDeps): Promise<ReminderRunResult> {
  const result: ReminderRunResult = { sent: 0, skipped: 0, failed: 0 };
  const now = deps.clock.now();
  for (const round of await deps.rounds.list()) {
    if (round.setup) continue; // being set up in chat: nobody has been asked yet
    const launch = await deps.stores.roundState.getLaunch(round.id);
    if (!launch) continue; // nobody has been asked yet: nothing to remind of
    if (now >= new Date(round.deadline)) {
      await councilOnce(deps, round, round.tenantId ?? launch.tenantId, result);
      continue;
    }
    const sheets = await deps.stores.responses.listSheets(round.id);
    const submitted = new Set(
      [...sheets].filter(([, s]) => s.response?.value.state === 'submitted').map(([id]) => id),
    );
    // An organisation has had a slot when every one of its respondents has (sent or blocked).
    const done = new Map<string, number>();
    for (const d of await deps.stores.deliveries.list(round.id, REMINDER_PREFIX)) {
      if (d.state !== 'sent' && d.state !== 'blocked') continue;
      const key = `${d.organisationId}|${d.purpose.slice(REMINDER_PREFIX.length)}`;
      done.set(key, (done.get(key) ?? 0) + 1);
    }
    const sent = new Map<string, Set<string>>();
    for (const [key, count] of done) {
      const [organisationId = '', slot = ''] = key.split('|');
      const org = round.organisations.find((o) => o.id === organisationId);
      if (!org || count < org.respondents.length) continue;
      sent.set(organisationId, (sent.get(organisationId) ?? new Set()).add(slot));
    }
    for (const due of dueReminders(round, now, { timeZone: deps.timeZone, submitted, sent })) {
      const progress = await deliverAll(deps, {
        round,
        tenantId: launch.tenantId,
        purpose: `${REMINDER_PREFIX}${due.slot}`,
        recipients: allRecipients(round, new Set(due.organisationIds)),
        card: ({ organisation }, reached) =>
          deps.reminderCard({
            round,
            organisation,
            sheet: sheets.get(organisation.id),
            slot: due.slot,
            now,
            ...(reached.installed ? { installed: { by: launcherName(launch.launchedBy) } } : {}),
          }),
      });
      result.sent += progress.sent;
      result.skipped += progress.alreadySent + progress.inProgress;
      result.failed += progress.problems.length;
    }
  }
  return result;
}

/** A launch recorded without the coordinator's name keeps their object id: no name to show. */
const launcherName = (launchedBy: string): string | undefined =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(launchedBy)
    ? undefined
    : launchedBy;

/** The council's koonti after the deadline: claimed like any delivery, so it goes once. */
async function councilOnce(
  deps: ReminderDeps,
  round: Round,
  tenantId: string,
  result: ReminderRunResult,
) {
  const claim = await claimDelivery(
    deps.stores.deliveries,
    { roundId: round.id, purpose: COUNCIL_PURPOSE, organisationId: '-', person: 'council' },
    { owner: deps.owner ?? randomUUID(), clock: deps.clock, leaseMs: deps.leaseMs },
  );
  if (claim.kind === 'sent') return;
  if (claim.kind === 'held') {
    result.skipped++;
    return;
  }
  const { lease } = claim;
  lease.keepAlive();
  try {
    const { result: posted } = await deps.pipeline.send(
      { tenantId, conversationId: `council:${round.id}` },
      () => deps.postCouncilSummary(round),
    );
    if (!posted) {
      // No council channel yet: give the claim back so a later run posts once one is linked.
      await lease.release();
      result.skipped++;
      return;
    }
    await lease.finish('sent');
    result.sent++;
    countSend(deps.pipeline.telemetry, { round, purpose: COUNCIL_PURPOSE }, 'sent');
  } catch (e) {
    if (e instanceof SendReleased) {
      // Shutdown came first: the next run posts it.
      await lease.release();
      deps.pipeline.noteReleased();
      result.skipped++;
      return;
    }
    await lease.finish('failed', {
      reason: e instanceof Error ? e.message.slice(0, 200) : 'error',
    });
    result.failed++;
    countSend(deps.pipeline.telemetry, { round, purpose: COUNCIL_PURPOSE }, 'failed');
  }
}
