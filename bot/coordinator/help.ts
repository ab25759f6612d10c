import { langOf } from '../domain/localized-text';
import { z } from 'zod';
import { coordinatedRounds } from '../domain/coordinators';
import type { AuthenticatedUser } from '../domain/identity';
import type { RoundStore } from '../domain/ports';
import { helpCard } from '../../cards';
import { type Handler, route } from '../lib/route';

/** `help`, and any message that is no command: what the user can do here. */
export function helpRoute(
  rounds: RoundStore,
  isOrganiser: (user: AuthenticatedUser) => boolean = () => false,
): Handler {
  return route(z.object({}), async ({ user }) => {
    const isCoordinator = coordinatedRounds(await rounds.list(), user).length > 0;
    return helpCard({
      lang: langOf(user.locale),
      isCoordinator,
      canSetUp: isCoordinator || isOrganiser(user),
    });
  });
}
