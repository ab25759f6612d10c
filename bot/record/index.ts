import { Verbs } from '../../cards';
import type { Handler } from '../lib/route';
import { DisclosureLog } from './disclosures';
import { historyRoute } from './measure-history';
import type { RecordDeps } from './record-deps';

export type { RecordDeps } from './record-deps';
export { DisclosureLog, type DisclosureLogOptions } from './disclosures';
export { accessLog, type AccessLog, roundHistory, type RoundHistory } from './record-reads';
export {
  forgetPerson,
  type ForgetDeps,
  type ForgetRequest,
  type Forgotten,
  LastCoordinatorError,
} from './forget';

/**
 * The record (Act 906/2019 §17, GDPR): the history of a measure in chat, and the log of
 * disclosures that report pages and downloads write to.
 */
export function createRecordService(deps: RecordDeps) {
  return {
    verbs: { [Verbs.measureHistory]: historyRoute(deps) } satisfies Record<string, Handler>,
    commands: {} satisfies Record<string, Handler>,
    disclosures: new DisclosureLog(deps.stores.record, deps.clock, (e, detail) =>
      deps.onError?.(e, detail),
    ),
  };
}

/** The record's verb and its disclosure log. */
export type RecordService = ReturnType<typeof createRecordService>;
