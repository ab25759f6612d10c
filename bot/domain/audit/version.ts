import { z } from 'zod';

/** Who made a change: where they signed in, their Entra object id, and their name then. */
export const VersionActor = z.object({
  tenantId: z.string().max(100),
  /** Empty for the operator CLI, which acts with no Entra identity, and after erasure. */
  aadObjectId: z.string().max(100),
  name: z.string().max(200),
});
export type VersionActor = z.infer<typeof VersionActor>;

/** What kind of record a version belongs to (the contract's `kind`). */
export const VersionKind = z.enum(['measure', 'organisation', 'response', 'point', 'round']);
export type VersionKind = z.infer<typeof VersionKind>;

/**
 * What happened: `submit` and `reopen` are the response's (a reopen is the first change
 * after a submission, which leaves the answer to be submitted again).
 */
export const VersionAction = z.enum(['create', 'update', 'delete', 'submit', 'reopen']);
export type VersionAction = z.infer<typeof VersionAction>;

/** One field's change; `null` stands for "not there" (before a create, after a delete). */
export const FieldChange = z.object({ from: z.unknown(), to: z.unknown() });
export type FieldChange = z.infer<typeof FieldChange>;

/**
 * One kept change of the record, written in the same transaction as the change itself.
 * Field names of `changes` are the record's own (measure input ids, answer ids, round file
 * paths such as `organisations.kuopio.respondents`).
 */
export const Version = z.object({
  at: z.iso.datetime(),
  by: VersionActor,
  kind: VersionKind,
  roundId: z.string(),
  organisationId: z.string().optional(),
  goalId: z.string().optional(),
  measureId: z.string().optional(),
  /** A workshop point's number within its goal. */
  seq: z.number().int().min(0).optional(),
  action: VersionAction,
  changes: z.record(z.string(), FieldChange),
});
export type Version = z.infer<typeof Version>;

/** Who an authenticated user is in the record: their tenant, object id and name now. */
export function versionActor(user: {
  tenantId: string;
  aadObjectId: string;
  name: string;
}): VersionActor {
  return { tenantId: user.tenantId, aadObjectId: user.aadObjectId, name: user.name.slice(0, 200) };
}
