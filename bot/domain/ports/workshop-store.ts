import type { Version, VersionActor } from '../audit/version';
import type { Versioned } from './versioned';
import type { WorkshopPoint, WorkshopThread } from '../workshop-records';

/** Where a thread's replies belong: found by the thread's conversation id. */
export interface ThreadKey {
  roundId: string;
  goalId: string;
}

/** How erasure rewrites the workshop: each answers the record changed, or `undefined`. */
export interface WorkshopRewrite {
  version(version: Version): Version | undefined;
  point(point: WorkshopPoint): WorkshopPoint | undefined;
  thread(thread: WorkshopThread): WorkshopThread | undefined;
}

/** What a workshop rewrite changed, by kind of record. */
export interface WorkshopRewritten {
  versions: number;
  points: number;
  threads: number;
}

/**
 * The meeting's workshop: one thread record per goal and the points under it, all of a
 * round in one partition. A point, its thread record and the point's version are written in
 * one transaction carrying the record's ETag, so the count on the card and the order of
 * points never drift, and no point comes or goes unrecorded.
 */
export interface WorkshopStore {
  getThread(roundId: string, goalId: string): Promise<Versioned<WorkshopThread> | undefined>;
  /** Every goal's thread of the round, in no particular order. */
  listThreads(roundId: string): Promise<WorkshopThread[]>;
  /** Saves a started thread and indexes its conversation; AlreadyExistsError when the goal has one. */
  createThread(thread: WorkshopThread): Promise<Versioned<WorkshopThread>>;
  /** The round and goal whose thread has this conversation id; `undefined` for any other. */
  findThread(conversationId: string): Promise<ThreadKey | undefined>;
  /**
   * Appends a point with the thread's next sequence number, and its version (by `by`, at the
   * point's time); ConflictError when `thread` is no longer the current version (nothing is
   * written then).
   */
  addPoint(
    thread: Versioned<WorkshopThread>,
    point: Omit<WorkshopPoint, 'seq' | 'roundId' | 'goalId'>,
    by: VersionActor,
  ): Promise<{ thread: Versioned<WorkshopThread>; point: WorkshopPoint }>;
  /**
   * Stores a point outside any thread (imports, the practice round): a thread started later
   * numbers on from it. AlreadyExistsError when the goal has a point with this number.
   */
  importPoint(point: WorkshopPoint): Promise<void>;
  /**
   * Removes a point, with a version keeping its last values; false when it was gone already.
   * ConflictError on a stale `thread`.
   */
  removePoint(
    thread: Versioned<WorkshopThread>,
    seq: number,
    by: VersionActor,
    at: Date,
  ): Promise<boolean>;
  /** The round's points by goal id, each goal's in the order received. */
  listPoints(roundId: string): Promise<Map<string, WorkshopPoint[]>>;
  /** The versions of the round's points, in no particular order. */
  versions(roundId: string): Promise<Version[]>;
  /** Rewrites the round's threads, points and their versions (erasure); guarded by ETags. */
  rewriteWorkshop(roundId: string, rewrite: WorkshopRewrite): Promise<WorkshopRewritten>;
  deleteRound(roundId: string): Promise<void>;
}
