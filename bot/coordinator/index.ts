import type { Lang } from '../domain/localized-text';
import type { Round } from '../domain/round';
import { Verbs } from '../../cards';
import { linkChannelRoute } from './council-channel';
import type { CoordinatorDeps } from './coordinator-route';
import { helpRoute } from './help';
import { launchRoute, remindRoute } from './launch-remind';
import type { Handler } from '../lib/route';
import { roundsRoute, statusRoute } from './status-actions';
import { postCouncilSummary, summaryRoute } from './summary-actions';

export { type CoordinatorDeps, RoundData } from './coordinator-route';

/** The coordinator's verbs and commands, and the koonti post the reminder job makes. */
export function createCoordinatorService(deps: CoordinatorDeps) {
  const status = statusRoute(deps);
  const launch = launchRoute(deps);
  const remind = remindRoute(deps);
  const summary = summaryRoute(deps);
  return {
    verbs: {
      [Verbs.roundStatus]: status,
      [Verbs.roundLaunch]: launch,
      [Verbs.roundRemind]: remind,
      [Verbs.roundSummary]: summary,
    } satisfies Record<string, Handler>,
    commands: {
      status,
      launch,
      remind,
      summary,
      linkChannel: linkChannelRoute(deps),
      rounds: roundsRoute(deps),
      help: helpRoute(deps.rounds, deps.isOrganiser),
    } satisfies Record<string, Handler>,
    postCouncilSummary: (round: Round, lang?: Lang) => postCouncilSummary(deps, round, lang),
  };
}

/** The coordinator's verbs, commands and the council post. */
export type CoordinatorService = ReturnType<typeof createCoordinatorService>;
