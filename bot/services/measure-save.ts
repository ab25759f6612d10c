import { isDomainError } from '../domain/errors';
import { parseForm } from '../domain/form-input';
import { MeasureFields, type Measure } from '../domain/measure';
import type { Versioned } from '../domain/ports';
import type { MeasureSaveData } from '../domain/questionnaire-data';
import { actorLabel, afterChange } from '../domain/response-lifecycle';
import { type Card, MEASURE_INPUTS, measureFormCard } from '../../cards';
import { goalToChange } from './measure-actions';
import type { ResolvedDeps } from './questionnaire-deps';
import { goalFor } from './questionnaire-views';
import { type Session, loadSheet, sortedSheet } from './respondent-session';
import { writeResponse } from './response-writer';

function sameFields(a: MeasureFields, b: MeasureFields): boolean {
  return MEASURE_INPUTS.every((f) => JSON.stringify(a[f]) === JSON.stringify(b[f]));
}

/**
 * `measure.save`: create (no ETag) or update (ETag from the form). A redelivered or
 * double-clicked save of the same content succeeds once; a save over someone else's newer
 * version, or a deleted one, shows the conflict form with both versions.
 */
export async function saveMeasure(
  deps: ResolvedDeps,
  s: Session,
  d: MeasureSaveData,
  raw: unknown,
): Promise<Card> {
  const goal = goalToChange(s, d.goalId);
  const form = parseForm(MeasureFields, raw);
  const formCard = (extra: { etag?: string; conflict?: { stored?: Versioned<Measure> } }) =>
    measureFormCard({
      ...s.view,
      goal,
      measureId: d.measureId,
      isNew: !d.etag,
      values: form.values,
      issues: form.ok ? [] : form.issues,
      page: d.page,
      ...extra,
    });
  if (!form.ok) return formCard({ etag: d.etag });
  const known = new Set(s.view.round.organisations.map((o) => o.id));
  const fields = { ...form.value, partners: form.value.partners.filter((p) => known.has(p)) };
  const now = deps.clock.now().toISOString();
  const by = actorLabel(s.actor);
  const { roundId, organisationId } = s.ids;
  const settled = async (): Promise<Card | undefined> => {
    const fresh = (await loadSheet(deps, s)).measures.find((m) => m.value.id === d.measureId);
    if (fresh && fresh.value.goalId === goal.id && sameFields(fresh.value, fields))
      return undefined;
    return formCard({ etag: fresh?.etag, conflict: { stored: fresh } });
  };

  if (!d.etag) {
    const measure: Measure = {
      ...fields,
      id: d.measureId,
      goalId: goal.id,
      createdAt: now,
      createdBy: by,
      updatedAt: now,
      updatedBy: by,
    };
    try {
      await deps.responses.createMeasure(roundId, organisationId, measure);
    } catch (e) {
      if (!isDomainError(e, 'AlreadyExists')) throw e;
      const conflict = await settled();
      if (conflict) return conflict;
    }
  } else {
    const current = (await loadSheet(deps, s)).measures.find((m) => m.value.id === d.measureId);
    if (!current) return formCard({ etag: undefined, conflict: {} });
    const measure: Measure = { ...current.value, ...fields, updatedAt: now, updatedBy: by };
    try {
      await deps.responses.updateMeasure(roundId, organisationId, measure, d.etag);
    } catch (e) {
      if (!isDomainError(e, 'Conflict')) throw e;
      const conflict = await settled();
      if (conflict) return conflict;
    }
  }
  const { sheet } = await writeResponse(deps.responses, s.ids, (current) =>
    afterChange(current, s.ids, s.actor, deps.clock.now()),
  );
  return goalFor(s, goal, sortedSheet(sheet), { flash: 'measureSaved', focus: d.measureId });
}
