import { z } from 'zod';
import { DomainError } from './errors';
import { Id } from './round';

/** Longest free text accepted in one field; keeps entities far below Table Storage limits. */
export const MAX_TEXT = 4000;
const Text = (max = MAX_TEXT) => z.string().trim().max(max, `at most ${max} characters`);

export const Concrete = z.enum(['yes', 'partly', 'no']);
export const ChangeBy2029 = z.enum(['yes', 'partly', 'no', 'unknown']);
export const Plan = z.enum(['continue', 'intensify', 'new', 'drop']);
/** Where a measure carried from the previous round stands a year on. */
export const Progress = z.enum(['done', 'ongoing', 'notStarted', 'dropped']);
export type Progress = z.infer<typeof Progress>;
export type Concrete = z.infer<typeof Concrete>;
export type ChangeBy2029 = z.infer<typeof ChangeBy2029>;
export type Plan = z.infer<typeof Plan>;

/** Measure id: fixed when the form is opened so a repeated save never creates a duplicate. */
export const MeasureId = z.string().regex(/^[A-Za-z0-9_-]{8,40}$/, 'invalid measure id');

/** What a respondent types into the measure form (input ids are public: listed in the README). */
export const MeasureFields = z.object({
  description: Text().min(1, 'required'),
  owner: Text(500).min(1, 'required'),
  partners: z.array(Id).max(1000).default([]),
  partnersOther: Text(1000).default(''),
  metrics: Text().default(''),
  targetGroup: Text(1000).default(''),
  timeframe: Text(200).default(''),
  concrete: Concrete.optional(),
  changeBy2029: ChangeBy2029.optional(),
  plan: Plan.optional(),
  notes: Text().default(''),
});
export type MeasureFields = z.infer<typeof MeasureFields>;

/** A measure (toimenpide) an organisation lists under one goal. */
export const Measure = MeasureFields.extend({
  id: MeasureId,
  goalId: Id,
  /** The previous round's measure this one was copied from; never changed after the copy. */
  carriedFrom: z.object({ roundId: Id, measureId: MeasureId }).strict().optional(),
  progress: Progress.optional(),
  progressNote: Text().optional(),
  createdAt: z.iso.datetime(),
  createdBy: z.string().max(200),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string().max(200),
});
export type Measure = z.infer<typeof Measure>;

/**
 * How many measures a sheet may hold: far above any real answer, low enough that the goal
 * card, the koonti and one partition read stay fast.
 */
export const MEASURE_LIMITS = { perGoal: 50, perOrganisation: 300 } as const;

/** Throws `MeasureLimit` when one more measure under `goalId` would pass a limit. */
export function checkMeasureLimits(measures: ReadonlyArray<{ goalId: string }>, goalId: string) {
  const { perGoal, perOrganisation } = MEASURE_LIMITS;
  if (measures.length >= perOrganisation)
    throw new DomainError('MeasureLimit', { max: perOrganisation, scope: 'organisation' });
  if (measures.filter((m) => m.goalId === goalId).length >= perGoal)
    throw new DomainError('MeasureLimit', { max: perGoal, scope: 'goal' });
}
