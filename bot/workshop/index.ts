import { Verbs } from '../../cards';
import type { Handler } from '../lib/route';
import { noteRoute, recordReply, removeRoute, type ThreadReply } from './workshop-points';
import { workshopRoute } from './workshop-start';
import type { WorkshopDeps } from './workshop-deps';

export type { WorkshopDeps } from './workshop-deps';
export type { ThreadReply } from './workshop-points';

/** The meeting's workshop: the command, the card actions and the replies in its threads. */
export function createWorkshopService(deps: WorkshopDeps) {
  return {
    verbs: {
      [Verbs.workshopNote]: noteRoute(deps),
      [Verbs.workshopRemove]: removeRoute(deps),
    } satisfies Record<string, Handler>,
    commands: { workshop: workshopRoute(deps) } satisfies Record<string, Handler>,
    reply: (reply: ThreadReply) => recordReply(deps, reply),
  };
}

/** The workshop's verbs, command and thread replies. */
export type WorkshopService = ReturnType<typeof createWorkshopService>;
