import { checkPreviousRound } from '../domain/answers/carry-over';
import { roundVersion } from '../domain/audit/changes';
import type { VersionActor } from '../domain/audit/version';
import {
  type Clock,
  type RoundStore,
  type Stores,
  systemClock,
  type Versioned,
} from '../domain/ports';
import type { Round } from '../domain/round';
import { launchGaps } from '../domain/setup/launch-gaps';
import { NotReadyError } from '../domain/setup/setup-errors';
import { carryMeasures } from './round-import';

/**
 * The one way a round definition made or changed in set-up (in chat, or by `hyte round
 * contacts`) is stored: over the version read (`before`; ConflictError when someone changed
 * it meanwhile, and nothing is written), or as a new round (AlreadyExistsError when the id is
 * taken), with the version of the change by `by` in the same transaction. With a
 * `previousRound`, the measures of organisations new to the round are carried in as an import
 * carries them, once ever. Returns the definition as stored.
 */
export async function saveRoundChange(
  stores: Pick<Stores, 'rounds' | 'responses'>,
  before: Versioned<Round> | undefined,
  after: Round,
  by: VersionActor,
  clock: Clock = systemClock,
): Promise<Versioned<Round>> {
  const previous = after.previousRound ? await stores.rounds.get(after.previousRound) : undefined;
  if (after.previousRound && (!before || before.value.previousRound !== after.previousRound))
    checkPreviousRound(after, new Map((await stores.rounds.list()).map((r) => [r.id, r])));
  const version = roundVersion(before?.value, after, by, clock.now());
  // Nothing to keep and nothing to carry: the stored version stands as it is.
  if (before && Object.keys(version.changes).length === 0) return before;
  const written = await stores.rounds.write(after, before?.etag, version);
  if (previous) {
    const kept = before && before.value.previousRound === after.previousRound;
    const had = new Set(kept ? before.value.organisations.map((o) => o.id) : []);
    const added = new Set(after.organisations.map((o) => o.id).filter((id) => !had.has(id)));
    if (added.size) await carryMeasures(stores, previous, written.value, by, clock, added);
  }
  return written;
}

/**
 * Ends a round's set-up for its launch: refused with what is missing (NotReadyError) while
 * the round lacks a goal, an organisation, respondents or a deadline before the meeting and
 * after `now`. A round that is not in set-up is left as it is.
 */
export async function endSetup(
  stores: Pick<Stores, 'rounds' | 'responses'>,
  roundId: string,
  now: Date,
  by: VersionActor,
  clock: Clock = systemClock,
): Promise<void> {
  const stored = await stores.rounds.read(roundId);
  if (!stored?.value.setup) return;
  const gaps = launchGaps(stored.value, now);
  if (gaps.length) throw new NotReadyError(roundId, gaps);
  const launched = { ...stored.value };
  delete launched.setup;
  await saveRoundChange(stores, stored, launched, by, clock);
}

/** The rounds respondents see: none still in set-up. */
export function withoutSetup(inner: RoundStore): RoundStore {
  return {
    ...inner,
    async get(id) {
      const round = await inner.get(id);
      return round?.setup ? undefined : round;
    },
    async list() {
      return (await inner.list()).filter((r) => !r.setup);
    },
  };
}
