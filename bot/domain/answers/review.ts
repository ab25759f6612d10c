import type { Measure } from './measure';
import { type FieldTable, type MeasureGap, MEASURE_FIELDS, fieldGaps } from './measure-fields';
import type { OrganisationAnswers } from './organisation-answers';
import type { Goal, Round } from '../round';

/** What a measure lacks that the HYTE council needs for follow-up (fields with `gap`). */
export type { MeasureGap } from './measure-fields';

/** The organisation-level questions answered with a rating (yes / partly / no). */
export const RATED_QUESTIONS = ['dataFromCounty', 'expertSupport', 'networksWork'] as const;
export type RatedQuestion = (typeof RATED_QUESTIONS)[number];

export interface ReviewedMeasure {
  measure: Measure;
  gaps: MeasureGap[];
}

export interface GoalReview {
  goal: Goal;
  measures: ReviewedMeasure[];
}

export interface Review {
  goals: GoalReview[];
  /** Measures under goals no longer in the round (kept: a re-import never deletes answers). */
  orphans: ReviewedMeasure[];
  unansweredQuestions: RatedQuestion[];
  /** Goals without a measure + measure gaps + unanswered questions. */
  gapCount: number;
}

/** The gaps of one measure; a measure names partners by the list or in free text. */
export function measureGaps(measure: Measure, table: FieldTable = MEASURE_FIELDS): MeasureGap[] {
  return fieldGaps(measure, table) as MeasureGap[];
}

/** Measures in the order they were written (ties by id, so the order is stable). */
export function byCreation(a: Measure, b: Measure): number {
  return a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

/** Everything an organisation answered, grouped by the round's goals, with gaps marked. */
export function reviewSheet(
  round: Round,
  measures: readonly Measure[],
  answers: OrganisationAnswers | undefined,
): Review {
  const reviewed = [...measures].sort(byCreation).map((measure) => ({
    measure,
    gaps: measureGaps(measure),
  }));
  const goals = round.goals.map((goal) => ({
    goal,
    measures: reviewed.filter((r) => r.measure.goalId === goal.id),
  }));
  const goalIds = new Set(round.goals.map((g) => g.id));
  const orphans = reviewed.filter((r) => !goalIds.has(r.measure.goalId));
  const unansweredQuestions = RATED_QUESTIONS.filter((q) => answers?.[q] === undefined);
  const gapCount =
    goals.filter((g) => g.measures.length === 0).length +
    reviewed.reduce((n, r) => n + r.gaps.length, 0) +
    unansweredQuestions.length;
  return { goals, orphans, unansweredQuestions, gapCount };
}
