import { emptyResponse } from '../domain/answers/response';
import { introCard, noticeCard, reminderCard } from '../../cards';
import { sendInBackground } from './background-send';
import { type CoordinatorDeps, coordinatorRoute } from './coordinator-route';
import { allRecipients } from '../delivery';
import { versionActor } from '../domain/audit/version';
import { endSetup } from '../rounds';
import { writeResponse } from '../questionnaire';
import type { Handler } from '../lib/route';

/** An organisation reached for the first time moves from not reached to sent. */
async function markSent(
  deps: CoordinatorDeps,
  roundId: string,
  organisationId: string,
): Promise<void> {
  await writeResponse(deps.stores.responses, { roundId, organisationId }, (current) =>
    current && current.state !== 'not-reached'
      ? undefined
      : {
          response: { ...emptyResponse(roundId, organisationId), ...current, state: 'sent' },
          // Delivery, not anyone's answer: the record of it is the delivery's.
          versions: [],
        },
  );
}

/** `launch` / `round.launch`: the intro card to every respondent, once each. */
export function launchRoute(deps: CoordinatorDeps): Handler {
  const { clock, timeZone } = deps;
  return coordinatorRoute(deps, async ({ user, origin, round }) => {
    // A round made in chat leaves its set-up here, or says what it still lacks.
    await endSetup(
      { rounds: deps.rounds, responses: deps.stores.responses },
      round.id,
      clock.now(),
      versionActor(user),
      clock,
    );
    await deps.stores.roundState.setLaunchOnce({
      roundId: round.id,
      // The home tenant, which coordinators are always in once the round names it.
      tenantId: round.tenantId ?? user.tenantId,
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
      onSent: (r) => markSent(deps, round.id, r.organisation.id),
      card: (r, reached) =>
        introCard({
          lang: r.organisation.language,
          timeZone,
          now: clock.now(),
          round,
          organisation: r.organisation,
          ...(reached.installed ? { installed: { by: user.name } } : {}),
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
      card: (r, reached) =>
        reminderCard({
          lang: r.organisation.language,
          timeZone,
          now: clock.now(),
          round,
          organisation: r.organisation,
          sheet: sheets.get(r.organisation.id),
          ...(reached.installed ? { installed: { by: user.name } } : {}),
        }),
    });
  });
}
