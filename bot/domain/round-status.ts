import { isUntouchedCarry } from './answers/carry-over';
import type { Delivery } from './delivery';
import { carriedTally } from './answers/follow-up';
import { personKey } from './delivery';
import { InstallProblem, type OrganisationSheet } from './ports';
import type { ResponseState } from './answers/response';
import type { OrganisationKind, Person, Round } from './round';
import { respondentTenant } from './tenants';

export type RespondentDelivery = 'not-reached' | 'sent' | 'blocked';

/**
 * Why a respondent was not reached: the bot shares no 1:1 chat, team or group chat with
 * them in their tenant (`notInstalled`), they blocked it, or sending failed; with installs
 * through Microsoft Graph, also why Graph could not reach them (see InstallProblem).
 */
export type UnreachableReason = 'notInstalled' | 'blocked' | 'failed' | InstallProblem;

export interface RespondentStatus {
  person: Person;
  delivery: RespondentDelivery;
  /** Where the person is reached (unknown only while no home tenant is known). */
  tenantId?: string;
  reason?: UnreachableReason;
  /** What failed, for `failed` (e.g. `HTTP 503`). */
  detail?: string;
  /** Reached through Microsoft Graph (the bot installed itself for them). */
  via?: 'graph';
}

function reasonOf(d: Delivery | undefined): Pick<RespondentStatus, 'reason' | 'detail'> {
  if (d?.state === 'unreachable') {
    const graph = InstallProblem.safeParse(d.reason);
    return { reason: graph.success ? graph.data : 'notInstalled' };
  }
  if (d?.state === 'blocked') return { reason: 'blocked' };
  if (d?.state === 'failed') return { reason: 'failed', ...(d.reason ? { detail: d.reason } : {}) };
  return {};
}

export interface OrganisationStatus {
  id: string;
  name: string;
  kind: OrganisationKind;
  state: ResponseState;
  measures: number;
  /** Measures carried from the previous round, and how many of them have a progress. */
  carried: number;
  carriedReviewed: number;
  lastChange?: string;
  lastChangeBy?: string;
  submittedAt?: string;
  submittedBy?: string;
  respondents: RespondentStatus[];
  /** Reminder slots sent to this organisation, with when. */
  reminders: Array<{ slot: string; at: string }>;
}

export interface RoundStatus {
  roundId: string;
  organisations: OrganisationStatus[];
  totals: Record<ResponseState, number> & {
    organisations: number;
    measures: number;
    responseRate: number;
  };
}

/** Problems first: nobody reached, then sent but untouched, drafts, and submitted last. */
const ORDER: Record<ResponseState, number> = { 'not-reached': 0, sent: 1, draft: 2, submitted: 3 };

function stateOf(sheet: OrganisationSheet | undefined, reached: boolean): ResponseState {
  const stored = sheet?.response?.value.state;
  // Measures carried in on import are not an answer until someone saves one.
  const hasMeasures = (sheet?.measures ?? []).some((m) => !isUntouchedCarry(m.value));
  if (stored === 'submitted' || stored === 'draft') return stored;
  if (hasMeasures || sheet?.response?.value.answers) return 'draft';
  if (stored === 'sent' || reached) return 'sent';
  return 'not-reached';
}

/**
 * Where each organisation of a round stands: response state, measures, last change and who
 * made it, each respondent's delivery and the reminders sent. Pure: the caller reads storage.
 */
export function roundStatus(
  round: Round,
  sheets: ReadonlyMap<string, OrganisationSheet>,
  deliveries: readonly Delivery[] = [],
  /** The home tenant when the round names none (the tenant it was launched from). */
  homeTenant: string | undefined = undefined,
): RoundStatus {
  const launch = new Map<string, Delivery>();
  const reminders = new Map<string, Map<string, string>>();
  for (const d of deliveries) {
    if (d.purpose === 'launch') launch.set(`${d.organisationId}|${d.person}`, d);
    else if (d.purpose.startsWith('reminder|') && d.state === 'sent') {
      const slots = reminders.get(d.organisationId) ?? new Map<string, string>();
      const slot = d.purpose.slice('reminder|'.length);
      const earlier = slots.get(slot);
      if (!earlier || d.at < earlier) slots.set(slot, d.at);
      reminders.set(d.organisationId, slots);
    }
  }
  const organisations = round.organisations.map((org): OrganisationStatus => {
    const sheet = sheets.get(org.id);
    const tenantId = respondentTenant(round, org, round.tenantId ?? homeTenant);
    const respondents = org.respondents.map((person): RespondentStatus => {
      const d = launch.get(`${org.id}|${personKey(person)}`);
      const where = tenantId ? { tenantId } : {};
      if (d?.state === 'sent')
        return { person, delivery: 'sent', ...where, ...(d.via ? { via: d.via } : {}) };
      const delivery = d?.state === 'blocked' ? 'blocked' : 'not-reached';
      return { person, delivery, ...where, ...reasonOf(d) };
    });
    const response = sheet?.response?.value;
    const tally = carriedTally((sheet?.measures ?? []).map((m) => m.value));
    const changes = [
      ...(sheet?.measures ?? [])
        .filter((m) => !isUntouchedCarry(m.value))
        .map((m) => ({ at: m.value.updatedAt, by: m.value.updatedBy })),
      ...(response?.updatedAt ? [{ at: response.updatedAt, by: response.updatedBy }] : []),
    ].sort((a, b) => b.at.localeCompare(a.at));
    return {
      id: org.id,
      name: org.name,
      kind: org.kind,
      state: stateOf(
        sheet,
        respondents.some((r) => r.delivery === 'sent'),
      ),
      measures: sheet?.measures.length ?? 0,
      carried: tally.carried,
      carriedReviewed: tally.reviewed,
      ...(changes[0] ? { lastChange: changes[0].at, lastChangeBy: changes[0].by } : {}),
      ...(response?.submittedAt
        ? { submittedAt: response.submittedAt, submittedBy: response.submittedBy }
        : {}),
      respondents,
      reminders: [...(reminders.get(org.id) ?? [])]
        .map(([slot, at]) => ({ slot, at }))
        .sort((a, b) => a.at.localeCompare(b.at)),
    };
  });
  organisations.sort(
    (a, b) => ORDER[a.state] - ORDER[b.state] || a.name.localeCompare(b.name, 'fi'),
  );
  const count = (s: ResponseState) => organisations.filter((o) => o.state === s).length;
  const submitted = count('submitted');
  return {
    roundId: round.id,
    organisations,
    totals: {
      organisations: organisations.length,
      'not-reached': count('not-reached'),
      sent: count('sent'),
      draft: count('draft'),
      submitted,
      measures: organisations.reduce((n, o) => n + o.measures, 0),
      responseRate: organisations.length ? submitted / organisations.length : 0,
    },
  };
}
