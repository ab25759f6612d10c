import type { Goal, Organisation, OrganisationKind } from '../round';
import { Lang } from '../localized-text';
import { OrganisationKind as Kinds, TenantId } from '../round';
import { personId, readPeople } from './people-input';
import { slugOf, uniqueId } from './round-id';
import { type SetupForm, type SetupIssue, SETUP_LIMITS, formValues, text } from './setup-issues';

export const GOAL_INPUTS = ['goalTitle', 'goalTitleSv', 'goalTitleEn', 'goalDescription'] as const;
export const ORGANISATION_FORM_INPUTS = [
  'name',
  'kind',
  'language',
  'tenantId',
  'respondentIds',
  'respondentEmails',
] as const;

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
