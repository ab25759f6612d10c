import { DomainError } from '../domain/errors';
import type { AuthenticatedUser } from '../domain/identity';
import { emptyResponse } from '../domain/response';
import type { Round } from '../domain/round';
import {
  type Card,
  introCard,
  noticeCard,
  progressCard,
  type ProgressView,
  reminderCard,
} from '../../cards';
import { type CoordinatorDeps, coordinatorRoute } from './coordinator-route';
import { allRecipients, deliverAll, type DeliveryProgress, type Recipient } from './deliver';
import { writeResponse } from './response-writer';
import { type Handler, langOf, type Origin } from './route';

interface Sending {
  user: AuthenticatedUser;
  origin: Origin;
  round: Round;
  kind: 'launch' | 'remind';
  purpose: string;
  recipients: Recipient[];
  card: (r: Recipient) => Card;
}

/**
 * Sends `card` to `recipients` in the background, updating a progress card in place:
 * the card pressed (invokes) or one sent now (typed commands).
 */
async function sendInBackground(deps: CoordinatorDeps, s: Sending): Promise<Card | undefined> {
  const { stores, clock, messenger, background } = deps;
  const { user, origin, round, kind } = s;
  const lang = langOf(user);
  const view = (p: DeliveryProgress, state: ProgressView['state']): Card =>
    progressCard({
      lang,
      round,
      kind,
      total: p.total,
      sent: p.sent,
      alreadySent: p.alreadySent,
      inProgress: p.inProgress,
      problems: p.problems,
      state,
    });
  const initial: DeliveryProgress = {
    total: s.recipients.length,
    sent: 0,
    alreadySent: 0,
    inProgress: 0,
    problems: [],
    done: false,
  };
  let activityId = origin.activityId;
  const typed = !activityId;
  if (typed) activityId = await messenger.send(origin.ref, view(initial, 'running'));
  let last = 0;
  const show = async (p: DeliveryProgress, state: ProgressView['state']) => {
    if (activityId) await messenger.update(origin.ref, activityId, view(p, state));
  };
  const started = background.run(async () => {
    const progress = await deliverAll(
      { stores, messenger, pipeline: deps.pipeline, clock, stopping: () => background.stopping },
      {
        round,
        tenantId: user.tenantId,
        purpose: s.purpose,
        recipients: s.recipients,
        card: s.card,
        onProgress: (p) => {
          const now = clock.now().getTime();
          if (now - last < (deps.progressEveryMs ?? 2000)) return;
          last = now;
          void show(p, 'running').catch(() => undefined);
        },
        onSent: kind === 'launch' ? (r) => markSent(deps, round.id, r.organisation.id) : undefined,
      },
    );
    await show(progress, progress.done ? 'done' : 'interrupted');
  });
  if (!started) throw new DomainError('ShuttingDown');
  return typed ? undefined : view(initial, 'running');
}

/** An organisation reached for the first time moves from not reached to sent. */
async function markSent(
  deps: CoordinatorDeps,
  roundId: string,
  organisationId: string,
): Promise<void> {
  await writeResponse(deps.stores.responses, { roundId, organisationId }, (current) =>
    current && current.state !== 'not-reached'
      ? undefined
      : { ...emptyResponse(roundId, organisationId), ...current, state: 'sent' },
  );
}

/** `launch` / `round.launch`: the intro card to every respondent, once each. */
export function launchRoute(deps: CoordinatorDeps): Handler {
  const { clock, timeZone } = deps;
  return coordinatorRoute(deps, async ({ user, origin, round }) => {
    await deps.stores.roundState.setLaunchOnce({
      roundId: round.id,
      tenantId: user.tenantId,
      launchedBy: user.name || user.aadObjectId,
      launchedAt: clock.now().toISOString(),
    });
    return sendInBackground(deps, {
      user,
      origin,
      round,
      kind: 'launch',
      purpose: 'launch',
      recipients: allRecipients(round),
      card: (r) =>
        introCard({
          lang: r.organisation.language,
          timeZone,
          now: clock.now(),
          round,
          organisation: r.organisation,
        }),
    });
  });
}

/** `remind` / `round.remind`: a reminder to every organisation that has not submitted. */
export function remindRoute(deps: CoordinatorDeps): Handler {
  const { clock, timeZone } = deps;
  return coordinatorRoute(deps, async ({ user, origin, round, lang }) => {
    const sheets = await deps.stores.responses.listSheets(round.id);
    const pending = new Set(
      round.organisations
        .filter((o) => sheets.get(o.id)?.response?.value.state !== 'submitted')
        .map((o) => o.id),
    );
    if (pending.size === 0) return noticeCard(lang, 'nothingToRemind');
    // One manual reminder per minute: a double click does not send twice.
    const slot = `now-${clock.now().toISOString().slice(0, 16)}`;
    return sendInBackground(deps, {
      user,
      origin,
      round,
      kind: 'remind',
      purpose: `reminder|${slot}`,
      recipients: allRecipients(round, pending),
      card: (r) =>
        reminderCard({
          lang: r.organisation.language,
          timeZone,
          now: clock.now(),
          round,
          organisation: r.organisation,
          sheet: sheets.get(r.organisation.id),
        }),
    });
  });
}
