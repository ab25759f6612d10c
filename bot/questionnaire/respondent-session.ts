import { answeredIn, DomainError, NotRespondentError } from '../domain/errors';
import { resolveRespondent, type AuthenticatedUser } from '../domain/identity';
import { langOf, localize, type Lang } from '../domain/localized-text';
import type { OrganisationSheet } from '../domain/ports';
import type { NavData } from '../domain/answers/questionnaire-data';
import { answersOpen } from '../domain/questionnaire-window';
import type { Actor } from '../domain/answers/response-lifecycle';
import { byCreation } from '../domain/answers/review';
import type { Round } from '../domain/round';
import type { SheetView } from '../../cards';
import type { ResolvedDeps } from './questionnaire-deps';

/** The authenticated user at work on one organisation's sheet in one round. */
export interface Session {
  view: SheetView;
  actor: Actor;
  ids: { roundId: string; organisationId: string };
  /** The user's other assignments (only filled when asked for). */
  others: Array<{ roundId: string; organisationId: string; label: string }>;
}

/** The user's Teams language when supported, else the organisation's. */
function chooseLang(user: AuthenticatedUser, organisationLang?: Lang): Lang {
  return langOf(user.locale, organisationLang);
}

/**
 * Who the user answers for, from storage and the activity only. Card data may choose among
 * the user's own assignments; anything else is refused (`NotRespondent`, `Foreign`) before
 * anything changes.
 */
export async function openSession(
  deps: ResolvedDeps,
  user: AuthenticatedUser,
  nav: NavData,
  options: { withOthers?: boolean } = {},
): Promise<Session> {
  const now = deps.clock.now();
  let rounds: Round[] | undefined;
  // A card names its round: one read usually settles it; the full list only when needed.
  if (nav.roundId && !options.withOthers) {
    const round = await deps.rounds.get(nav.roundId);
    if (round) rounds = [round];
  }
  let found = rounds ? resolveRespondent(rounds, user, now, nav) : undefined;
  if (!found || found.kind !== 'respondent') {
    found = resolveRespondent(await deps.rounds.list(), user, now, nav);
  }
  if (found.kind === 'none') throw new NotRespondentError(found.contacts);
  if (found.kind === 'foreign') {
    throw answeredIn(
      new DomainError('Foreign'),
      chooseLang(user, found.own[0]?.organisation.language),
    );
  }
  const { round, organisation } = found;
  return {
    view: {
      lang: chooseLang(user, organisation.language),
      timeZone: deps.timeZone,
      now,
      round,
      organisation,
      readOnly: !answersOpen(round, now),
    },
    actor: { tenantId: user.tenantId, aadObjectId: user.aadObjectId, name: user.name },
    ids: { roundId: round.id, organisationId: organisation.id },
    others: found.all
      .filter((a) => a.round !== round || a.organisation !== organisation)
      .map((a) => ({
        roundId: a.round.id,
        organisationId: a.organisation.id,
        label: `${localize(a.round.title, chooseLang(user, a.organisation.language))} – ${a.organisation.name}`,
      })),
  };
}

/** Refuses a change after the deadline (`Closed`: nothing is saved). */
export function requireOpen(session: Session): void {
  if (session.view.readOnly) throw new DomainError('Closed', { roundId: session.ids.roundId });
}

/** A stored sheet with its measures in the order they were written. */
export function sortedSheet(sheet: OrganisationSheet): OrganisationSheet {
  return {
    ...sheet,
    measures: [...sheet.measures].sort((a, b) => byCreation(a.value, b.value)),
  };
}

/** The organisation's stored sheet, measures in the order they were written. */
export async function loadSheet(deps: ResolvedDeps, session: Session): Promise<OrganisationSheet> {
  const sheet = await deps.responses.getSheet(session.ids.roundId, session.ids.organisationId);
  deps.recentSheets.put(session.ids, sheet);
  return sortedSheet(sheet);
}
