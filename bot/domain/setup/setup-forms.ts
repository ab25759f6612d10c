import {
  DEFAULT_PLAN_END,
  type Goal,
  type Organisation,
  type OrganisationKind,
  type PlanPeriod,
  type Round,
} from '../round';
import { Lang, type LocalizedText } from '../localized-text';
import { OrganisationKind as Kinds, TenantId } from '../round';
import { personId, readPeople } from './people-input';
import { slugOf, uniqueId } from './round-id';
import { type SetupForm, type SetupIssue, formValues } from './setup-issues';
import { dateAndTime, readDate, readTime, zonedInstant } from './zoned-input';

/** Input ids of the settings form (`round.create` adds `previousRound`). */
export const SETTINGS_INPUTS = [
  'title',
  'titleSv',
  'titleEn',
  'region',
  'deadlineDate',
  'deadlineTime',
  'meetingDate',
  'meetingTime',
  'planFrom',
  'planTo',
] as const;
export const GOAL_INPUTS = ['goalTitle', 'goalTitleSv', 'goalTitleEn', 'goalDescription'] as const;
export const ORGANISATION_FORM_INPUTS = [
  'name',
  'kind',
  'language',
  'tenantId',
  'respondentIds',
  'respondentEmails',
] as const;

/** Longest texts the forms take, as round files allow them. */
export const SETUP_LIMITS = {
  title: 2000,
  region: 200,
  name: 200,
  description: 2000,
  respondents: 50,
} as const;

/** What the settings form sets on a round. */
export interface RoundSettings {
  title: LocalizedText;
  region: string;
  deadline: string;
  meetingAt: string;
  planPeriod?: PlanPeriod;
}

function text(
  values: Record<string, string>,
  field: string,
  max: number,
  issues: SetupIssue[],
  required = false,
): string | undefined {
  const v = (values[field] ?? '').trim();
  if (!v) {
    if (required) issues.push({ field, problem: 'required' });
    return undefined;
  }
  if (v.length > max) issues.push({ field, problem: 'tooLong', max });
  return v;
}

function year(values: Record<string, string>, field: string, issues: SetupIssue[]) {
  const v = (values[field] ?? '').trim();
  if (!v) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 2000 || n > 2100) {
    issues.push({ field, problem: 'year' });
    return undefined;
  }
  return n;
}

function instant(
  values: Record<string, string>,
  prefix: 'deadline' | 'meeting',
  defaultTime: string,
  timeZone: string,
  issues: SetupIssue[],
): string | undefined {
  const dateField = `${prefix}Date`;
  const timeField = `${prefix}Time`;
  const dateText = (values[dateField] ?? '').trim();
  const date = readDate(dateText);
  const time = readTime((values[timeField] ?? '').trim() || defaultTime);
  if (!dateText) issues.push({ field: dateField, problem: 'required' });
  else if (!date) issues.push({ field: dateField, problem: 'date' });
  if (!time) issues.push({ field: timeField, problem: 'time' });
  return date && time ? zonedInstant(date, time, timeZone) : undefined;
}

/**
 * Reads the settings form: titles, region, deadline and meeting as dates and times in
 * `timeZone`, the plan period. A deadline in the past is refused unless it is the one the
 * round already has (`current`), so a closed round's other settings can still be corrected.
 */
export function readSettings(
  raw: unknown,
  options: { timeZone: string; now: Date; current?: Pick<Round, 'deadline'> },
): SetupForm<RoundSettings> {
  const values = formValues(raw, SETTINGS_INPUTS);
  const issues: SetupIssue[] = [];
  const fi = text(values, 'title', SETUP_LIMITS.title, issues, true);
  const sv = text(values, 'titleSv', SETUP_LIMITS.title, issues);
  const en = text(values, 'titleEn', SETUP_LIMITS.title, issues);
  const region = text(values, 'region', SETUP_LIMITS.region, issues, true);
  const deadline = instant(values, 'deadline', '16:00', options.timeZone, issues);
  const meetingAt = instant(values, 'meeting', '09:00', options.timeZone, issues);
  const from = year(values, 'planFrom', issues);
  const to = year(values, 'planTo', issues);
  if (deadline && deadline !== options.current?.deadline) {
    if (Date.parse(deadline) <= options.now.getTime())
      issues.push({ field: 'deadlineDate', problem: 'deadlinePast' });
  }
  if (deadline && meetingAt && Date.parse(deadline) > Date.parse(meetingAt))
    issues.push({ field: 'deadlineDate', problem: 'deadlineAfterMeeting' });
  if (from !== undefined && to !== undefined && from > to)
    issues.push({ field: 'planFrom', problem: 'planOrder' });
  if (issues.length || !fi || !region || !deadline || !meetingAt)
    return { ok: false, issues, values };
  const planPeriod =
    from !== undefined || to !== undefined
      ? {
          ...(from !== undefined ? { from } : {}),
          to: to ?? Math.max(DEFAULT_PLAN_END, (from ?? 0) + 4),
        }
      : undefined;
  return {
    ok: true,
    values,
    value: {
      title: { fi, ...(sv ? { sv } : {}), ...(en ? { en } : {}) },
      region,
      deadline,
      meetingAt,
      ...(planPeriod ? { planPeriod } : {}),
    },
  };
}

