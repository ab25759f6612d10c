import { z } from 'zod';
import { MeasureId } from './measure';
import { Id } from '../round';

/**
 * Navigation data carried by questionnaire card actions. It only chooses among the user's
 * own assignments (see resolveRespondent); it never says who the user is. Unknown fields,
 * such as the form inputs and the fallback's `verb`, are dropped here.
 */
export const NavData = z.object({
  roundId: Id.optional(),
  organisationId: Id.optional(),
});
export type NavData = z.infer<typeof NavData>;

const Page = z.coerce.number().int().min(0).max(1000);
/** Storage ETags are opaque, short strings. */
export const Etag = z.string().min(1).max(200);
/** Digest of the organisation answers a form was opened with (see answersDigest). */
export const Digest = z.string().regex(/^[0-9a-f]{16}$/);

/** `questionnaire.open`, `response.review`: an optional page of a long list. */
export const PageData = NavData.extend({ page: Page.default(0) });
export type PageData = z.infer<typeof PageData>;

/** `goal.open`, `measure.add`. */
export const GoalData = NavData.extend({ goalId: Id, page: Page.default(0) });
export type GoalData = z.infer<typeof GoalData>;

/** `measure.edit`, `measure.delete` (delete asks first; `confirm` does it). */
export const MeasureRefData = GoalData.extend({
  measureId: MeasureId,
  etag: Etag.optional(),
  confirm: z.boolean().optional(),
});
export type MeasureRefData = z.infer<typeof MeasureRefData>;

/**
 * `measure.save`: the id fixed when the form opened; `etag` when editing a stored measure
 * (absent: create). The inputs are parsed separately so a bad value re-renders the form.
 */
export const MeasureSaveData = GoalData.extend({
  measureId: MeasureId,
  etag: Etag.optional(),
});
export type MeasureSaveData = z.infer<typeof MeasureSaveData>;

/** `organisation.save`: `base` is the digest of the answers the form showed. */
export const OrganisationSaveData = NavData.extend({ base: Digest.optional() });
export type OrganisationSaveData = z.infer<typeof OrganisationSaveData>;
