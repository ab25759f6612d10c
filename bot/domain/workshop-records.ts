import { z } from 'zod';
import type { Round } from './round';

/**
 * A point is kept whole, however long: a Teams message tops out near 28 KB, and a pasted
 * memo may be longer still. The cap only keeps one entity well under Table Storage's 1 MiB.
 */
export const MAX_POINT_CHARS = 100_000;

/** The plan period's last year until round files carry `planPeriod`. */
export const DEFAULT_PLAN_END_YEAR = 2029;

/** The year the "change by" workshop question names: the one place it is read. */
export function planEndYear(round: Round & { planPeriod?: { to?: number } }): number {
  return round.planPeriod?.to ?? DEFAULT_PLAN_END_YEAR;
}

/** Last round's measures of a goal by progress, once rounds follow up their previous one. */
export const LastYearProgress = z.object({
  done: z.number().int().min(0),
  ongoing: z.number().int().min(0),
  notStarted: z.number().int().min(0),
  dropped: z.number().int().min(0),
});
export type LastYearProgress = z.infer<typeof LastYearProgress>;

/** What the pre-assignment says under one goal, as the workshop started from it. */
export const WorkshopDigest = z.object({
  organisations: z.number().int().min(0),
  measures: z.number().int().min(0),
  flagCounts: z.record(z.string(), z.number().int().min(0)),
  /** "A names B as a partner" under this goal, by organisation name, most measures first. */
  links: z.array(z.object({ from: z.string(), to: z.string(), measures: z.number().int() })),
  /** Absent until there is a previous round to follow up: then the card says how it went. */
  lastYearProgress: LastYearProgress.optional(),
});
export type WorkshopDigest = z.infer<typeof WorkshopDigest>;

/** One goal's thread in the council channel, started by `workshop`. */
export const WorkshopThread = z.object({
  roundId: z.string(),
  goalId: z.string(),
  /** The thread's conversation id (`{channel id};messageid={first activity id}`). */
  conversationId: z.string(),
  /** The thread's first card, updated with the point count. */
  activityId: z.string(),
  channelId: z.string(),
  startedAt: z.string(),
  startedBy: z.string(),
  digest: WorkshopDigest,
  /** Sequence number the next point gets: points keep the order they were received in. */
  next: z.number().int().min(0),
  /** Points currently in the thread (removed ones not counted). */
  count: z.number().int().min(0),
});
export type WorkshopThread = z.infer<typeof WorkshopThread>;

/** A workshop point: a reply in a goal's thread, or a note added on its card. */
export const WorkshopPoint = z.object({
  roundId: z.string(),
  goalId: z.string(),
  seq: z.number().int().min(0),
  text: z.string().min(1).max(MAX_POINT_CHARS),
  author: z.string().max(200),
  authorId: z.string().max(100),
  at: z.string(),
  via: z.enum(['reply', 'note']),
});
export type WorkshopPoint = z.infer<typeof WorkshopPoint>;

/** A goal's points in the order received. */
export type PointsByGoal = ReadonlyMap<string, readonly WorkshopPoint[]>;

/**
 * The text of a thread reply as a point: mentions (`<at>…</at>`) and markup removed, entities
 * decoded, whitespace kept to single spaces and line breaks. Empty when nothing is left.
 */
export function pointText(html: string): string {
  return html
    .replace(/<at>[\s\S]*?<\/at>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(p|div|li)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
