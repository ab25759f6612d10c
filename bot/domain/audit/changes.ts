import { MEASURE_FIELDS } from '../answers/measure-fields';
import type { Measure } from '../answers/measure';
import { OrganisationAnswers } from '../answers/organisation-answers';
import type { Response } from '../answers/response';
import { changedAfterSubmit } from '../answers/response-lifecycle';
import type { Round } from '../round';
import type { WorkshopPoint } from '../workshop-records';
import type { FieldChange, Version, VersionActor } from './version';

type Changes = Record<string, FieldChange>;
type Fields = Readonly<Record<string, unknown>>;
type SheetIds = { roundId: string; organisationId: string };

/** Empty text, an empty list and absence are one thing: `null` ("not there"). */
function normal(value: unknown): unknown {
  if (value === undefined || value === null || value === '') return null;
  if (Array.isArray(value) && value.length === 0) return null;
  return value;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Each of `fields` whose value differs between `before` and `after`, as from → to. */
export function fieldChanges(
  before: Fields | undefined,
  after: Fields | undefined,
  fields: readonly string[],
  prefix = '',
): Changes {
  const out: Changes = {};
  for (const f of fields) {
    const from = normal(before?.[f]);
    const to = normal(after?.[f]);
    if (!same(from, to)) out[prefix + f] = { from, to };
  }
  return out;
}

const actionOf = (before: unknown, after: unknown) =>
  before === undefined ? 'create' : after === undefined ? 'delete' : 'update';

/** The content fields of a measure: what people typed, not who or when. */
export const MEASURE_VERSION_FIELDS: readonly string[] = MEASURE_FIELDS.map((f) => f.id);

/**
 * A measure created, edited or deleted: every content field that changed; a delete keeps the
 * last values (`to` null), a create the first ones.
 */
export function measureVersion(
  ids: SheetIds,
  before: Measure | undefined,
  after: Measure | undefined,
  by: VersionActor,
  at: Date,
): Version {
  const measure = after ?? before;
  if (!measure) throw new Error('measureVersion: neither a before nor an after');
  return {
    at: at.toISOString(),
    by,
    kind: 'measure',
    ...ids,
    goalId: measure.goalId,
    measureId: measure.id,
    action: actionOf(before, after),
    changes: fieldChanges(before, after, MEASURE_VERSION_FIELDS),
  };
}

/**
 * A measure carried from the previous round by an import: its values as carried, and where
 * they came from (`carriedFrom`; that round's history tells who wrote them).
 */
export function carryVersion(ids: SheetIds, measure: Measure, by: VersionActor, at: Date): Version {
  const version = measureVersion(ids, undefined, measure, by, at);
  return {
    ...version,
    changes: { ...version.changes, carriedFrom: { from: null, to: measure.carriedFrom ?? null } },
  };
}

/** The organisation's answers saved: each answer that changed. */
export function answersVersion(
  ids: SheetIds,
  before: OrganisationAnswers | undefined,
  after: OrganisationAnswers,
  by: VersionActor,
  at: Date,
): Version {
  return {
    at: at.toISOString(),
    by,
    kind: 'organisation',
    ...ids,
    action: before === undefined ? 'create' : 'update',
    changes: fieldChanges(before, after, Object.keys(OrganisationAnswers.shape)),
  };
}

/** A response submitted (again): its state and submission time. */
export function submitVersion(
  ids: SheetIds,
  before: Response | undefined,
  after: Response,
  by: VersionActor,
  at: Date,
): Version {
  return {
    at: at.toISOString(),
    by,
    kind: 'response',
    ...ids,
    action: 'submit',
    changes: fieldChanges(before, after, ['state', 'submittedAt']),
  };
}

/**
 * The versions a change of a sheet leaves: its own, preceded by a `reopen` when it is the
 * first change since the answer was submitted (which then has to be submitted again).
 */
export function sheetVersions(before: Response | undefined, own: Version): Version[] {
  if (before?.state !== 'submitted' || changedAfterSubmit(before)) return [own];
  const { at, by, roundId, organisationId } = own;
  const reopen: Version = {
    at,
    by,
    kind: 'response',
    roundId,
    organisationId,
    action: 'reopen',
    changes: {},
  };
  return [reopen, own];
}

/** A workshop point added (its text) or removed (its last values, author included). */
export function pointVersion(
  point: WorkshopPoint,
  action: 'create' | 'delete',
  by: VersionActor,
  at: Date,
): Version {
  const fields = action === 'create' ? ['text'] : ['text', 'author', 'authorId', 'via', 'at'];
  return {
    at: at.toISOString(),
    by,
    kind: 'point',
    roundId: point.roundId,
    goalId: point.goalId,
    seq: point.seq,
    action,
    changes:
      action === 'create'
        ? fieldChanges(undefined, point, fields)
        : fieldChanges(point, undefined, fields),
  };
}

/** Lists of items with ids, compared item by item (`goals.<id>`), with their order apart. */
function listChanges<T extends { id: string }>(
  name: string,
  before: readonly T[],
  after: readonly T[],
  perField: boolean,
): Changes {
  const out: Changes = {};
  const old = new Map(before.map((x) => [x.id, x]));
  const now = new Map(after.map((x) => [x.id, x]));
  for (const [id, x] of old) if (!now.has(id)) out[`${name}.${id}`] = { from: x, to: null };
  for (const [id, x] of now) {
    const was = old.get(id);
    if (!was) out[`${name}.${id}`] = { from: null, to: x };
    else if (perField) {
      const keys = [...new Set([...Object.keys(was), ...Object.keys(x)])];
      Object.assign(out, fieldChanges(was, x, keys, `${name}.${id}.`));
    } else if (!same(was, x)) out[`${name}.${id}`] = { from: was, to: x };
  }
  const kept = (list: readonly T[], other: Map<string, T>) =>
    list.map((x) => x.id).filter((id) => other.has(id));
  const from = kept(before, now);
  const to = kept(after, old);
  if (!same(from, to)) out[`${name}Order`] = { from, to };
  return out;
}

/**
 * A round's set-up changed (or created): each top-level setting, each goal, and each field
 * of each organisation that differs, named by its path in the round file.
 */
export function roundVersion(
  before: Round | undefined,
  after: Round | undefined,
  by: VersionActor,
  at: Date,
): Version {
  const round = after ?? before;
  if (!round) throw new Error('roundVersion: neither a before nor an after');
  const settings = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter(
    (k) => k !== 'goals' && k !== 'organisations',
  );
  return {
    at: at.toISOString(),
    by,
    kind: 'round',
    roundId: round.id,
    action: actionOf(before, after),
    changes: {
      ...fieldChanges(before, after, settings),
      ...listChanges('goals', before?.goals ?? [], after?.goals ?? [], false),
      ...listChanges(
        'organisations',
        before?.organisations ?? [],
        after?.organisations ?? [],
        true,
      ),
    },
  };
}

/** Where versions of one instant stand: a reopen before the change that reopened, a submit last. */
const ACTION_RANK: Record<Version['action'], number> = {
  reopen: 0,
  create: 1,
  update: 1,
  delete: 1,
  submit: 2,
};

/** Oldest first; within an instant a reopen first and a submit last. */
export function inTimeOrder(a: Version, b: Version): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return ACTION_RANK[a.action] - ACTION_RANK[b.action];
}
