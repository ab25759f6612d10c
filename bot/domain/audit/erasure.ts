import type { Measure } from '../answers/measure';
import type { Response } from '../answers/response';
import type { CouncilChannel, LaunchRecord, StoredReference } from '../ports';
import type { Organisation, Person, Round } from '../round';
import { respondentTenant } from '../tenants';
import type { WorkshopPoint, WorkshopThread } from '../workshop-records';
import { inTimeOrder } from './changes';
import type { Version } from './version';

/** Everything an erasure knows of the person it erases. */
export interface ErasedPerson {
  /** Their Entra object ids (lower case). */
  aadObjectIds: ReadonlySet<string>;
  /** Their e-mail addresses (lower case). */
  emails: ReadonlySet<string>;
  /**
   * Labels that stand for them where a record keeps a name and no id (`updatedBy`, who
   * launched): the names they went by, their ids and addresses.
   */
  labels: ReadonlySet<string>;
  /** Only where they count in this tenant; everywhere when absent. */
  tenantId?: string;
  /** What they are called from now on. */
  pseudonym: string;
}

/** A role a round gave the person, as erasure reports it. */
export interface RemovedRole {
  roundId: string;
  role: 'respondent' | 'coordinator';
  organisationId?: string;
}

const inTenant = (p: ErasedPerson, tenantId: string | undefined) =>
  !p.tenantId || !tenantId || p.tenantId === tenantId.toLowerCase();

const isActor = (p: ErasedPerson, by: Version['by']) =>
  !!by.aadObjectId && p.aadObjectIds.has(by.aadObjectId.toLowerCase()) && inTenant(p, by.tenantId);

const isLabel = (p: ErasedPerson, label: string | undefined) =>
  !!label && p.labels.has(label.trim().toLowerCase());

/** True when a round file entry names the person. */
export function namesPerson(p: ErasedPerson, person: Person): boolean {
  return 'aadObjectId' in person
    ? p.aadObjectIds.has(person.aadObjectId.toLowerCase())
    : p.emails.has(person.email.toLowerCase());
}

