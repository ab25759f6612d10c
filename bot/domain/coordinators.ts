import { type AuthenticatedUser, isPerson } from './identity';
import type { Round } from './round';

/**
 * True when the round names this user among its coordinators (object id or e-mail), in the
 * home tenant only.
 */
export function coordinates(round: Round, user: AuthenticatedUser): boolean {
  return round.coordinators.some((p) => isPerson(p, user, round.tenantId));
}

/** The rounds this user coordinates. */
export function coordinatedRounds(rounds: readonly Round[], user: AuthenticatedUser): Round[] {
  return rounds.filter((r) => coordinates(r, user));
}
