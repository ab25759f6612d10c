import type { Version } from '../audit/version';
import type { Round } from '../round';
import type { Versioned } from './versioned';

/** Round definitions, as imported from round files or set up in chat, with their versions. */
export interface RoundStore {
  get(id: string): Promise<Round | undefined>;
  list(): Promise<Round[]>;
  /**
   * Creates or replaces the definition with no version: seeding, benchmarks and tests only.
   * A change someone makes goes through `write` (`changeRound` in bot/rounds). Answers are
   * stored elsewhere and never touched.
   */
  save(round: Round): Promise<void>;
  /** Deletes the definition and its versions (`deleteRoundData` deletes the whole round). */
  delete(id: string): Promise<void>;
  /** The definition exactly as stored (no home tenant filled in), with the ETag a change presents. */
  read(id: string): Promise<Versioned<Round> | undefined>;
  /**
   * The definition and the version of its change in one transaction. `etag` undefined
   * creates (AlreadyExistsError when the round exists), else replaces (ConflictError when
   * stale); nothing is written then, the version neither.
   */
  write(round: Round, etag: string | undefined, version: Version): Promise<Versioned<Round>>;
  /** The versions of a round's definition, in no particular order. */
  versions(roundId: string): Promise<Version[]>;
  /** Rewrites the versions of a round's definition (erasure); returns how many changed. */
  rewriteVersions(roundId: string, rewrite: (v: Version) => Version | undefined): Promise<number>;
}