/** Round file entries naming the person, wherever they sit in a value, become the pseudonym. */
function hidePeople(p: ErasedPerson, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => hidePeople(p, v));
  if (!value || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  if (
    keys.length === 1 &&
    typeof o.aadObjectId === 'string' &&
    p.aadObjectIds.has(o.aadObjectId.toLowerCase())
  )
    return { pseudonym: p.pseudonym };
  if (keys.length === 1 && typeof o.email === 'string' && p.emails.has(o.email.toLowerCase()))
    return { pseudonym: p.pseudonym };
  return Object.fromEntries(keys.map((k) => [k, hidePeople(p, o[k])]));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** A version with the person's name, ids and addresses replaced by the pseudonym; or undefined. */
export function eraseInVersion(p: ErasedPerson, v: Version): Version | undefined {
  const by = isActor(p, v.by)
    ? { tenantId: v.by.tenantId, aadObjectId: '', name: p.pseudonym }
    : v.by;
  const changes = { ...v.changes };
  // A removed point's version keeps its author.
  const authorId = changes.authorId?.from;
  if (typeof authorId === 'string' && p.aadObjectIds.has(authorId.toLowerCase())) {
    changes.authorId = { from: null, to: null };
    if (changes.author) changes.author = { from: p.pseudonym, to: changes.author.to };
  }
  // A round's set-up names people in its respondents and coordinators.
  const next = {
    ...v,
    by,
    changes: v.kind === 'round' ? (hidePeople(p, changes) as Version['changes']) : changes,
  };
  return same(next, v) ? undefined : next;
}

/**
 * A measure whose `createdBy` / `updatedBy` is the person's, by its versions when it has
 * them (who created it, who changed it last), else by the label, now saying the pseudonym.
 */
export function eraseInMeasure(
  p: ErasedPerson,
  m: Measure,
  versions: readonly Version[],
): Measure | undefined {
  const sorted = [...versions].sort(inTimeOrder);
  const created = sorted.find((v) => v.action === 'create');
  const last = sorted.at(-1);
  const createdBy = created ? isActor(p, created.by) : isLabel(p, m.createdBy);
  const updatedBy = last ? isActor(p, last.by) : isLabel(p, m.updatedBy);
  if (!createdBy && !updatedBy) return undefined;
  return {
    ...m,
    ...(createdBy ? { createdBy: p.pseudonym } : {}),
    ...(updatedBy ? { updatedBy: p.pseudonym } : {}),
  };
}

/** A response record whose submitter or last changer is the person, now the pseudonym. */
export function eraseInResponse(
  p: ErasedPerson,
  r: Response,
  versions: readonly Version[],
): Response | undefined {
  const last = [...versions].sort(inTimeOrder).at(-1);
  const submitted = r.submittedById
    ? p.aadObjectIds.has(r.submittedById.toLowerCase())
    : isLabel(p, r.submittedBy);
  const updated = last ? isActor(p, last.by) : isLabel(p, r.updatedBy);
  if (!submitted && !updated) return undefined;
  const { submittedById, ...rest } = r;
  return {
    ...rest,
    ...(submitted ? { submittedBy: p.pseudonym } : submittedById ? { submittedById } : {}),
    ...(updated ? { updatedBy: p.pseudonym } : {}),
  };
}

/** A workshop point the person wrote, now by the pseudonym. */
export function eraseInPoint(p: ErasedPerson, point: WorkshopPoint): WorkshopPoint | undefined {
  if (!p.aadObjectIds.has(point.authorId.toLowerCase())) return undefined;
  return { ...point, author: p.pseudonym, authorId: '' };
}

/** A thread the person started, now started by the pseudonym. */
export function eraseInThread(p: ErasedPerson, t: WorkshopThread): WorkshopThread | undefined {
  return isLabel(p, t.startedBy) ? { ...t, startedBy: p.pseudonym } : undefined;
}

/**
 * A saved channel or group-chat reference whose last speaker was the person: the speaker
 * goes (posts to the channel do not need them).
 */
export function eraseInReference<R extends StoredReference>(
  p: ErasedPerson,
  ref: R,
): R | undefined {
  const user = ref.reference.user as { aadObjectId?: unknown } | undefined;
  const theirs =
    typeof user?.aadObjectId === 'string' &&
    p.aadObjectIds.has(user.aadObjectId.toLowerCase()) &&
    inTenant(p, ref.tenantId);
  if (!theirs && !isLabel(p, ref.name)) return undefined;
  const reference = { ...ref.reference };
  if (theirs) delete reference.user;
  const next = { ...ref, reference };
  delete next.name;
  return next;
}

/** The council channel as linked, with the person gone from its reference and `linkedBy`. */
export function eraseInCouncil(p: ErasedPerson, c: CouncilChannel): CouncilChannel | undefined {
  const ref = eraseInReference(p, c.ref);
  const linkedBy = isLabel(p, c.linkedBy);
  if (!ref && !linkedBy) return undefined;
  return { ...c, ref: ref ?? c.ref, linkedBy: linkedBy ? p.pseudonym : c.linkedBy };
}

/** The launch record, with the pseudonym for who launched when it was the person. */
export function eraseInLaunch(p: ErasedPerson, l: LaunchRecord): LaunchRecord | undefined {
  return isLabel(p, l.launchedBy) ? { ...l, launchedBy: p.pseudonym } : undefined;
}

/**
 * The round without the person among its respondents (where they count in the tenant
 * erased) and coordinators, and the roles that went; `undefined` when it names them nowhere.
 */
export function withoutPerson(
  p: ErasedPerson,
  round: Round,
  /** The installation's home tenant, for a round that names none. */
  home: string | undefined = undefined,
): { round: Round; removed: RemovedRole[] } | undefined {
  const removed: RemovedRole[] = [];
  const homeTenant = round.tenantId ?? home;
  const organisations = round.organisations.map((o): Organisation => {
    if (!inTenant(p, respondentTenant(round, o, homeTenant))) return o;
    const respondents = o.respondents.filter((x) => !namesPerson(p, x));
    for (let i = respondents.length; i < o.respondents.length; i++)
      removed.push({ roundId: round.id, role: 'respondent', organisationId: o.id });
    return respondents.length === o.respondents.length ? o : { ...o, respondents };
  });
  const coordinators = inTenant(p, homeTenant)
    ? round.coordinators.filter((x) => !namesPerson(p, x))
    : round.coordinators;
  for (let i = coordinators.length; i < round.coordinators.length; i++)
    removed.push({ roundId: round.id, role: 'coordinator' });
  return removed.length ? { round: { ...round, organisations, coordinators }, removed } : undefined;
}
