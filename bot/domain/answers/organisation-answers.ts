import { z } from 'zod';

const Text = z.string().trim().max(4000, 'at most 4000 characters').default('');
export const Rating = z.enum(['yes', 'partly', 'no']);
export type Rating = z.infer<typeof Rating>;

/** Organisation-level questions of the pre-assignment (data, support, networks, changes). */
export const OrganisationAnswers = z.object({
  dataFromCounty: Rating.optional(),
  dataFromCountyComment: Text,
  expertSupport: Rating.optional(),
  expertSupportComment: Text,
  networksWork: Rating.optional(),
  networksWorkComment: Text,
  dropFromPlan: Text,
  addToPlan: Text,
  comments: Text,
});
export type OrganisationAnswers = z.infer<typeof OrganisationAnswers>;
