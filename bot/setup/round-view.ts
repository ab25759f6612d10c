import type { AuthenticatedUser } from '../domain/identity';
import { langOf, localize } from '../domain/localized-text';
import type { Versioned } from '../domain/ports';
import type { Round } from '../domain/round';
import { type Answered, answeredIn } from '../domain/setup/answered';
import { launchGaps } from '../domain/setup/launch-gaps';
import { type Card, type RoundFlash, setupRoundCard } from '../../cards';
import { saveRoundChange } from '../rounds';
import { actorOf, type SetupDeps } from './setup-deps';

/** What this round's answers hold on to (organisations and goals with answers). */
export async function answeredOf(deps: SetupDeps, round: Round): Promise<Answered> {
  if (!round.organisations.length) return answeredIn(new Map());
  const ids = round.organisations.map((o) => o.id);
  return answeredIn(await deps.stores.responses.listSheets(round.id, ids));
}

/**
 * The round card for `user`, who is now at work on this round: an attached contact list goes
 * to it. `answered` saves a read when the caller has it already.
 */
export async function roundCard(
  deps: SetupDeps,
  user: AuthenticatedUser,
  round: Round,
  options: { page?: number; goalPage?: number; flash?: RoundFlash; answered?: Answered } = {},
): Promise<Card> {
  const [answered, previous] = await Promise.all([
    options.answered ?? answeredOf(deps, round),
    round.previousRound ? deps.rounds.get(round.previousRound) : undefined,
    deps.stores.setup.setFocus(user.tenantId, user.aadObjectId, round.id),
  ]);
  const lang = langOf(user.locale);
  return setupRoundCard({
    lang,
    timeZone: deps.timeZone,
    round,
    previousTitle: previous && localize(previous.title, lang),
    gaps: launchGaps(round, deps.clock.now()),
    answered,
    page: options.page ?? 0,
    goalPage: options.goalPage ?? 0,
    contactsUrl: deps.contactsUrl?.(round.id),
    flash: options.flash,
  });
}

/** Stores `after` over the version read, and answers with the round card and its message. */
export async function savedRoundCard(
  deps: SetupDeps,
  user: AuthenticatedUser,
  home: Round,
  stored: Versioned<Round>,
  after: Round,
  flash: RoundFlash,
  pages: { page?: number; goalPage?: number } = {},
): Promise<Card> {
  const written = await saveRoundChange(
    { rounds: deps.rounds, responses: deps.stores.responses },
    stored,
    after,
    actorOf(user),
    deps.clock,
  );
  return roundCard(deps, user, { ...written.value, tenantId: home.tenantId }, { ...pages, flash });
}
