import { DomainError } from '../errors';
import type { LaunchGap } from './launch-gaps';

/** Why an attached contact list is refused as a whole (each bad row is reported instead). */
export type FileRefusal =
  /** The download address is not https on SharePoint or a configured host: never requested. */
  | 'host'
  | 'tooLarge'
  | 'download'
  | 'notSpreadsheet'
  | 'noHeader'
  | 'tooManyRows'
  | 'empty'
  /** No round to apply it to: the user has opened no round card and sets up none. */
  | 'noRound'
  /** The preview to apply is gone (applied already, or older than a day). */
  | 'expired';

/** The attached file went no further; `reason` names the card's message. */
export class FileRefusedError extends DomainError {
  constructor(readonly reason: FileRefusal) {
    super('FileRefused', { reason });
  }
}

/** A launch refused while the round lacks something; the card lists `gaps`. */
export class NotReadyError extends DomainError {
  constructor(
    readonly roundId: string,
    readonly gaps: LaunchGap[],
  ) {
    super('NotReady', { roundId, gaps: gaps.map((g) => g.kind).join(', ') });
  }
}
