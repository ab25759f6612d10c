import { randomUUID } from 'node:crypto';
import { type Clock, type ResponseStore, type RoundStore, systemClock } from '../domain/ports';

/** What the questionnaire use cases need: the stores, time, fresh ids and the display zone. */
export interface QuestionnaireDeps {
  rounds: RoundStore;
  responses: ResponseStore;
  clock?: Clock;
  /** Fresh measure ids (fixed when a form opens). */
  newId?: () => string;
  /** IANA zone dates are shown in (HYTE_TIMEZONE). */
  timeZone?: string;
}

export type ResolvedDeps = Required<QuestionnaireDeps>;

/** Fills in the defaults: system clock, random UUIDs, Europe/Helsinki. */
export function withDefaults(deps: QuestionnaireDeps): ResolvedDeps {
  return {
    clock: systemClock,
    newId: () => randomUUID(),
    timeZone: 'Europe/Helsinki',
    ...deps,
  };
}
