import { localize } from '../../bot/domain/localized-text';
import type { Response } from '../../bot/domain/answers/response';
import type { Review, ReviewedMeasure } from '../../bot/domain/answers/review';
import { type Card, execute } from '../card';
import { t } from '../i18n';
import { expand } from '../render';
import { truncate } from '../text';
import { Verbs } from '../verbs';
import { gapWords } from './field-texts';
import { pagerData } from './pager';
import { type SheetView, formatWhen, headerData, nav } from './sheet-view';
import header from './templates/header.json';
import template from './templates/review.json';

/** Lines per review page (a measure or an empty goal is one line); keeps the card < 40 KB. */
export const REVIEW_LINES_PER_PAGE = 30;
const DESCRIPTION_CUT = 200;

export interface ReviewView extends SheetView {
  review: Review;
  response: Response | undefined;
  page: number;
}

interface Group {
  title: string;
  measures: ReviewedMeasure[];
}

/** Splits goal groups into pages of at most REVIEW_LINES_PER_PAGE lines, keeping goal order. */
function paginate(groups: Group[]): Group[][] {
  const pages: Group[][] = [[]];
  let lines = 0;
  const current = () => pages[pages.length - 1] as Group[];
  for (const group of groups) {
    const queue = [...group.measures];
    do {
      if (lines >= REVIEW_LINES_PER_PAGE) {
        pages.push([]);
        lines = 0;
      }
      const take = queue.splice(0, Math.max(1, REVIEW_LINES_PER_PAGE - lines));
      current().push({ title: group.title, measures: take });
      lines += Math.max(1, take.length);
    } while (queue.length > 0);
  }
  return pages;
}

/** Everything grouped by goal with gaps named in words, and the submit button. */
export function reviewCard(view: ReviewView): Card {
  const { lang, review, response } = view;
  const hdr = headerData(view);
  const title = t(lang, 'review.title');
  const groups: Group[] = review.goals.map((g, i) => ({
    title: `${i + 1}. ${truncate(localize(g.goal.title, lang), 200)}`,
    measures: g.measures,
  }));
  if (review.orphans.length) {
    groups.push({ title: t(lang, 'review.orphansHeading'), measures: review.orphans });
  }
  const pages = paginate(groups);
  const page = Math.min(Math.max(0, view.page), pages.length - 1);
  const submitted = response?.state === 'submitted' && response.submittedAt;
  return expand(template, {
    lang,
    fallback: `${hdr.title} – ${title}`,
    header: expand(header, hdr),
    title,
    summary:
      review.gapCount === 0
        ? t(lang, 'review.noGaps')
        : t(lang, 'review.gaps', { count: review.gapCount }),
    summaryColor: review.gapCount === 0 ? 'good' : 'warning',
    groups: (pages[page] ?? []).map((g) => ({
      title: g.title,
      empty: g.measures.length === 0 ? t(lang, 'review.goalEmpty') : '',
      measures: g.measures.map(({ measure, gaps }) => ({
        description: truncate(measure.description, DESCRIPTION_CUT),
        flags: gaps.length ? gapWords(lang, gaps).join(', ') : t(lang, 'review.complete'),
        color: gaps.length ? 'warning' : 'good',
      })),
    })),
    ...pagerData(lang, { page, pages: pages.length }, Verbs.responseReview, nav(view)),
    questionsHeading: t(lang, 'questionnaire.orgHeading'),
    questionLines: review.unansweredQuestions.length
      ? review.unansweredQuestions.map((q) => ({
          text: t(lang, 'review.unanswered', { question: t(lang, `org.${q}`) }),
          color: 'warning',
        }))
      : [{ text: t(lang, 'review.questionsAnswered'), color: 'good' }],
    submittedInfo: submitted
      ? t(lang, 'questionnaire.stateSubmitted', {
          date: formatWhen(view, submitted),
          by: response.submittedBy ?? '',
        })
      : '',
    submitNote: view.readOnly ? '' : t(lang, 'review.submitNote'),
    actions: [
      ...(view.readOnly
        ? []
        : [
            execute(
              t(lang, submitted ? 'review.submitAgain' : 'review.submit'),
              Verbs.responseSubmit,
              nav(view),
              { style: 'positive' },
            ),
          ]),
      execute(t(lang, 'questionnaire.backToOverview'), Verbs.questionnaireOpen, nav(view)),
    ],
  });
}
