import { localize } from '../../bot/domain/localized-text';
import type { Measure } from '../../bot/domain/answers/measure';
import type { Versioned } from '../../bot/domain/ports';
import { measureGaps } from '../../bot/domain/answers/review';
import type { Goal } from '../../bot/domain/round';
import { type Card, execute } from '../card';
import { t } from '../i18n';
import { expand } from '../render';
import { truncate } from '../text';
import { Verbs } from '../verbs';
import { gapWords } from './field-texts';
import { pageOf, pagerData } from './pager';
import { type SheetView, formatWhen, headerData, fieldRows, nav } from './sheet-view';
import header from './templates/header.json';
import template from './templates/goal.json';

/** Measures per goal-card page; with the text cuts below a full page stays under 40 KB. */
export const GOAL_MEASURES_PER_PAGE = 10;
const DESCRIPTION_CUT = 500;
const ROW_CUT = 200;

export interface GoalView extends SheetView {
  goal: Goal;
  /** The organisation's measures under this goal, in the order they were written. */
  measures: Versioned<Measure>[];
  page: number;
}

/** Gap words for a measure ("⚠ owner missing, ⚠ partners missing"), or ''. */
export function gapText(view: Pick<SheetView, 'lang'>, measure: Measure): string {
  return gapWords(view.lang, measureGaps(measure)).join(', ');
}

/** A goal with the organisation's measures under it: edit, delete, add; paginated. */
export function goalCard(view: GoalView): Card {
  const { lang, goal } = view;
  // Last year's measures come first: they are what this round follows up.
  const ordered = [...view.measures].sort(
    (a, b) => Number(!!b.value.carriedFrom) - Number(!!a.value.carriedFrom),
  );
  const page = pageOf(ordered, view.page, GOAL_MEASURES_PER_PAGE);
  const goalNav = nav(view, { goalId: goal.id });
  const hdr = headerData(view);
  const goalTitle = localize(goal.title, lang);
  return expand(template, {
    lang,
    fallback: `${hdr.title} – ${goalTitle}`,
    header: expand(header, hdr),
    goalTitle,
    goalDescription: goal.description ? localize(goal.description, lang) : '',
    measuresHeading: t(lang, 'goal.measuresHeading'),
    showing:
      view.measures.length > GOAL_MEASURES_PER_PAGE
        ? t(lang, 'goal.showing', { from: page.from, to: page.to, total: view.measures.length })
        : '',
    none: view.measures.length === 0 ? t(lang, 'goal.none') : '',
    measures: page.items.map(({ value: m }) => ({
      description: truncate(m.description, DESCRIPTION_CUT),
      origin: m.carriedFrom
        ? t(lang, m.progress ? 'goal.carried' : 'goal.carriedOpen', {
            round: m.carriedFrom.roundId,
          })
        : '',
      rows: fieldRows(lang, view.round, m, ROW_CUT, 'summary'),
      gaps: gapText(view, m),
      updated: t(lang, 'goal.updated', { date: formatWhen(view, m.updatedAt), by: m.updatedBy }),
      actions: [
        ...(view.readOnly
          ? []
          : [
              execute(t(lang, 'goal.edit'), Verbs.measureEdit, {
                ...goalNav,
                measureId: m.id,
                page: page.page,
              }),
              execute(
                t(lang, 'goal.delete'),
                Verbs.measureDelete,
                { ...goalNav, measureId: m.id, page: page.page },
                { style: 'destructive' },
              ),
            ]),
        // Who wrote what, also after the deadline.
        execute(t(lang, 'record.historyButton'), Verbs.measureHistory, {
          ...goalNav,
          measureId: m.id,
          from: 'goal',
        }),
      ],
    })),
    ...pagerData(lang, page, Verbs.goalOpen, goalNav),
    actions: [
      ...(view.readOnly
        ? []
        : [execute(t(lang, 'goal.add'), Verbs.measureAdd, goalNav, { style: 'positive' })]),
      execute(t(lang, 'questionnaire.backToOverview'), Verbs.questionnaireOpen, nav(view)),
    ],
  });
}
