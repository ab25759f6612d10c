import { type CarryPlan, checkPreviousRound, planCarryOver } from '../domain/answers/carry-over';
import { type Clock, type OrganisationSheet, type Stores, systemClock } from '../domain/ports';
import { carryVersion } from '../domain/audit/changes';
import type { VersionActor } from '../domain/audit/version';
import type { Round } from '../domain/round';
import { mapBounded } from '../lib/map-bounded';
import { writeResponse } from '../questionnaire';
import { changeRound } from './round-change';

/** Copies written at once while carrying: enough to hide round trips, few enough to be polite. */
const CARRY_CONCURRENCY = 8;

/** Who changes a round when no person in Teams does: the server's own sample rounds. */
export const SYSTEM_ACTOR: VersionActor = { tenantId: '', aadObjectId: '', name: 'hyte-bot' };

/** The operator running the CLI, by their login on the machine it runs on. */
export function operatorActor(login: string): VersionActor {
  return { tenantId: '', aadObjectId: '', name: `hyte CLI (${login})`.slice(0, 200) };
}

/** What carrying last round's measures did: the plan, and how many copies are new now. */
export type CarryResult = Omit<CarryPlan, 'copies' | 'organisations'> & {
  /** Per organisation: measures of last round copied (`measures`), and newly stored (`carried`). */
  organisations: Array<{ id: string; name: string; measures: number; carried: number }>;
  carried: number;
};

export interface ImportResult {
  round: Round;
  /** True when a round with this id was stored before (a re-import). */
  existed: boolean;
  /** Present when the round names a previousRound. */
  carry?: CarryResult;
}

/**
 * Stores a round and, when it names a `previousRound`, carries every organisation's measures
 * of that round into it. A `previousRound` that is not stored, is the round itself or leads
 * back to it is a ValidationError at `previousRound`, and nothing is stored. Each copy is
 * stored once ever, so a re-import (or two imports at once) copies nothing twice; the
 * previous round is only read. The definition is written with the version of what the
 * import changed, by `by`.
 */
export async function importRound(
  stores: Stores,
  round: Round,
  clock: Clock = systemClock,
  by: VersionActor = SYSTEM_ACTOR,
): Promise<ImportResult> {
  const all = new Map((await stores.rounds.list()).map((r) => [r.id, r]));
  checkPreviousRound(round, all);
  const existed = all.has(round.id);
  await changeRound(stores.rounds, round.id, () => round, by, clock);
  const previous = round.previousRound ? all.get(round.previousRound) : undefined;
  if (!previous) return { round, existed };
  return { round, existed, carry: await carryMeasures(stores, previous, round, by, clock) };
}

/**
 * Copies `previous`'s measures into `round` (only those of `organisationIds` when given):
 * each copy stored once ever, with the version that says `by` carried it, so running it again
 * copies nothing twice.
 */
export async function carryMeasures(
  stores: Pick<Stores, 'responses'>,
  previous: Round,
  round: Round,
  by: VersionActor,
  clock: Clock = systemClock,
  organisationIds?: ReadonlySet<string>,
): Promise<CarryResult> {
  const ids = previous.organisations
    .map((o) => o.id)
    .filter((id) => !organisationIds || organisationIds.has(id));
  const sheets: ReadonlyMap<string, OrganisationSheet> = ids.length
    ? await stores.responses.listSheets(previous.id, ids)
    : new Map();
  const measures = new Map([...sheets].map(([id, s]) => [id, s.measures.map((m) => m.value)]));
  const { copies, organisations, ...plan } = planCarryOver(previous, round, measures, clock.now());
  const fresh = new Map<string, number>();
  const now = clock.now();
  await mapBounded(copies, CARRY_CONCURRENCY, async (copy) => {
    const ids = { roundId: round.id, organisationId: copy.organisationId };
    const version = carryVersion(ids, copy.measure, by, now);
    if (await stores.responses.carryMeasure(round.id, copy.organisationId, copy.measure, version))
      fresh.set(copy.organisationId, (fresh.get(copy.organisationId) ?? 0) + 1);
  });
  // Carried measures go in without the response record, whose ETag versions the sheet: it is
  // written again as it is, so a sheet a bot instance keeps (RecentSheets) goes stale with it.
  await mapBounded([...fresh.keys()], CARRY_CONCURRENCY, (organisationId) =>
    writeResponse(stores.responses, { roundId: round.id, organisationId }, (r) =>
      r ? { response: r, versions: [] } : undefined,
    ),
  );
  const perOrganisation = organisations.map((o) => ({ ...o, carried: fresh.get(o.id) ?? 0 }));
  return {
    ...plan,
    organisations: perOrganisation,
    carried: perOrganisation.reduce((n, o) => n + o.carried, 0),
  };
}
