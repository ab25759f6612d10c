import { DEFAULT_PLAN_END, type PlanPeriod, type Round } from '../round';
import type { LocalizedText } from '../localized-text';
import { type SetupForm, type SetupIssue, SETUP_LIMITS, formValues, text } from './setup-issues';
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
/** What the settings form sets on a round. */
export interface RoundSettings {
  title: LocalizedText;
  region: string;
  deadline: string;
  meetingAt: string;
  planPeriod?: PlanPeriod;
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
