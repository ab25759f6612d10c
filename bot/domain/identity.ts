import { z } from 'zod';
import type { Organisation, Person, Round } from './round';
import { answersOpen, answersCloseAt } from './questionnaire-window';
import { respondentTenant } from './tenants';

/**
 * The person behind an activity, as the Teams layer authenticated it: ids from the activity,
 * e-mail from the Teams member API. Never taken from card data.
 */
export const AuthenticatedUser = z.object({
  tenantId: z.string().min(1).max(100),
  aadObjectId: z.string().min(1).max(100),
  email: z.string().max(320).optional(),
  name: z.string().max(200).default(''),
  /** The Teams client locale (`fi-FI`, `sv-SE`, `en-US`…), when the activity carries one. */
  locale: z.string().max(20).optional(),
});
export type AuthenticatedUser = z.infer<typeof AuthenticatedUser>;

/** One organisation a user answers for in one round. */
export interface Assignment {
  round: Round;
  organisation: Organisation;
}

/** What card data may ask for: only a choice among the user's own assignments. */
export interface WantedAssignment {
  roundId?: string;
  organisationId?: string;
}

export type Resolution =
  | ({ kind: 'respondent'; all: Assignment[] } & Assignment)
  /** The card names a round or organisation the user does not answer for. */
  | { kind: 'foreign'; own: Assignment[] }
  /** Not a respondent anywhere: `contacts` are coordinator e-mails to turn to. */
  | { kind: 'none'; contacts: string[] };

/**
 * True when `person` is this user: by Entra object id or (case-insensitive) e-mail, and only
 * in `tenantId`, where the person counts. Any tenant's administrator can give any user any
 * e-mail address, so an address (or object id) seen from another tenant matches nobody.
 * `tenantId` undefined (no home tenant known, development only) checks no tenant.
 */
export function isPerson(
  person: Person,
  user: AuthenticatedUser,
  tenantId: string | undefined,
): boolean {
  if (tenantId !== undefined && user.tenantId.toLowerCase() !== tenantId.toLowerCase())
    return false;
  if ('aadObjectId' in person) return person.aadObjectId === user.aadObjectId.toLowerCase();
  return !!user.email && person.email === user.email.trim().toLowerCase();
}

/** Every (round, organisation) pair naming this user as a respondent, in that organisation's tenant. */
export function assignmentsOf(rounds: readonly Round[], user: AuthenticatedUser): Assignment[] {
  return rounds.flatMap((round) =>
    round.organisations
      .filter((organisation) =>
        organisation.respondents.some((p) =>
          isPerson(p, user, respondentTenant(round, organisation)),
        ),
      )
      .map((organisation) => ({ round, organisation })),
  );
}

/**
 * The addresses a Teams roster entry stands for: its e-mail, and its user principal name,
 * read back from the guest form `name_domain#EXT#@host` to `name@domain` for B2B guests.
 */
export function memberAddresses(member: { email?: string; userPrincipalName?: string }): string[] {
  const out = new Set<string>();
  if (member.email) out.add(member.email.trim().toLowerCase());
  const upn = member.userPrincipalName?.trim().toLowerCase();
  if (upn) {
    const guest = /^(.+)_([^_@]+)#ext#@/.exec(upn);
    out.add(guest ? `${guest[1]}@${guest[2]}` : upn);
  }
  return [...out];
}

/** Open rounds first, nearest closing first; then closed ones, most recently closed first. */
function byRelevance(now: Date) {
  return (a: Assignment, b: Assignment): number => {
    const openA = answersOpen(a.round, now);
    const openB = answersOpen(b.round, now);
    if (openA !== openB) return openA ? -1 : 1;
    const diff = answersCloseAt(a.round).getTime() - answersCloseAt(b.round).getTime();
    return openA ? diff : -diff;
  };
}

function coordinatorEmails(rounds: readonly Round[], now: Date): string[] {
  const open = rounds.filter((r) => answersOpen(r, now));
  const emails = (open.length ? open : rounds).flatMap((r) =>
    r.coordinators.flatMap((c) => ('email' in c ? [c.email] : [])),
  );
  return [...new Set(emails)].sort();
}

/**
 * Maps the authenticated user to the round and organisation they answer for. Card data may
 * only choose among the user's own assignments; naming anything else is `foreign`.
 */
export function resolveRespondent(
  rounds: readonly Round[],
  user: AuthenticatedUser,
  now: Date,
  wanted: WantedAssignment = {},
): Resolution {
  const own = assignmentsOf(rounds, user).sort(byRelevance(now));
  if (own.length === 0) return { kind: 'none', contacts: coordinatorEmails(rounds, now) };
  const matching = own.filter(
    (a) =>
      (wanted.roundId === undefined || a.round.id === wanted.roundId) &&
      (wanted.organisationId === undefined || a.organisation.id === wanted.organisationId),
  );
  const chosen = matching[0];
  if (!chosen) return { kind: 'foreign', own };
  return { kind: 'respondent', ...chosen, all: own };
}