/** A round's settings as the form shows them. */
export function settingsValues(round: Round, timeZone: string): Record<string, string> {
  const deadline = dateAndTime(round.deadline, timeZone);
  const meeting = dateAndTime(round.meetingAt, timeZone);
  return {
    title: round.title.fi,
    titleSv: round.title.sv ?? '',
    titleEn: round.title.en ?? '',
    region: round.region,
    deadlineDate: deadline.date,
    deadlineTime: deadline.time,
    meetingDate: meeting.date,
    meetingTime: meeting.time,
    planFrom: round.planPeriod?.from !== undefined ? String(round.planPeriod.from) : '',
    planTo: round.planPeriod ? String(round.planPeriod.to) : '',
  };
}

/** Reads the goal form into a goal: `current` is kept where the form has no field for it. */
export function readGoal(
  raw: unknown,
  options: { goals: readonly Goal[]; current?: Goal },
): SetupForm<Goal> {
  const values = formValues(raw, GOAL_INPUTS);
  const issues: SetupIssue[] = [];
  const fi = text(values, 'goalTitle', SETUP_LIMITS.title, issues, true);
  const sv = text(values, 'goalTitleSv', SETUP_LIMITS.title, issues);
  const en = text(values, 'goalTitleEn', SETUP_LIMITS.title, issues);
  const description = text(values, 'goalDescription', SETUP_LIMITS.description, issues);
  if (issues.length || !fi) return { ok: false, issues, values };
  const { current } = options;
  const id =
    current?.id ?? uniqueId(slugOf(fi, 40, 'tavoite'), new Set(options.goals.map((g) => g.id)));
  return {
    ok: true,
    values,
    value: {
      id,
      title: { fi, ...(sv ? { sv } : {}), ...(en ? { en } : {}) },
      ...(description ? { description: { ...current?.description, fi: description } } : {}),
    },
  };
}

/** A goal as the form shows it. */
export function goalValues(goal: Goal | undefined): Record<string, string> {
  return {
    goalTitle: goal?.title.fi ?? '',
    goalTitleSv: goal?.title.sv ?? '',
    goalTitleEn: goal?.title.en ?? '',
    goalDescription: goal?.description?.fi ?? '',
  };
}

/**
 * Reads the organisation form: respondents from the people picker (object ids only) and the
 * typed addresses (e-mails, or object ids, of people in any tenant), at most 50, none twice.
 */
export function readOrganisation(
  raw: unknown,
  options: { organisations: readonly Organisation[]; current?: Organisation },
): SetupForm<Organisation> {
  const values = formValues(raw, ORGANISATION_FORM_INPUTS);
  const issues: SetupIssue[] = [];
  const name = text(values, 'name', SETUP_LIMITS.name, issues, true);
  const kind = Kinds.safeParse(values.kind || options.current?.kind || 'municipality');
  if (!kind.success) issues.push({ field: 'kind', problem: 'choice' });
  const language = Lang.safeParse(values.language || options.current?.language || 'fi');
  if (!language.success) issues.push({ field: 'language', problem: 'choice' });
  const tenantText = (values.tenantId ?? '').trim();
  const tenant = tenantText ? TenantId.safeParse(tenantText) : undefined;
  if (tenant && !tenant.success) issues.push({ field: 'tenantId', problem: 'tenant' });
  const picked = readPeople(values.respondentIds ?? '', 'objectIds');
  const typed = readPeople(values.respondentEmails ?? '');
  if (picked.bad.length)
    issues.push({ field: 'respondentIds', problem: 'objectIds', entries: picked.bad });
  if (typed.bad.length)
    issues.push({ field: 'respondentEmails', problem: 'emails', entries: typed.bad });
  const ids = new Set(picked.people.map(personId));
  const twice = [
    ...picked.duplicates,
    ...typed.duplicates,
    ...typed.people.filter((p) => ids.has(personId(p))).map(personId),
  ];
  if (twice.length)
    issues.push({ field: 'respondentEmails', problem: 'duplicates', entries: twice });
  const respondents = [...picked.people, ...typed.people.filter((p) => !ids.has(personId(p)))];
  if (respondents.length > SETUP_LIMITS.respondents)
    issues.push({ field: 'respondentEmails', problem: 'tooMany', max: SETUP_LIMITS.respondents });
  if (issues.length || !name || !kind.success || !language.success)
    return { ok: false, issues, values };
  const { current } = options;
  const others = new Set(options.organisations.map((o) => o.id));
  return {
    ok: true,
    values,
    value: {
      id: current?.id ?? uniqueId(slugOf(name, 40, 'organisaatio'), others),
      name,
      kind: kind.data as OrganisationKind,
      language: language.data,
      ...(tenant?.success ? { tenantId: tenant.data } : {}),
      respondents,
    },
  };
}

/** An organisation as the form shows it: object ids in the picker, e-mails typed. */
export function organisationValues(o: Organisation | undefined): Record<string, string> {
  const people = o?.respondents ?? [];
  return {
    name: o?.name ?? '',
    kind: o?.kind ?? 'municipality',
    language: o?.language ?? 'fi',
    tenantId: o?.tenantId ?? '',
    respondentIds: people.flatMap((p) => ('aadObjectId' in p ? [p.aadObjectId] : [])).join(','),
    respondentEmails: people.flatMap((p) => ('email' in p ? [p.email] : [])).join('\n'),
  };
}
