import { DomainError } from '../domain/errors';
import type { Measure } from '../domain/answers/measure';
import type { OrganisationSheet, Versioned } from '../domain/ports';
import type { GoalData, MeasureRefData } from '../domain/answers/questionnaire-data';
import { afterChange } from '../domain/answers/response-lifecycle';
import { measureVersion, sheetVersions } from '../domain/audit/changes';
import type { Goal } from '../domain/round';
import { type Card, deleteConfirmCard, measureFormCard, measureValues } from '../../cards';
import type { ResolvedDeps } from './questionnaire-deps';
import { goalFor } from './questionnaire-views';
import { type Session, loadSheet, requireOpen, sortedSheet } from './respondent-session';
import { changeSheet, type SheetStep } from './response-writer';

/** The round's goal named by card data (a stale card may name one since removed). */
export function requireGoal(session: Session, goalId: string): Goal {
  const goal = session.view.round.goals.find((g) => g.id === goalId);
  if (!goal) throw new DomainError('NotFound', { what: `goal ${goalId}` });
  return goal;
}

/** The goal a change is made under: named by the card, while answers are still open. */
export function goalToChange(session: Session, goalId: string): Goal {
  const goal = requireGoal(session, goalId);
  requireOpen(session);
  return goal;
}

/** `goal.open`. */
export async function openGoal(deps: ResolvedDeps, s: Session, d: GoalData): Promise<Card> {
  return goalFor(s, requireGoal(s, d.goalId), await loadSheet(deps, s), { page: d.page });
}

/** `measure.add`: an empty form whose id is fixed now, so repeated saves never duplicate. */
export async function addMeasure(deps: ResolvedDeps, s: Session, d: GoalData): Promise<Card> {
  const goal = goalToChange(s, d.goalId);
  return measureFormCard({
    ...s.view,
    goal,
    measureId: deps.newId(),
    isNew: true,
    values: {},
    issues: [],
    page: d.page,
  });
}

/** `measure.edit`: the stored version and its ETag. */
export async function editMeasure(
  deps: ResolvedDeps,
  s: Session,
  d: MeasureRefData,
): Promise<Card> {
  const goal = goalToChange(s, d.goalId);
  const sheet = await loadSheet(deps, s);
  const stored = sheet.measures.find((m) => m.value.id === d.measureId);
  if (!stored) return goalFor(s, goal, sheet, { flash: 'notFound', page: d.page });
  return measureFormCard({
    ...s.view,
    goal,
    measureId: stored.value.id,
    etag: stored.etag,
    isNew: false,
    carried: !!stored.value.carriedFrom,
    values: measureValues(stored.value),
    issues: [],
    page: d.page,
  });
}

/** `measure.delete`: asks first; the confirmation carries the ETag of the version shown. */
export async function deleteMeasure(
  deps: ResolvedDeps,
  s: Session,
  d: MeasureRefData,
): Promise<Card> {
  const goal = goalToChange(s, d.goalId);
  const confirmCard = (measure: Versioned<Measure>, changed: boolean) =>
    deleteConfirmCard({ ...s.view, goal, measure, page: d.page, changed });
  if (!d.confirm) {
    const sheet = await loadSheet(deps, s);
    const stored = sheet.measures.find((m) => m.value.id === d.measureId);
    if (!stored) return goalFor(s, goal, sheet, { flash: 'alreadyDeleted', page: d.page });
    return confirmCard(stored, false);
  }
  // One read, one transaction: the measure goes only if it is still the version confirmed.
  const answer = (sheet: OrganisationSheet) => {
    const fresh = sheet.measures.find((m) => m.value.id === d.measureId);
    if (!fresh)
      return goalFor(s, goal, sortedSheet(sheet), { flash: 'alreadyDeleted', page: d.page });
    return confirmCard(fresh, true);
  };
  return changeSheet(
    deps.responses,
    s.ids,
    (sheet): SheetStep<Card> => {
      const stored = sheet.measures.find((m) => m.value.id === d.measureId);
      if (!stored || (d.etag !== undefined && stored.etag !== d.etag))
        return { answer: answer(sheet) };
      const now = deps.clock.now();
      // The version keeps the measure's last values: the history still shows what it said.
      const version = measureVersion(s.ids, stored.value, undefined, s.actor, now);
      return {
        write: {
          measure: { kind: 'delete', measureId: d.measureId },
          response: afterChange(sheet.response?.value, s.ids, s.actor, now),
          responseEtag: sheet.response?.etag,
          versions: sheetVersions(sheet.response?.value, version),
        },
        then: (after) =>
          goalFor(s, goal, sortedSheet(after), { flash: 'measureDeleted', page: d.page }),
      };
    },
    answer,
    deps.recentSheets,
  );
}
