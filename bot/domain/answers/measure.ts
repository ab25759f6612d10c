import { z } from 'zod';
import { DomainError } from '../errors';
import { MEASURE_FIELDS, fieldsSchema } from './measure-fields';
import { Id } from '../round';

export { MAX_TEXT } from './measure-fields';

/** Measure id: fixed when the form is opened so a repeated save never creates a duplicate. */
export const MeasureId = z.string().regex(/^[A-Za-z0-9_-]{8,40}$/, 'invalid measure id');

/** What a respondent types into the measure form, from the field table (input ids are public). */
export const MeasureFields = fieldsSchema(MEASURE_FIELDS);
export type MeasureFields = z.infer<typeof MeasureFields>;

export type Concrete = NonNullable<MeasureFields['concrete']>;
export type ChangeBy2029 = NonNullable<MeasureFields['changeBy2029']>;
export type Plan = NonNullable<MeasureFields['plan']>;
/** Where a measure carried from the previous round stands a year on. */
export type Progress = NonNullable<MeasureFields['progress']>;

/** A measure (toimenpide) an organisation lists under one goal. */
export const Measure = MeasureFields.extend({
  id: MeasureId,
  goalId: Id,
  /** The previous round's measure this one was copied from; never changed after the copy. */
  carriedFrom: z.object({ roundId: Id, measureId: MeasureId }).strict().optional(),
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
