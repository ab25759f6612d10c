import { ConflictError, isDomainError } from '../domain/errors';
import type {
  OrganisationSheet,
  ResponseStore,
  SheetWrite,
  SheetWritten,
  Versioned,
} from '../domain/ports';
import type { Response } from '../domain/answers/response';
import type { Version } from '../domain/audit/version';
import type { RecentSheets } from './recent-sheets';

/** Attempts before giving up on a response record that keeps changing under us. */
const ATTEMPTS = 5;

/** A new response record and the versions recording the change (none: no content changed). */
export interface ResponseChange {
  response: Response;
  versions: Version[];
}

/**
 * Read-modify-write of the organisation's response record with optimistic concurrency:
 * `change` sees the current record (and measures) and returns the new one with its versions,
 * or `undefined` to write nothing. Both go in one transaction. A concurrent write makes it
 * read and try again, and `change` decides (and makes its versions) anew.
 */
export async function writeResponse(
  responses: ResponseStore,
  ids: { roundId: string; organisationId: string },
  change: (current: Response | undefined, sheet: OrganisationSheet) => ResponseChange | undefined,
  /** Told of what was read and written, for the next write's first guess. */
  recent?: RecentSheets,
): Promise<{ sheet: OrganisationSheet; written: Versioned<Response> | undefined }> {
  for (let attempt = 1; ; attempt++) {
    const sheet = await responses.getSheet(ids.roundId, ids.organisationId);
    const next = change(sheet.response?.value, sheet);
    if (!next) {
      recent?.put(ids, sheet);
      return { sheet, written: undefined };
    }
    try {
      const done = await responses.writeSheet(ids.roundId, ids.organisationId, {
        response: next.response,
        responseEtag: sheet.response?.etag,
        versions: next.versions,
        latestVersions: sheet.latestVersions,
      });
      const written = done.response;
      const after = { ...sheet, response: written, latestVersions: done.latestVersions };
      recent?.put(ids, after);
      return { sheet: after, written };
    } catch (e) {
      if (!raced(e)) throw e;
      recent?.drop(ids);
      if (attempt >= ATTEMPTS) throw new ConflictError(`${ids.roundId}/${ids.organisationId}`);
    }
  }
}

/** What one attempt of a respondent action decided from the sheet it read. */
export type SheetStep<T> =
  /** Nothing to write (a repeated save, a stale form): answer with this. */
  | { answer: T }
  /** Write this (beside the sheet's latest versions), then answer from the sheet as written. */
  | { write: Omit<SheetWrite, 'latestVersions'>; then: (sheet: OrganisationSheet) => T };

const raced = (e: unknown) => isDomainError(e, 'Conflict') || isDomainError(e, 'AlreadyExists');

/** The sheet read, with a write applied: what storage holds now, without reading it again. */
function applied(
  sheet: OrganisationSheet,
  write: Omit<SheetWrite, 'latestVersions'>,
  done: SheetWritten,
): OrganisationSheet {
  const id = write.measure?.kind === 'delete' ? write.measure.measureId : write.measure?.measure.id;
  const measures = sheet.measures.filter((m) => m.value.id !== id);
  if (done.measure) {
    const at = sheet.measures.findIndex((m) => m.value.id === id);
    measures.splice(at < 0 ? measures.length : at, 0, done.measure);
  }
  return { response: done.response, measures, latestVersions: done.latestVersions };
}

/**
 * One respondent action on the organisation's sheet: one partition read and one transaction,
 * or only the transaction when `recent` holds the sheet (see RecentSheets). When someone
 * else wrote in between, the sheet is read once more and `step` decides again (often that
 * the save already happened); a second race answers `conflict(sheet)`. Whatever `step`
 * answers or refuses without writing is decided on a sheet just read.
 */
export async function changeSheet<T>(
  responses: ResponseStore,
  ids: { roundId: string; organisationId: string },
  step: (sheet: OrganisationSheet) => SheetStep<T>,
  conflict: (sheet: OrganisationSheet) => T,
  recent?: RecentSheets,
): Promise<T> {
  let guess = recent?.get(ids);
  for (let attempt = 1; ;) {
    const fromGuess = guess !== undefined;
    const sheet = guess ?? (await responses.getSheet(ids.roundId, ids.organisationId));
    guess = undefined;
    if (!fromGuess) recent?.put(ids, sheet);
    let next: SheetStep<T>;
    try {
      next = step(sheet);
    } catch (e) {
      if (fromGuess) continue;
      throw e;
    }
    if ('answer' in next) {
      if (fromGuess) continue;
      return next.answer;
    }
    try {
      const done = await responses.writeSheet(ids.roundId, ids.organisationId, {
        ...next.write,
        // The versions go beside the sheet's latest ones, as read with it.
        latestVersions: sheet.latestVersions,
      });
      const after = applied(sheet, next.write, done);
      recent?.put(ids, after);
      return next.then(after);
    } catch (e) {
      if (!raced(e)) throw e;
      recent?.drop(ids);
      // A stale guess costs a read, not one of the attempts.
      if (fromGuess) continue;
      if (attempt++ >= 2) return conflict(sheet);
    }
  }
}
