import { DomainError, isDomainError } from '../domain/errors';
import type { AuthenticatedUser } from '../domain/identity';
import type { Lang } from '../domain/localized-text';
import {
  type CouncilChannel,
  type Versioned,
  type ThreadKey,
  threadReference,
} from '../domain/ports';
import type { Goal, Round } from '../domain/round';
import type { VersionActor } from '../domain/audit/version';
import { type WorkshopPoint, type WorkshopThread, planEndYear } from '../domain/workshop-records';
import { type Card, WORKSHOP_CARD_POINTS, type WorkshopMessage, workshopCard } from '../../cards';
import type { WorkshopDeps } from './workshop-deps';

/** A thread's first card as it stands: the digest kept from the start and the latest points. */
export async function threadCard(
  deps: Pick<WorkshopDeps, 'stores' | 'timeZone'>,
  round: Round,
  goal: Goal,
  thread: WorkshopThread,
  lang: Lang,
  message?: WorkshopMessage,
): Promise<Card> {
  const points = (await deps.stores.workshops.listPoints(round.id)).get(goal.id) ?? [];
  return workshopCard({
    lang,
    timeZone: deps.timeZone,
    roundId: round.id,
    goal,
    digest: thread.digest,
    endYear: planEndYear(round),
    points: points.slice(-WORKSHOP_CARD_POINTS),
    total: points.length,
    message,
  });
}

/** Updates the thread's first card for everyone in the channel (the count and latest points). */
export async function refreshThreadCard(
  deps: WorkshopDeps,
  council: CouncilChannel,
  round: Round,
  goal: Goal,
  thread: WorkshopThread,
): Promise<void> {
  try {
    const card = await threadCard(deps, round, goal, thread, 'fi');
    await deps.messenger.update(
      threadReference(council.ref, thread.conversationId),
      thread.activityId,
      card,
    );
  } catch (e) {
    // The point is stored whatever becomes of the card: the koonti has it.
    deps.onError?.(e);
  }
}

const MAX_ATTEMPTS = 8;

/**
 * Appends a point to a goal's thread. Points arriving together race for the thread record's
 * ETag: the loser reads again and takes the next number, so none is lost or reordered.
 */
export async function appendPoint(
  deps: Pick<WorkshopDeps, 'stores'>,
  key: ThreadKey,
  input: Omit<WorkshopPoint, 'seq' | 'roundId' | 'goalId'>,
  by: VersionActor,
): Promise<{ thread: Versioned<WorkshopThread>; point: WorkshopPoint }> {
  for (let attempt = 1; ; attempt++) {
    const thread = await deps.stores.workshops.getThread(key.roundId, key.goalId);
    if (!thread) throw new DomainError('NotFound', { what: 'workshop thread' });
    try {
      return await deps.stores.workshops.addPoint(thread, input, by);
    } catch (e) {
      if (!isDomainError(e, 'Conflict') || attempt >= MAX_ATTEMPTS) throw e;
    }
  }
}

/** A point's author as shown in the koonti. */
export const authorOf = (user: AuthenticatedUser) => ({
  author: user.name || user.email || '',
  authorId: user.aadObjectId,
});

/** The round and goal of a thread key, when both are still there. */
export async function threadContext(
  deps: Pick<WorkshopDeps, 'stores' | 'rounds'>,
  key: ThreadKey,
): Promise<{ round: Round; goal: Goal; council: CouncilChannel } | undefined> {
  const [round, council] = await Promise.all([
    deps.rounds.get(key.roundId),
    deps.stores.roundState.getCouncil(key.roundId),
  ]);
  const goal = round?.goals.find((g) => g.id === key.goalId);
  return round && goal && council ? { round, goal, council } : undefined;
}
