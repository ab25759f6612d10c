import { randomUUID } from 'node:crypto';
import { type Clock, type ResponseStore, type RoundStore, systemClock } from '../domain/ports';
import { RecentSheets } from './recent-sheets';

/** What the questionnaire use cases need: the stores, time, fresh ids and the display zone. */
export interface QuestionnaireDeps {
  rounds: RoundStore;
  responses: ResponseStore;
  clock?: Clock;
  /** Fresh measure ids (fixed when a form opens). */
  newId?: () => string;
  /** IANA zone dates are shown in (HYTE_TIMEZONE). */
  timeZone?: string;
  /** Sheets read or written lately, the first guess of the next write (one per service). */
  recentSheets?: RecentSheets;
}

export type ResolvedDeps = Required<QuestionnaireDeps>;

/** Fills in the defaults: system clock, random UUIDs, Europe/Helsinki, its own RecentSheets. */
export function withDefaults(deps: QuestionnaireDeps): ResolvedDeps {
  const clock = deps.clock ?? systemClock;
  return {
    newId: () => randomUUID(),
    timeZone: 'Europe/Helsinki',
    recentSheets: new RecentSheets(clock),
    ...deps,
    clock,
  };
}
