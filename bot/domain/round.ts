import { z } from 'zod';
import { Lang, LocalizedText } from './localized-text';

/** The current plan runs 2025–2029; a round file names another term with `planPeriod`. */
export const DEFAULT_PLAN_END = 2029;

/** Ids used in keys and card data: short, lowercase, URL- and Table-key-safe. */
export const Id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be 1–63 characters of a-z, 0-9 and -');

const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'must be an e-mail address' }));
const AadObjectId = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F-]{36}$/, 'must be an Entra object id (GUID)')
  .toLowerCase();

/** An Entra tenant id (GUID), compared in lower case. */
export const TenantId = z
  .string()
  .trim()
  .regex(
    /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/,
    'must be an Entra tenant id (GUID)',
  )
  .toLowerCase();

/** A person, named by Entra object id or e-mail (resolved through the Teams member API). */
export const Person = z.union([
  z.object({ aadObjectId: AadObjectId }).strict(),
  z.object({ email: Email }).strict(),
]);
export type Person = z.infer<typeof Person>;

export const Goal = z
  .object({
    id: Id,
    title: LocalizedText,
    description: LocalizedText.optional(),
  })
  .strict();
export type Goal = z.infer<typeof Goal>;

export const OrganisationKind = z.enum(['municipality', 'county', 'ngo', 'other']);
export type OrganisationKind = z.infer<typeof OrganisationKind>;

export const Organisation = z
  .object({
    id: Id,
    name: z.string().trim().min(1, 'required').max(200),
    kind: OrganisationKind,
    language: Lang.default('fi'),
    /** The organisation's own Entra tenant; without it its people are in the home tenant. */
    tenantId: TenantId.optional(),
    respondents: z.array(Person).max(50).default([]),
  })
  .strict();
export type Organisation = z.infer<typeof Organisation>;

const Duration = z
  .string()
  .regex(
    /^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?)?$/,
    'must be an ISO 8601 duration such as P7D or PT4H',
  );
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');
export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof Weekday>;

export const ReminderPolicy = z
  .object({
    before: z.array(Duration).max(20).default([]),
    window: z
      .object({
        from: ClockTime,
        to: ClockTime,
        days: z.array(Weekday).min(1).default(['mon', 'tue', 'wed', 'thu', 'fri']),
      })
      .strict()
      .optional(),
  })
  .strict();
export type ReminderPolicy = z.infer<typeof ReminderPolicy>;

/** The wellbeing plan's council term; the "change by" question names its last year. */
export const PlanPeriod = z
  .object({
    from: z.number().int().min(2000).max(2100).optional(),
    to: z.number().int().min(2000).max(2100).default(DEFAULT_PLAN_END),
  })
  .strict()
  .refine((p) => p.from === undefined || p.from <= p.to, {
    path: ['from'],
    message: 'must not be after to',
  });
export type PlanPeriod = z.infer<typeof PlanPeriod>;

const Instant = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 date-time with offset',
});

/** Ids within a list must be unique; checked on the list so it shows beside other errors. */
function uniqueIds(list: ReadonlyArray<{ id: string }>, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  list.forEach((item, i) => {
    if (seen.has(item.id))
      ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate id "${item.id}"` });
    seen.add(item.id);
  });
}

/**
 * Goals and organisations a round must have unless it is in set-up, as issues at their
 * paths (round files list them beside every other bad field: see round-file.ts).
 */
export function requiredLists(round: {
  setup?: unknown;
  goals?: unknown;
  organisations?: unknown;
}): Array<{ path: ['goals' | 'organisations']; message: string }> {
  if (round.setup === true) return [];
  const empty = (list: unknown) => Array.isArray(list) && list.length === 0;
  return [
    ...(empty(round.goals)
      ? [{ path: ['goals'] as ['goals'], message: 'at least one goal is required' }]
      : []),
    ...(empty(round.organisations)
      ? [
          {
            path: ['organisations'] as ['organisations'],
            message: 'at least one organisation is required',
          },
        ]
      : []),
  ];
}

/** A HYTE negotiation round as defined in a round file (e.g. rounds/pohjois-savo-2025.yaml). */
export const Round = z
  .object({
    id: Id,
    title: LocalizedText,
    region: z.string().trim().min(1, 'required').max(200),
    meetingAt: Instant,
    deadline: Instant,
    /**
     * Answers are accepted until this instant instead of `deadline`: the hook for a
     * coordinator reopening (or closing early) a round without moving the announced deadline.
     */
    closesAt: Instant.optional(),
    /** The home tenant (the county's): coordinators, the council and guests are there. */
    tenantId: TenantId.optional(),
    coordinators: z.array(Person).min(1, 'at least one coordinator is required').max(50),
    reminders: ReminderPolicy.default({ before: [] }),
    /** The last round: its measures are carried into this one on import (see carry-over). */
    previousRound: Id.optional(),
    planPeriod: PlanPeriod.optional(),
    /**
     * True while a round made in chat is being set up: respondents do not see it and no
     * reminder goes out until it is launched. Such a round may still lack goals and
     * organisations; any other round needs at least one of each.
     */
    setup: z.boolean().optional(),
    goals: z.array(Goal).max(50).superRefine(uniqueIds),
    organisations: z.array(Organisation).max(1000).superRefine(uniqueIds),
  })
  .strict()
  .superRefine((round, ctx) => {
    for (const issue of requiredLists(round)) ctx.addIssue({ code: 'custom', ...issue });
    if (round.previousRound === round.id) {
      ctx.addIssue({
        code: 'custom',
        path: ['previousRound'],
        message: 'must not be the round itself',
      });
    }
    if (Date.parse(round.deadline) > Date.parse(round.meetingAt)) {
      ctx.addIssue({ code: 'custom', path: ['deadline'], message: 'must not be after meetingAt' });
    }
  });
export type Round = z.infer<typeof Round>;
/** What a round file may contain before defaults are applied. */
export type RoundInput = z.input<typeof Round>;

/** The year the plan ends, which the "change by" question and its labels name. */
export function planEndYear(round: Pick<Round, 'planPeriod'>): number {
  return round.planPeriod?.to ?? DEFAULT_PLAN_END;
}
