import { carriedTally } from '../domain/answers/follow-up';
import type { OrganisationSheet } from '../domain/ports';
import type { Goal } from '../domain/round';
import { type Card, type Flash, GOAL_MEASURES_PER_PAGE, goalCard, overviewCard } from '../../cards';
import type { Session } from './respondent-session';

/** The overview of a loaded sheet. */
export function overviewFor(
  session: Session,
  sheet: OrganisationSheet,
  options: { flash?: Flash; page?: number } = {},
): Card {
  const measureCounts: Record<string, number> = {};
  for (const { value } of sheet.measures) {
    measureCounts[value.goalId] = (measureCounts[value.goalId] ?? 0) + 1;
  }
  const answers = sheet.response?.value.answers;
  const tally = carriedTally(sheet.measures.map((m) => m.value));
  return overviewCard({
    ...session.view,
    carried: { total: tally.carried, open: tally.carried - tally.reviewed },
    flash: options.flash,
    response: sheet.response?.value,
    measureCounts,
    orgAnswered: !!answers && Object.values(answers).some((v) => v !== undefined && v !== ''),
    others: session.others,
    page: options.page ?? 0,
  });
}

/** The goal card; `focus` picks the page holding that measure (e.g. the one just saved). */
export function goalFor(
  session: Session,
  goal: Goal,
  sheet: OrganisationSheet,
  options: { flash?: Flash; page?: number; focus?: string } = {},
): Card {
  const measures = sheet.measures.filter((m) => m.value.goalId === goal.id);
  const at = options.focus ? measures.findIndex((m) => m.value.id === options.focus) : -1;
  return goalCard({
    ...session.view,
    flash: options.flash,
    goal,
    measures,
    page: at >= 0 ? Math.floor(at / GOAL_MEASURES_PER_PAGE) : (options.page ?? 0),
  });
}
