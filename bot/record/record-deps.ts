import type { Clock, RoundStore, Stores } from '../domain/ports';

/** What the record's use cases need. */
export interface RecordDeps {
  stores: Pick<Stores, 'responses' | 'workshops' | 'record'>;
  /** Round definitions as use cases read them: cached, with the home tenant filled in. */
  rounds: RoundStore;
  clock: Clock;
  /** IANA zone dates are shown in (HYTE_TIMEZONE). */
  timeZone: string;
  /** Told of what must not fail a request: a disclosure that could not be written. */
  onError?: (e: unknown, detail: { lost: number }) => void;
}
