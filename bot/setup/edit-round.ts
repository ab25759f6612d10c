import { z } from 'zod';
import { DomainError } from '../domain/errors';
import type { Round } from '../domain/round';
import { mayEdit } from '../domain/setup/organisers';
import { type Handler, route } from '../lib/route';
import { roundCard } from './round-view';
import { editableRound, type SetupDeps } from './setup-deps';

/**
 * `edit round` / `muokkaa kierrosta`: the round card of the round the user is at work on —
 * the one last opened, else the nearest one in set-up, else the nearest open one, else the
 * latest — among the rounds they may change.
 */
export function editRoundRoute(deps: SetupDeps): Handler {
  return route(z.object({}), async ({ user }) => {
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
    const { round } = await editableRound(deps, user, chosen.id);
    return roundCard(deps, user, round);
  });
}
