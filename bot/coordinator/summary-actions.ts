import { DomainError } from '../domain/errors';
import { type Lang, langOf } from '../domain/localized-text';
import type { Round } from '../domain/round';
import { type Card, noticeCard, summaryCard } from '../../cards';
import { type CoordinatorDeps, RoundData, chooseRound } from './coordinator-route';
import { readKoonti } from '../rounds';
import { type Handler, route } from '../lib/route';

/** The koonti (compiled answers) of a round as a card: the overview or one goal's detail. */
async function koontiCard(
  deps: CoordinatorDeps,
  round: Round,
  lang: Lang,
  {
    goalId,
    page = 0,
    includeDrafts = false,
    history = false,
  }: {
    goalId?: string;
    page?: number;
    /** Organisations that saved but did not submit, marked as such. */
    includeDrafts?: boolean;
    /** A history button per measure (the card is in a coordinator's own chat). */
    history?: boolean;
  } = {},
): Promise<Card> {
  const koonti = await readKoonti(deps.stores, round, deps.clock.now(), { includeDrafts });
  return summaryCard({
    lang,
    timeZone: deps.timeZone,
    koonti,
    reportUrl: deps.reportUrl?.(round.id, { drafts: includeDrafts }),
    goalId,
    page,
    history,
  });
}

/** Posts the koonti overview to the round's council channel; false when none is linked. */
export async function postCouncilSummary(
  deps: CoordinatorDeps,
  round: Round,
  lang: Lang = 'fi',
  includeDrafts = false,
): Promise<boolean> {
  const council = await deps.stores.roundState.getCouncil(round.id);
  if (!council) return false;
  await deps.messenger.send(council.ref, await koontiCard(deps, round, lang, { includeDrafts }));
  return true;
}

/**
 * `summary` / `round.summary`: a coordinator posts the koonti to the council channel (or
 * sees it in place there); council members page through it on the card in their channel.
 */
export function summaryRoute(deps: CoordinatorDeps): Handler {
  const { stores } = deps;
  return route(RoundData, async ({ user, data, origin }) => {
    const lang = langOf(user.locale);
    // Council members, coordinators or not, page through the card posted in their channel.
    if (data.roundId && (data.goalId || data.page)) {
      const council = await stores.roundState.getCouncil(data.roundId);
      const round = await deps.rounds.get(data.roundId);
      if (round && council?.conversationId === origin.conversationId)
        return koontiCard(deps, round, lang, {
          goalId: data.goalId,
          page: data.page,
          includeDrafts: data.includeDrafts,
        });
    }
    const round = await chooseRound(deps, user, data.roundId);
    const drafts = data.includeDrafts;
    // A coordinator alone with the koonti may open each measure's history.
    const history = origin.ref.conversationType === 'personal';
    if (data.goalId)
      return koontiCard(deps, round, lang, {
        goalId: data.goalId,
        page: data.page,
        includeDrafts: drafts,
        history,
      });
    const council = await stores.roundState.getCouncil(round.id);
    if (council?.conversationId === origin.conversationId)
      return koontiCard(deps, round, lang, { includeDrafts: drafts });
    if (!(await postCouncilSummary(deps, round, lang, drafts))) {
      throw new DomainError('NoCouncil', { roundId: round.id });
    }
    return noticeCard(lang, 'summaryPosted', { round: round.title.fi });
  });
}
