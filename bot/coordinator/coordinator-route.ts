import { z } from 'zod';
import { coordinatedRounds } from '../domain/coordinators';
import { DomainError } from '../domain/errors';
import type { AuthenticatedUser } from '../domain/identity';
import { type Lang, langOf } from '../domain/localized-text';
import type { AppLinks } from '../domain/app-links';
import type { Clock, RoundStore, UseCaseStores, Messenger } from '../domain/ports';
import { Id, type Round } from '../domain/round';
import type { Card } from '../../cards';
import type { Background } from '../lib/background';
import { type Handler, type Request, route } from '../lib/route';
import type { GraphReach, SendPipeline } from '../delivery';

/** What the coordinator's use cases need. */
export interface CoordinatorDeps {
  stores: UseCaseStores;
  /** Round definitions as use cases read them: cached, with the home tenant filled in. */
  rounds: RoundStore;
  messenger: Messenger;
  pipeline: SendPipeline;
  clock: Clock;
  timeZone: string;
  background: Background;
  /** Signed link to the report page (with drafts, when asked), when the server has a public URL. */
  reportUrl?: (roundId: string, options?: { drafts?: boolean }) => string | undefined;
  /** Install and admin-consent links for the status card's remedies (with an app id). */
  appLinks?: AppLinks;
  /** How often a progress card is updated while sending. */
  progressEveryMs?: number;
  /** Names this process in delivery claims (see `claim.ts`). */
  owner?: string;
  /** Reaching people who never opened the app, through Microsoft Graph (when configured). */
  graph?: GraphReach;
  /** Organisers (`HYTE_ORGANISERS`) are shown round set-up in the help. */
  isOrganiser?: (user: AuthenticatedUser) => boolean;
}

/** Card data of coordinator verbs: navigation only; who may act comes from the round. */
export const RoundData = z.object({
  roundId: Id.optional(),
  goalId: Id.optional(),
  page: z.coerce.number().int().min(0).max(1000).default(0),
  /** The koonti's `Input.Toggle`: also the answers saved but not submitted. */
  includeDrafts: z
    .union([z.boolean(), z.enum(['true', 'false'])])
    .optional()
    .transform((v) => v === true || v === 'true'),
});
export type RoundData = z.infer<typeof RoundData>;

/**
 * The round a coordinator means: the one named, else the nearest open one, else the last
 * closed one. `NotCoordinator` when the user coordinates no such round.
 */
export async function chooseRound(
  deps: Pick<CoordinatorDeps, 'rounds' | 'clock'>,
  user: AuthenticatedUser,
  roundId?: string,
): Promise<Round> {
  const mine = coordinatedRounds(await deps.rounds.list(), user);
  const refusal = new DomainError('NotCoordinator', { round: roundId ?? 'any round' });
  if (roundId) {
    const round = mine.find((r) => r.id === roundId);
    if (!round) throw refusal;
    return round;
  }
  const now = deps.clock.now().getTime();
  const open = mine
    .filter((r) => Date.parse(r.deadline) > now)
    .sort((a, b) => Date.parse(a.deadline) - Date.parse(b.deadline));
  const closed = mine.sort((a, b) => Date.parse(b.deadline) - Date.parse(a.deadline));
  const round = open[0] ?? closed[0];
  if (!round) throw refusal;
  return round;
}

/** What a coordinator route's handler receives: the request and the round it acts on. */
export interface CoordinatorRequest extends Request<RoundData> {
  round: Round;
  lang: Lang;
}

/** A route for coordinators: card data parsed, then the round chosen (or refused). */
export function coordinatorRoute(
  deps: CoordinatorDeps,
  handle: (request: CoordinatorRequest) => Promise<Card | undefined>,
): Handler {
  return route(RoundData, async (request) =>
    handle({
      ...request,
      round: await chooseRound(deps, request.user, request.data.roundId),
      lang: langOf(request.user.locale),
    }),
  );
}
