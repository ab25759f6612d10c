import { z } from 'zod';
import { Id } from '../round';
import { OrganisationAnswers } from './organisation-answers';

/** Where an organisation's answer stands. */
export const ResponseState = z.enum(['not-reached', 'sent', 'draft', 'submitted']);
export type ResponseState = z.infer<typeof ResponseState>;

/** One organisation's answer record in a round (measures are stored beside it). */
export const Response = z.object({
  roundId: Id,
  organisationId: Id,
  state: ResponseState,
  answers: OrganisationAnswers.optional(),
  submittedAt: z.iso.datetime().optional(),
  submittedBy: z.string().max(200).optional(),
  /** Entra object id of whoever submitted (`submittedBy` is the name people recognise). */
  submittedById: z.string().max(100).optional(),
  updatedAt: z.iso.datetime().optional(),
  updatedBy: z.string().max(200).optional(),
});
export type Response = z.infer<typeof Response>;

/** A fresh response: nothing sent yet. */
export function emptyResponse(roundId: string, organisationId: string): Response {
  return { roundId, organisationId, state: 'not-reached' };
}
