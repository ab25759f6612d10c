import { z } from 'zod';
import { DomainError } from '../domain/errors';
import type { AuthenticatedUser } from '../domain/identity';
import type { Round } from '../domain/round';
import { mayEdit } from '../domain/setup/organisers';
import { type Handler, route } from '../lib/route';
import { roundCard } from './round-view';
import { editableRound, type SetupDeps } from './setup-deps';

/** `edit round` / `muokkaa kierrosta`: the round card of the round the user is at work on. */
export function editRoundRoute(deps: SetupDeps): Handler {
  return route(z.object({}), async ({ user }) => {
    const { round } = await editableRound(deps, user, (await roundAtWork(deps, user)).id);
    return roundCard(deps, user, round);
  });
}

/**
 * The round the user is at work on, among those they may change: the one last opened, else
 * the nearest in set-up, else the nearest open one, else the latest. `NotCoordinator` when
 * they may change none.
 */
export async function roundAtWork(deps: SetupDeps, user: AuthenticatedUser): Promise<Round> {
  const [rounds, focus] = await Promise.all([
    deps.rounds.list(),
    deps.stores.setup.getFocus(user.tenantId, user.aadObjectId),
  ]);
  const mine = rounds.filter((r) => mayEdit(r, user, deps.organisers));
  const now = deps.clock.now().getTime();
  const by = (a: Round, b: Round) => Date.parse(a.deadline) - Date.parse(b.deadline);
  const chosen =
    mine.find((r) => r.id === focus) ??
    mine.filter((r) => r.setup).sort(by)[0] ??
    mine.filter((r) => Date.parse(r.deadline) > now).sort(by)[0] ??
    mine.sort(by).at(-1);
  if (!chosen) throw new DomainError('NotCoordinator', { round: 'any round' });
  return chosen;
}
