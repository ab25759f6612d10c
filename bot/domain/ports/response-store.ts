import type { Measure } from '../answers/measure';
import type { Response } from '../answers/response';
import type { Version } from '../audit/version';
import type { Versioned } from './versioned';

/** Everything one organisation answered in one round: read and written in one partition. */
export interface OrganisationSheet {
  response: Versioned<Response> | undefined;
  measures: Versioned<Measure>[];
  /**
   * The sheet's latest versions, kept with its response record and read with it: the next
   * change adds its own to them (SheetWrite.latestVersions). Absent before the first.
   */
  latestVersions?: readonly Version[];
}

/** A change of one measure, written in the same transaction as the response record. */
export type MeasureWrite =
  | { kind: 'create'; measure: Measure }
  /** `etag`: the version read; the write is refused when it is no longer current. */
  | { kind: 'replace'; measure: Measure; etag: string }
  /** The caller has checked the version read; the response record guards it from there. */
  | { kind: 'delete'; measureId: string };

/**
 * What one respondent action writes: at most one measure change, the response record, and
 * the versions recording the change (none only for a write that changes no content).
 */
export interface SheetWrite {
  measure?: MeasureWrite;
  response: Response;
  /** ETag of the response record as read; `undefined` when there was none (it is created). */
  responseEtag: string | undefined;
  versions: readonly Version[];
  /**
   * The sheet's latest versions as read with it (`OrganisationSheet.latestVersions`; none:
   * `undefined`). Always given: the response record carries them, and a write that left them
   * out would lose them.
   */
  latestVersions: readonly Version[] | undefined;
}

/** How erasure rewrites a sheet: each answers the record changed, or `undefined` to keep it. */
export interface SheetRewrite {
  version(version: Version): Version | undefined;
  /** With the versions of that measure, oldest first. */
  measure(measure: Measure, versions: readonly Version[]): Measure | undefined;
  /** With every version of the sheet, oldest first. */
  response(response: Response, versions: readonly Version[]): Response | undefined;
}

/** What a rewrite changed, counted by kind of record. */
export interface SheetsRewritten {
  versions: number;
  measures: number;
  responses: number;
}

/** The versions a SheetWrite left behind. */
export interface SheetWritten {
  /** Absent for a delete (or when no measure changed). */
  measure?: Versioned<Measure>;
  response: Versioned<Response>;
  latestVersions?: readonly Version[];
}

export interface ResponseStore {
  getSheet(roundId: string, organisationId: string): Promise<OrganisationSheet>;
  /**
   * Every organisation's sheet in a round, keyed by organisation id (absent = nothing stored).
   * With `organisationIds`, only those organisations', read in parallel.
   */
  listSheets(
    roundId: string,
    organisationIds?: readonly string[],
  ): Promise<Map<string, OrganisationSheet>>;
  /**
   * Writes a measure change, the response record and the versions of the change in one
   * transaction carrying both ETags. Every measure change goes through here, so the response
   * record's ETag versions the whole sheet: ConflictError or AlreadyExistsError when anything
   * changed since it was read, and then nothing is written, its versions neither. A stored
   * measure never sits beside a stale response record, nor a change without its version.
   */
  writeSheet(roundId: string, organisationId: string, write: SheetWrite): Promise<SheetWritten>;
  /**
   * Creates a measure alone, leaving the response record as it is (imports and seeding);
   * AlreadyExistsError when a measure with this id exists.
   */
  createMeasure(
    roundId: string,
    organisationId: string,
    measure: Measure,
  ): Promise<Versioned<Measure>>;
  /**
   * Stores a measure carried from the previous round, once ever, with its version: beside it
   * goes a marker that outlives the measure, so a copy deleted in this round is not carried
   * again. False when it was carried before (by an earlier or a concurrent import).
   */
  carryMeasure(
    roundId: string,
    organisationId: string,
    measure: Measure,
    /** Who carried it, when and from where, kept beside it in the same transaction. */
    version: Version,
  ): Promise<boolean>;
  /**
   * `etag` undefined creates (AlreadyExistsError if present); otherwise replaces (ConflictError
   * if stale). Without a version: for imports, seeding and tests; people's changes go through
   * writeSheet.
   */
  saveResponse(response: Response, etag: string | undefined): Promise<Versioned<Response>>;
  /**
   * The versions of a round's answers (every organisation's, or one's; of one measure with
   * `measureId`), in no particular order.
   */
  versions(
    roundId: string,
    filter?: { organisationId?: string; measureId?: string },
  ): Promise<Version[]>;
  /** Rewrites the records of every sheet of the round (erasure); guarded by ETags. */
  rewriteSheets(roundId: string, rewrite: SheetRewrite): Promise<SheetsRewritten>;
  deleteRound(roundId: string): Promise<void>;
}
