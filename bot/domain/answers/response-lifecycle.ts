import { createHash } from 'node:crypto';
import type { VersionActor } from '../audit/version';
import { OrganisationAnswers } from './organisation-answers';
import { emptyResponse, type Response } from './response';

/** Who did something, as the activity says: tenant, Entra object id and display name. */
export type Actor = VersionActor;

/** How a person is recorded in `…By` fields: the name people recognise. */
export function actorLabel(actor: Actor): string {
  return (actor.name.trim() || actor.aadObjectId).slice(0, 200);
}

/**
 * The response after any saved change: a draft from the first save on; once submitted it
 * stays submitted, and `updatedAt` after `submittedAt` shows it changed since.
 */
export function afterChange(
  current: Response | undefined,
  ids: { roundId: string; organisationId: string },
  actor: Actor,
  now: Date,
  answers?: OrganisationAnswers,
): Response {
  const base = current ?? emptyResponse(ids.roundId, ids.organisationId);
  return {
    ...base,
    state: base.state === 'submitted' ? 'submitted' : 'draft',
    ...(answers ? { answers } : {}),
    updatedAt: now.toISOString(),
    updatedBy: actorLabel(actor),
  };
}

/** The response after submitting: who and when, as the activity says. */
export function afterSubmit(
  current: Response | undefined,
  ids: { roundId: string; organisationId: string },
  actor: Actor,
  now: Date,
): Response {
  const base = current ?? emptyResponse(ids.roundId, ids.organisationId);
  const at = now.toISOString();
  return {
    ...base,
    state: 'submitted',
    submittedAt: at,
    submittedBy: actorLabel(actor),
    submittedById: actor.aadObjectId.toLowerCase(),
    updatedAt: at,
    updatedBy: actorLabel(actor),
  };
}

/** True when something was saved after the last submission (so it should be submitted again). */
export function changedAfterSubmit(response: Response | undefined): boolean {
  return (
    response?.state === 'submitted' &&
    !!response.submittedAt &&
    !!response.updatedAt &&
    Date.parse(response.updatedAt) > Date.parse(response.submittedAt)
  );
}

/** A short digest of the answers, so a save can tell whether someone changed them meanwhile. */
export function answersDigest(answers: OrganisationAnswers | undefined): string {
  const canonical = OrganisationAnswers.parse(answers ?? {});
  const ordered = Object.keys(OrganisationAnswers.shape).map((k) => [
    k,
    canonical[k as keyof OrganisationAnswers] ?? null,
  ]);
  return createHash('sha256').update(JSON.stringify(ordered)).digest('hex').slice(0, 16);
}
