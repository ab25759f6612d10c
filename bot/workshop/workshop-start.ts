import { langOf } from '../domain/localized-text';
import { randomUUID } from 'node:crypto';
import { coordinatedRounds } from '../domain/coordinators';
import { DomainError } from '../domain/errors';
import type { CouncilChannel } from '../domain/ports';
import type { Round } from '../domain/round';
import { workshopDigest } from '../domain/workshop-digest';
import { WORKSHOP_CARD_POINTS, workshopCard, workshopStartedCard } from '../../cards';
import { planEndYear } from '../domain/workshop-records';
import { claimDelivery } from '../delivery';
import { RoundData } from '../coordinator';
import { readKoonti } from '../rounds';
import { type Handler, route } from '../lib/route';
import type { WorkshopDeps } from './workshop-deps';

/** The purpose of the once-only claim each goal's thread is started under. */
export const WORKSHOP_PURPOSE = 'workshop';

/**
 * The round whose council channel this is, among those the user coordinates; the one meeting
 * soonest (or most lately) when the channel serves several.
 */
async function councilRound(
  deps: WorkshopDeps,
  rounds: Round[],
  conversationId: string,
  tenantId: string,
): Promise<{ round: Round; council: CouncilChannel } | undefined> {
  const now = deps.clock.now().getTime();
  const linked = await Promise.all(
    rounds.map(async (round) => ({
      round,
      council: await deps.stores.roundState.getCouncil(round.id),
    })),
  );
  return linked
    .filter(
      (x): x is { round: Round; council: CouncilChannel } =>
        x.council?.conversationId === conversationId && x.council.ref.tenantId === tenantId,
    )
    .sort(
      (a, b) =>
        Math.abs(Date.parse(a.round.meetingAt) - now) -
        Math.abs(Date.parse(b.round.meetingAt) - now),
    )[0];
}

/**
 * `workshop`: a coordinator, in the round's council channel, starts one thread per goal in
 * round order. Each goal's thread is claimed once (as launch claims each intro), so typing it
 * again, or two coordinators at once, continue the same workshop.
 */
export function workshopRoute(deps: WorkshopDeps): Handler {
  const { stores } = deps;
  return route(RoundData, async ({ user, origin }) => {
    const lang = langOf(user.locale);
    const mine = coordinatedRounds(await deps.rounds.list(), user);
    if (!mine.length) throw new DomainError('NotCoordinator', { round: 'any round' });
    const found =
      origin.ref.conversationType === 'channel'
        ? await councilRound(deps, mine, origin.conversationId, origin.ref.tenantId)
        : undefined;
    if (!found) throw new DomainError('NotCouncilChannel');
    const { round, council } = found;
    const koonti = await readKoonti(stores, round, deps.clock.now());
    let started = 0;
    let existing = 0;
    // compileKoonti keeps the round's goal order, so each goal is beside its compiled answers.
    for (const { goal, ...answers } of koonti.goals) {
      if (await stores.workshops.getThread(round.id, goal.id)) {
        existing++;
        continue;
      }
      const claim = await claimDelivery(
        stores.deliveries,
        {
          roundId: round.id,
          purpose: WORKSHOP_PURPOSE,
          organisationId: goal.id,
          person: council.conversationId,
        },
        { owner: deps.owner ?? randomUUID(), clock: deps.clock },
      );
      if (claim.kind !== 'claimed') {
        existing++;
        continue;
      }
      const { lease } = claim;
      try {
        // A round that follows up its previous one shows where last year's measures stand.
        const carried = answers.followUp.carried;
        const digest = workshopDigest(
          { goal, ...answers },
          round.previousRound
            ? {
                done: carried.done,
                ongoing: carried.ongoing,
                notStarted: carried.notStarted,
                dropped: carried.dropped,
              }
            : undefined,
        );
        const card = workshopCard({
          lang: 'fi',
          timeZone: deps.timeZone,
          roundId: round.id,
          goal,
          digest,
          endYear: planEndYear(round),
          points: answers.points.slice(-WORKSHOP_CARD_POINTS),
          total: answers.points.length,
        });
        const { result: thread } = await deps.pipeline.send(
          { tenantId: council.ref.tenantId, conversationId: council.conversationId },
          () => deps.threads.start(council.ref, council.conversationId, card),
        );
        await stores.workshops.createThread({
          roundId: round.id,
          goalId: goal.id,
          conversationId: thread.conversationId,
          activityId: thread.activityId,
          channelId: council.conversationId,
          startedAt: deps.clock.now().toISOString(),
          startedBy: user.name || user.aadObjectId,
          digest,
          // Points recorded before the thread (imported, say) keep their numbers.
          next: Math.max(-1, ...answers.points.map((p) => p.seq)) + 1,
          count: answers.points.length,
        });
        await lease.finish('sent', { activityId: thread.activityId });
        started++;
      } catch (e) {
        await lease.release().catch(() => undefined);
        throw e;
      }
    }
    return workshopStartedCard(lang, started, existing);
  });
}
