import { createHash } from 'node:crypto';
import { ValidationError } from '../errors';
import type { Measure } from './measure';
import type { Round } from '../round';

/** `createdBy`/`updatedBy` of a copy nobody has saved since: told apart from people's edits. */
export const CARRIED_BY = '(previous round)';

/**
 * The id of the copy of `measureId` from `fromRoundId`. Derived from the origin, so every
 * import (also two at once) names the same copy and create-if-absent stores it once.
 */
export function carriedMeasureId(fromRoundId: string, measureId: string): string {
  const hash = createHash('sha256').update(`${fromRoundId}\n${measureId}`).digest('base64url');
  return `c-${hash.slice(0, 30)}`;
}

/** A carried measure nobody has saved in this round yet: not an answer of this round. */
export function isUntouchedCarry(m: Measure): boolean {
  return !!m.carriedFrom && m.updatedBy === CARRIED_BY && m.updatedAt === m.createdAt;
}

/** One measure to copy into the new round. */
export interface CarryCopy {
  organisationId: string;
  measure: Measure;
}

export interface CarryPlan {
  fromRoundId: string;
  copies: CarryCopy[];
  /** Organisations of the new round that had measures last round, with how many are copied. */
  organisations: Array<{ id: string; name: string; measures: number }>;
  /** Last round's organisations this round no longer has: their measures stay behind. */
  missingOrganisations: Array<{ id: string; name: string; measures: number }>;
  /** Copies whose goal this round no longer has: still carried, for the review to list. */
  orphans: Array<{ organisationId: string; measureId: string; goalId: string }>;
  /** Measures marked dropped last round end there: nothing is left to follow up. */
  dropped: Array<{ organisationId: string; measureId: string }>;
}

/**
 * What carrying `previous`'s measures into `next` copies: each organisation's measures under
 * the same goal id, with last round's values and the origin, progress left for this round.
 * Pure and deterministic: the same input plans the same copies with the same ids.
 */
export function planCarryOver(
  previous: Round,
  next: Round,
  measuresByOrganisation: ReadonlyMap<string, readonly Measure[]>,
  now: Date,
): CarryPlan {
  const inNext = new Set(next.organisations.map((o) => o.id));
  const goals = new Set(next.goals.map((g) => g.id));
  // A millisecond apart, in last round's order: sheets list measures by creation.
  const at = (i: number) => new Date(now.getTime() + i).toISOString();
  const plan: CarryPlan = {
    fromRoundId: previous.id,
    copies: [],
    organisations: [],
    missingOrganisations: [],
    orphans: [],
    dropped: [],
  };
  for (const org of previous.organisations) {
    const measures = [...(measuresByOrganisation.get(org.id) ?? [])].sort(
      (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
    );
    if (!inNext.has(org.id)) {
      plan.missingOrganisations.push({ id: org.id, name: org.name, measures: measures.length });
      continue;
    }
    let copied = 0;
    for (const origin of measures) {
      if (origin.progress === 'dropped') {
        plan.dropped.push({ organisationId: org.id, measureId: origin.id });
        continue;
      }
      // Progress is this round's to give; the origin is last round, not wherever it came from.
      const measure: Measure = {
        ...origin,
        id: carriedMeasureId(previous.id, origin.id),
        carriedFrom: { roundId: previous.id, measureId: origin.id },
        createdAt: at(copied),
        createdBy: CARRIED_BY,
        updatedAt: at(copied),
        updatedBy: CARRIED_BY,
      };
      delete measure.progress;
      delete measure.progressNote;
      plan.copies.push({ organisationId: org.id, measure });
      if (!goals.has(origin.goalId))
        plan.orphans.push({ organisationId: org.id, measureId: measure.id, goalId: origin.goalId });
      copied++;
    }
    if (copied) plan.organisations.push({ id: org.id, name: org.name, measures: copied });
  }
  return plan;
}

/**
 * Refuses a `previousRound` that is not stored or that leads back to `round` through the
 * earlier rounds' `previousRound`. `stored` holds every round in storage by id.
 */
export function checkPreviousRound(round: Round, stored: ReadonlyMap<string, Round>): void {
  if (!round.previousRound) return;
  const fail = (message: string) => {
    throw new ValidationError([{ path: 'previousRound', message }]);
  };
  if (round.previousRound === round.id) fail('must not be the round itself');
  const chain = [round.id];
  for (let id: string | undefined = round.previousRound; id; id = stored.get(id)?.previousRound) {
    if (chain.includes(id)) fail(`forms a cycle: ${[...chain, id].join(' → ')}`);
    if (!stored.has(id)) {
      if (id === round.previousRound) fail(`round "${id}" is not stored: import it first`);
      return; // an earlier round deleted since: the chain ends there
    }
    chain.push(id);
  }
}
