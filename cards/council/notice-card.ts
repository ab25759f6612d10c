import type { Lang } from '../../bot/domain/localized-text';
import { localize } from '../../bot/domain/localized-text';
import type { Round } from '../../bot/domain/round';
import { type Card, execute } from '../card';
import { formatDateTime, formatPercent, t } from '../i18n';
import { userText } from '../text';
import { Verbs } from '../verbs';
import { line, panel, rowWithButton } from './parts';

export type NoticeKind =
  | 'notCoordinator'
  | 'noRound'
  | 'channelLinked'
  | 'linkHowTo'
  | 'noCouncil'
  | 'summaryPosted'
  | 'nothingToRemind';

/** Short answers to coordinator commands: refusals, confirmations, how-tos. */
export function noticeCard(lang: Lang, kind: NoticeKind, params: { round?: string } = {}): Card {
  const titles: Record<NoticeKind, Parameters<typeof t>[1]> = {
    notCoordinator: 'council.notCoordinatorTitle',
    noRound: 'council.noRoundTitle',
    channelLinked: 'council.channelLinkedTitle',
    linkHowTo: 'council.linkHowToTitle',
    noCouncil: 'council.noCouncilTitle',
    summaryPosted: 'council.summaryPostedTitle',
    nothingToRemind: 'council.nothingToRemindTitle',
  };
  const texts: Record<NoticeKind, Parameters<typeof t>[1]> = {
    notCoordinator: 'council.notCoordinatorText',
    noRound: 'council.noRoundText',
    channelLinked: 'council.channelLinkedText',
    linkHowTo: 'council.linkHowToText',
    noCouncil: 'council.noCouncilText',
    summaryPosted: 'council.summaryPostedText',
    nothingToRemind: 'council.nothingToRemind',
  };
  const good = kind === 'channelLinked' || kind === 'summaryPosted';
  return panel({
    lang,
    title: t(lang, titles[kind]),
    style: good ? 'good' : kind === 'notCoordinator' ? 'warning' : 'emphasis',
    items: [line(t(lang, texts[kind], { round: params.round ?? '' }))],
  });
}

export interface RoundsView {
  lang: Lang;
  timeZone: string;
  rounds: Array<{ round: Round; submitted: number; organisations: number; responseRate: number }>;
}

/** The rounds a coordinator coordinates, each with its response count. */
export function roundsCard(view: RoundsView): Card {
  const { lang } = view;
  return panel({
    lang,
    title: t(lang, 'council.roundsTitle'),
    items: view.rounds.map(({ round, submitted, organisations, responseRate }) =>
      rowWithButton(
        [
          userText(
            t(lang, 'council.roundLine', {
              title: localize(round.title, lang),
              deadline: formatDateTime(lang, round.deadline, view.timeZone),
              submitted,
              organisations,
            }) + ` (${formatPercent(lang, responseRate)})`,
          ),
        ],
        execute(t(lang, 'council.openStatus'), Verbs.roundStatus, { roundId: round.id }),
      ),
    ),
  });
}
