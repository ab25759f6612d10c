import { type FollowUpCounts, PROGRESS_OR_NONE } from '../../bot/domain/answers/follow-up';
import type { Lang } from '../../bot/domain/localized-text';
import { t } from '../i18n';

/** Carried measures by progress in words, non-zero ones only ("done 2, ongoing 1"), or ''. */
export function progressWords(lang: Lang, counts: FollowUpCounts): string {
  return PROGRESS_OR_NONE.filter((p) => counts.carried[p] > 0)
    .map((p) => `${t(lang, `report.progress.${p}`)} ${counts.carried[p]}`)
    .join(', ');
}

/** Carried measures in all, whatever their progress. */
export const carriedTotal = (counts: FollowUpCounts): number =>
  PROGRESS_OR_NONE.reduce((n, p) => n + counts.carried[p], 0);

/** What moved under one goal since the previous round, in one line. */
export function followUpLine(lang: Lang, counts: FollowUpCounts): string {
  return t(lang, 'council.followUp', {
    carried: progressWords(lang, counts) || t(lang, 'council.none'),
    new: counts.new,
  });
}
