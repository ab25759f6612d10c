import type { Round } from '../round';
import type { Versioned } from './versioned';

/** Round definitions, as imported from round files or set up in chat. */
export interface RoundStore {
  get(id: string): Promise<Round | undefined>;
  list(): Promise<Round[]>;
  /** Creates or replaces the definition; answers are stored elsewhere and never touched. */
  save(round: Round): Promise<void>;
  /** Deletes the definition only (`deleteRoundData` in services deletes the whole round). */
  delete(id: string): Promise<void>;
  /** The definition as stored, with the ETag a change must present. */
  read(id: string): Promise<Versioned<Round> | undefined>;
  /**
   * Writes a changed definition: with `etag`, only over that version (ConflictError when it
   * changed meanwhile); without, only when no round has the id (AlreadyExistsError).
   */
  write(round: Round, etag: string | undefined): Promise<Versioned<Round>>;
}
