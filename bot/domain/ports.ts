import type { Delivery } from './delivery';
import type { Measure } from './measure';
import type { Response } from './response';
import type { Round } from './round';
import type { WorkshopStore } from './workshop-store';

/** Time is a parameter: services take a Clock, tests pass a fixed one. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** A stored value with the ETag that an update must present (optimistic concurrency). */
export interface Versioned<T> {
  value: T;
  etag: string;
}

/** Round definitions, as imported from round files. */
export interface RoundStore {
  get(id: string): Promise<Round | undefined>;
  list(): Promise<Round[]>;
  /** Creates or replaces the definition; answers are stored elsewhere and never touched. */
  save(round: Round): Promise<void>;
  /** Deletes the definition only (`deleteRoundData` in services deletes the whole round). */
  delete(id: string): Promise<void>;
}

/** Everything one organisation answered in one round: read and written in one partition. */
export interface OrganisationSheet {
  response: Versioned<Response> | undefined;
  measures: Versioned<Measure>[];
}

/** A change of one measure, written in the same transaction as the response record. */
export type MeasureWrite =
  | { kind: 'create'; measure: Measure }
  /** `etag`: the version read; the write is refused when it is no longer current. */
  | { kind: 'replace'; measure: Measure; etag: string }
  /** The caller has checked the version read; the response record guards it from there. */
  | { kind: 'delete'; measureId: string };

/** What one respondent action writes: at most one measure change and the response record. */
export interface SheetWrite {
  measure?: MeasureWrite;
  response: Response;
  /** ETag of the response record as read; `undefined` when there was none (it is created). */
  responseEtag: string | undefined;
}

/** The versions a SheetWrite left behind. */
export interface SheetWritten {
  /** Absent for a delete (or when no measure changed). */
  measure?: Versioned<Measure>;
  response: Versioned<Response>;
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
   * Writes a measure change and the response record in one transaction carrying both ETags.
   * Every measure change goes through here, so the response record's ETag versions the whole
   * sheet: ConflictError or AlreadyExistsError when anything changed since it was read, and
   * then nothing is written. A stored measure never sits beside a stale response record.
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
   * Stores a measure carried from the previous round, once ever: beside it goes a marker that
   * outlives the measure, so a copy deleted in this round is not carried again. False when
   * it was carried before (by an earlier or a concurrent import).
   */
  carryMeasure(roundId: string, organisationId: string, measure: Measure): Promise<boolean>;
  /** Alone, like createMeasure; ConflictError when `etag` is stale or the measure is gone. */
  updateMeasure(
    roundId: string,
    organisationId: string,
    measure: Measure,
    etag: string,
  ): Promise<Versioned<Measure>>;
  /** Returns false when the measure was already gone; ConflictError on a stale `etag`. */
  deleteMeasure(
    roundId: string,
    organisationId: string,
    measureId: string,
    etag?: string,
  ): Promise<boolean>;
  /** `etag` undefined creates (AlreadyExistsError if present); otherwise replaces (ConflictError if stale). */
  saveResponse(response: Response, etag: string | undefined): Promise<Versioned<Response>>;
  deleteRound(roundId: string): Promise<void>;
}

/** Where a proactive message can go: an opaque conversation reference plus what we know. */
export interface StoredReference {
  /** The channel's conversation reference (botbuilder's shape; opaque outside the Teams layer). */
  reference: Record<string, unknown>;
  tenantId: string;
  /** `personal`, `groupChat` or `channel`. */
  conversationType: string;
  aadObjectId?: string;
  /** From the Teams member API; lets round files name respondents by e-mail. */
  email?: string;
  /** When `email` was looked up: directories change, so it is looked up again after a while. */
  emailAt?: string;
  name?: string;
  locale?: string;
  updatedAt: string;
}

export interface ConversationStore {
  /** Personal (1:1) conversation of a user, keyed by tenant and Entra object id. */
  saveUser(ref: StoredReference & { aadObjectId: string }): Promise<void>;
  getUser(tenantId: string, aadObjectId: string): Promise<StoredReference | undefined>;
  /** Channel or group chat, keyed by tenant and conversation id. */
  saveConversation(conversationId: string, ref: StoredReference): Promise<void>;
  getConversation(tenantId: string, conversationId: string): Promise<StoredReference | undefined>;
  /** Every saved personal reference of a tenant (to find people named by e-mail). */
  listUsers(tenantId: string): Promise<StoredReference[]>;
  /** Every saved channel and group-chat reference of a tenant (whose rosters list people). */
  listConversations(tenantId: string): Promise<Array<StoredReference & { conversationId: string }>>;
}

/** Per round: one record per (purpose, organisation, person), claimed before sending. */
export interface DeliveryStore {
  get(
    roundId: string,
    purpose: string,
    organisationId: string,
    person: string,
  ): Promise<Versioned<Delivery> | undefined>;
  /** Create-if-absent: AlreadyExistsError when someone claimed it first. */
  claim(delivery: Delivery): Promise<Versioned<Delivery>>;
  /** ConflictError when `etag` is stale (another instance took it over). */
  update(delivery: Delivery, etag: string): Promise<Versioned<Delivery>>;
  /** A claim given back after a failed send, so a later run tries again. */
  release(delivery: Delivery, etag: string): Promise<void>;
  list(roundId: string, purposePrefix?: string): Promise<Delivery[]>;
  deleteRound(roundId: string): Promise<void>;
}

/** The council channel a round's koonti goes to, linked by a coordinator. */
export interface CouncilChannel {
  roundId: string;
  conversationId: string;
  ref: StoredReference;
  linkedBy: string;
  linkedAt: string;
}

/** Where and by whom a round was launched: reminders go out in that tenant. */
export interface LaunchRecord {
  roundId: string;
  tenantId: string;
  launchedBy: string;
  launchedAt: string;
}

export interface RoundStateStore {
  getCouncil(roundId: string): Promise<CouncilChannel | undefined>;
  setCouncil(channel: CouncilChannel): Promise<void>;
  getLaunch(roundId: string): Promise<LaunchRecord | undefined>;
  /** The first launch is kept: later launches only send to those not yet reached. */
  setLaunchOnce(launch: LaunchRecord): Promise<void>;
  deleteRound(roundId: string): Promise<void>;
}

/** All stores, as wired in one place. */
export interface Stores {
  rounds: RoundStore;
  responses: ResponseStore;
  conversations: ConversationStore;
  deliveries: DeliveryStore;
  roundState: RoundStateStore;
  workshops: WorkshopStore;
  /** Answers when storage is reachable; throws StorageUnavailableError with a reason otherwise. */
  ping(): Promise<void>;
}
