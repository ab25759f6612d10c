import { roundVersion } from '../domain/audit/changes';
import type { Version, VersionActor } from '../domain/audit/version';
import { ConflictError, isDomainError } from '../domain/errors';
import { type Clock, type RoundStore, systemClock } from '../domain/ports';
import { Round } from '../domain/round';

/** Attempts before giving up on a definition that keeps changing under us. */
const ATTEMPTS = 5;

/** What a change of a round's definition did. */
export interface RoundChanged {
  /** The definition as stored now (`undefined`: there is none). */
  round: Round | undefined;
  /** The version written; `undefined` when nothing changed (and nothing was written). */
  version: Version | undefined;
}

/**
 * A round's definition changed by a function of what is stored: read as stored, `change`
 * makes the new definition (from `undefined` for a round not stored yet; returning `undefined`
 * changes nothing), and the definition and the version of the change — who, when, each
 * setting, goal and organisation field from → to — are written in one transaction. Someone
 * else's change in between makes it read and let `change` decide again; a change that changes
 * nothing writes nothing. `recordAs` may rewrite the version before it is written (erasure
 * hides the person it removes). Imports and erasure change rounds this way.
 */
export async function changeRound(
  rounds: Pick<RoundStore, 'read' | 'write'>,
  roundId: string,
  change: (current: Round | undefined) => Round | undefined,
  by: VersionActor,
  clock: Clock = systemClock,
  recordAs: (version: Version) => Version = (v) => v,
): Promise<RoundChanged> {
  for (let attempt = 1; ; attempt++) {
    const current = await rounds.read(roundId);
    const wanted = change(current?.value);
    if (!wanted) return { round: current?.value, version: undefined };
    const next = Round.parse(wanted);
    if (next.id !== roundId) throw new Error(`changeRound: ${next.id} is not ${roundId}`);
    const version = roundVersion(current?.value, next, by, clock.now());
    if (current && Object.keys(version.changes).length === 0)
      return { round: current.value, version: undefined };
    const recorded = recordAs(version);
    try {
      const written = await rounds.write(next, current?.etag, recorded);
      return { round: written.value, version: recorded };
    } catch (e) {
      const raced = isDomainError(e, 'Conflict') || isDomainError(e, 'AlreadyExists');
      if (!raced) throw e;
      if (attempt >= ATTEMPTS) throw new ConflictError(`round/${roundId}`);
    }
  }
}
