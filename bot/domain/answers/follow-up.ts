import type { Measure, Progress } from './measure';

/** A carried measure's progress, or `none` while nobody has said where it stands. */
export type ProgressOrNone = Progress | 'none';
export const PROGRESS_OR_NONE = ['done', 'ongoing', 'notStarted', 'dropped', 'none'] as const;

/** What moved under one goal since the previous round. */
export interface FollowUpCounts {
  /** Measures carried from the previous round, by their progress this round. */
  carried: Record<ProgressOrNone, number>;
  /** Measures added this round. */
  new: number;
  /** Carried measures marked dropped, with the reason given (`progressNote`). */
  dropped: Array<{
    organisationId: string;
    measureId: string;
    description: string;
    reason: string;
  }>;
}

export const emptyFollowUp = (): FollowUpCounts => ({
  carried: { done: 0, ongoing: 0, notStarted: 0, dropped: 0, none: 0 },
  new: 0,
  dropped: [],
});

/** Adds one measure of `organisationId` to `counts`. */
export function countFollowUp(counts: FollowUpCounts, organisationId: string, m: Measure): void {
  if (!m.carriedFrom) {
    counts.new++;
    return;
  }
  counts.carried[m.progress ?? 'none']++;
  if (m.progress === 'dropped') {
    counts.dropped.push({
      organisationId,
      measureId: m.id,
      description: m.description,
      reason: m.progressNote?.trim() ?? '',
    });
  }
}

/** The follow-up counts of a list of measures (e.g. one goal's, or one organisation's). */
export function followUpCounts(
  measures: ReadonlyArray<{ organisationId: string; measure: Measure }>,
): FollowUpCounts {
  const counts = emptyFollowUp();
  for (const { organisationId, measure } of measures)
    countFollowUp(counts, organisationId, measure);
  return counts;
}

/** How many measures of a sheet came from the previous round, and how many have a progress. */
export function carriedTally(measures: readonly Measure[]): { carried: number; reviewed: number } {
  let carried = 0;
  let reviewed = 0;
  for (const m of measures) {
    if (!m.carriedFrom) continue;
    carried++;
    if (m.progress) reviewed++;
  }
  return { carried, reviewed };
}
