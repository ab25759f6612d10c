import type { Round } from '../round';

/** Round definitions, as imported from round files. */
export interface RoundStore {
  get(id: string): Promise<Round | undefined>;
  list(): Promise<Round[]>;
  /** Creates or replaces the definition; answers are stored elsewhere and never touched. */
  save(round: Round): Promise<void>;
  /** Deletes the definition only (`deleteRoundData` in services deletes the whole round). */
  delete(id: string): Promise<void>;
}
