import { langOf } from '../domain/localized-text';
import { coordinatedRounds } from '../domain/coordinators';
import { DomainError } from '../domain/errors';
import { roundStatus } from '../domain/round-status';
import { roundsCard, statusCard } from '../../cards';
import { type CoordinatorDeps, coordinatorRoute, RoundData } from './coordinator-route';
import { type Handler, route } from '../lib/route';

/** `status` / `round.status`: who has answered, page by page. */
export function statusRoute(deps: CoordinatorDeps): Handler {
  const { stores, clock, timeZone } = deps;
  return coordinatorRoute(deps, async ({ data, round, lang }) => {
    const [sheets, deliveries, launch] = await Promise.all([
      stores.responses.listSheets(round.id),
      stores.deliveries.list(round.id),
      stores.roundState.getLaunch(round.id),
    ]);
    const homeTenant = round.tenantId ?? launch?.tenantId;
    return statusCard({
      lang,
      timeZone,
      now: clock.now(),
      round,
      status: roundStatus(round, sheets, deliveries, homeTenant),
      homeTenant,
      links: deps.appLinks,
      page: data.page,
    });
  });
}

/** `rounds`: every round the user coordinates, with its response count. */
export function roundsRoute(deps: CoordinatorDeps): Handler {
  return route(RoundData, async ({ user }) => {
    const mine = coordinatedRounds(await deps.rounds.list(), user);
    if (!mine.length) throw new DomainError('NotCoordinator', { round: 'any round' });
    const rows = await Promise.all(
      mine.map(async (round) => {
        const s = roundStatus(round, await deps.stores.responses.listSheets(round.id));
        return {
          round,
          submitted: s.totals.submitted,
          organisations: s.totals.organisations,
          responseRate: s.totals.responseRate,
        };
      }),
    );
    return roundsCard({ lang: langOf(user.locale), timeZone: deps.timeZone, rounds: rows });
  });
}
