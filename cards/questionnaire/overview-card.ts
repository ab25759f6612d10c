import { localize } from '../../bot/domain/localized-text';
import { answersCloseAt } from '../../bot/domain/questionnaire-window';
import type { Response } from '../../bot/domain/answers/response';
import { changedAfterSubmit } from '../../bot/domain/answers/response-lifecycle';
import { type Card, execute } from '../card';
import { t, formatDateTime } from '../i18n';
import { expand } from '../render';
import { truncate } from '../text';
import { Verbs } from '../verbs';
import { timeLeftText } from './time-left';
import { pageOf, pagerData } from './pager';
import { type SheetView, formatWhen, headerData, nav } from './sheet-view';
import header from './templates/header.json';
import template from './templates/overview.json';

/** Goals per overview page: keeps the card far below the size limit even for 50 goals. */
export const OVERVIEW_GOALS_PER_PAGE = 20;

export interface OverviewView extends SheetView {
  response: Response | undefined;
  /** The organisation's measure count per goal id. */
  measureCounts: Record<string, number>;
  /** Measures carried from the previous round, and how many of them still lack a progress. */
  carried?: { total: number; open: number };
  /** Whether any organisation-level question has an answer. */
  orgAnswered: boolean;
  /** The user's other assignments, to switch to. */
  others: Array<{ roundId: string; organisationId: string; label: string }>;
  page: number;
}

function statusText(view: OverviewView): string {
  const { lang, response } = view;
  if (response?.state === 'submitted' && response.submittedAt) {
    return t(lang, 'questionnaire.stateSubmitted', {
      date: formatWhen(view, response.submittedAt),
      by: response.submittedBy ?? '',
    });
  }
  if (response?.state === 'draft' && response.updatedAt) {
    return t(lang, 'questionnaire.stateDraft', {
      date: formatWhen(view, response.updatedAt),
      by: response.updatedBy ?? '',
    });
  }
  return t(lang, 'questionnaire.stateNotStarted');
}

/** The questionnaire's front page: deadline, status, goals with measure counts, next steps. */
export function overviewCard(view: OverviewView): Card {
  const { lang, round } = view;
  const closesAt = answersCloseAt(round);
  const goals = pageOf(round.goals, view.page, OVERVIEW_GOALS_PER_PAGE);
  const countText = (n: number) => t(lang, 'questionnaire.measureCount', { count: n });
  const hdr = headerData(view);
  return expand(template, {
    lang,
    fallback: `${hdr.title} – ${hdr.subtitle}`,
    header: expand(header, hdr),
    facts: [
      {
        title: t(lang, 'questionnaire.deadline'),
        value: t(lang, 'questionnaire.deadlineValue', {
          date: formatDateTime(lang, closesAt, view.timeZone, 'full'),
          left: timeLeftText(lang, view.now, closesAt, view.timeZone),
        }),
      },
      { title: t(lang, 'questionnaire.status'), value: statusText(view) },
      ...(view.carried?.total
        ? [
            {
              title: t(lang, 'questionnaire.carried'),
              value: t(lang, 'questionnaire.carriedValue', view.carried),
            },
          ]
        : []),
    ],
    changedNote: changedAfterSubmit(view.response)
      ? t(lang, 'questionnaire.changedAfterSubmit')
      : '',
    goalsHeading: t(lang, 'questionnaire.goalsHeading'),
    goalsIntro: t(lang, 'questionnaire.goalsIntro'),
    goals: goals.items.map((goal, i) => {
      const n = view.measureCounts[goal.id] ?? 0;
      return {
        title: `${goals.from + i}. ${truncate(localize(goal.title, lang), 200)}`,
        count: countText(n),
        color: n === 0 ? 'warning' : 'default',
        open: execute(
          t(lang, 'questionnaire.openGoal'),
          Verbs.goalOpen,
          nav(view, { goalId: goal.id }),
        ),
      };
    }),
    ...pagerData(lang, goals, Verbs.questionnaireOpen, nav(view)),
    orgHeading: t(lang, 'questionnaire.orgHeading'),
    orgIntro: t(lang, 'questionnaire.orgIntro'),
    orgStatus: view.orgAnswered
      ? t(lang, 'questionnaire.orgAnswered')
      : t(lang, 'questionnaire.orgUnanswered'),
    orgOpen: execute(t(lang, 'questionnaire.openOrg'), Verbs.organisationOpen, nav(view)),
    othersHeading: t(lang, 'questionnaire.otherAssignments'),
    others: view.others.slice(0, 5).map((o) =>
      execute(truncate(o.label, 80), Verbs.questionnaireOpen, {
        roundId: o.roundId,
        organisationId: o.organisationId,
      }),
    ),
    actions: [execute(t(lang, 'questionnaire.review'), Verbs.responseReview, nav(view))],
  });
}
