import { type FormIssue, parseForm } from '../domain/answers/form-input';
import { isDomainError } from '../domain/errors';
import { checkMeasureLimits, MeasureFields, type Measure } from '../domain/answers/measure';
import { notCarriedFields } from '../domain/answers/measure-fields';
import type { OrganisationSheet, Versioned } from '../domain/ports';
import type { MeasureSaveData } from '../domain/answers/questionnaire-data';
import { actorLabel, afterChange } from '../domain/answers/response-lifecycle';
import { measureVersion, sheetVersions } from '../domain/audit/changes';
import { type Card, MEASURE_INPUTS, measureFormCard } from '../../cards';
import { goalToChange } from './measure-actions';
import type { ResolvedDeps } from './questionnaire-deps';
import { goalFor } from './questionnaire-views';
import { type Session, loadSheet, sortedSheet } from './respondent-session';
import { changeSheet, type SheetStep } from './response-writer';

function sameFields(a: MeasureFields, b: MeasureFields): boolean {
  return MEASURE_INPUTS.every((f) => JSON.stringify(a[f]) === JSON.stringify(b[f]));
}

/**
 * `measure.save`: create (no ETag) or update (ETag from the form), written with the response
 * record in one transaction. A redelivered or double-clicked save of the same content
 * succeeds once; a save over someone else's newer version, or a deleted one, shows the
 * conflict form with both versions; a save past MEASURE_LIMITS is refused (MeasureLimit).
 */
export async function saveMeasure(
  deps: ResolvedDeps,
  s: Session,
  d: MeasureSaveData,
  raw: unknown,
): Promise<Card> {
  const goal = goalToChange(s, d.goalId);
  const form = parseForm(MeasureFields, raw);
  const formCard = (extra: {
    etag?: string;
    conflict?: { stored?: Versioned<Measure> };
    carried?: boolean;
    issues?: FormIssue[];
    unsaved?: boolean;
  }) =>
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
  try {
    return await save();
  } catch (e) {
    if (!isDomainError(e, 'StorageUnavailable')) throw e;
    // Storage refused the read or the write: what was typed comes back, to be saved again.
    return formCard({ etag: d.etag, carried: wasCarried(deps, s, d, raw), unsaved: true });
  }

  async function save(): Promise<Card> {
    const notCarried = (carried: boolean): FormIssue[] =>
      notCarriedFields(form.values, carried).map((field) => ({ field, problem: 'notCarried' }));
    if (!form.ok) {
      // Only on this error path: whether the measure was carried decides which inputs return.
      const stored = d.etag
        ? (await loadSheet(deps, s)).measures.find((m) => m.value.id === d.measureId)
        : undefined;
      const carried = !!stored?.value.carriedFrom;
      const more = notCarried(carried).filter((i) => !form.issues.some((x) => x.field === i.field));
      return formCard({ etag: d.etag, carried, issues: [...form.issues, ...more] });
    }
    if (!d.etag && notCarried(false).length)
      return formCard({ etag: d.etag, issues: notCarried(false) });
    const known = new Set(s.view.round.organisations.map((o) => o.id));
    const fields = { ...form.value, partners: form.value.partners.filter((p) => known.has(p)) };
    const by = actorLabel(s.actor);
    const saved = (sheet: OrganisationSheet) =>
      goalFor(s, goal, sortedSheet(sheet), { flash: 'measureSaved', focus: d.measureId });
    const conflict = (sheet: OrganisationSheet) => {
      const stored = sheet.measures.find((m) => m.value.id === d.measureId);
      // A new measure that lost twice to colleagues' saves conflicts with nothing of its own:
      // the form again, as typed, saves it with one more press.
      if (!stored && !d.etag) return formCard({});
      return formCard({
        etag: stored?.etag,
        conflict: { stored },
        carried: !!stored?.value.carriedFrom,
      });
    };

    const step = (sheet: OrganisationSheet): SheetStep<Card> => {
      const stored = sheet.measures.find((m) => m.value.id === d.measureId);
      // What this form asks for is already stored (a redelivery, or the other writer agreed).
      const settled = stored && stored.value.goalId === goal.id && sameFields(stored.value, fields);
      if (stored && stored.etag !== d.etag)
        return { answer: settled ? saved(sheet) : conflict(sheet) };
      if (!stored && d.etag) return { answer: formCard({ etag: undefined, conflict: {} }) };
      const refused = notCarried(!!stored?.value.carriedFrom);
      if (refused.length) return { answer: formCard({ etag: d.etag, issues: refused }) };
      // Read per attempt: a retry writes after the save it lost to, and so must its times.
      const now = deps.clock.now();
      let measure: Measure;
      if (stored) {
        measure = { ...stored.value, ...fields, updatedAt: now.toISOString(), updatedBy: by };
      } else {
        checkMeasureLimits(
          sheet.measures.map((m) => m.value),
          goal.id,
        );
        const at = now.toISOString();
        const base = { id: d.measureId, goalId: goal.id, createdAt: at, createdBy: by };
        measure = { ...fields, ...base, updatedAt: at, updatedBy: by };
      }
      const response = afterChange(sheet.response?.value, s.ids, s.actor, now);
      const write = stored
        ? { kind: 'replace' as const, measure, etag: stored.etag }
        : { kind: 'create' as const, measure };
      // Made from the sheet this attempt read: a retry records what it changes, not the loser's.
      const version = measureVersion(s.ids, stored?.value, measure, s.actor, now);
      const versions = sheetVersions(sheet.response?.value, version);
      return {
        write: { measure: write, response, responseEtag: sheet.response?.etag, versions },
        then: saved,
      };
    };
    return changeSheet(deps.responses, s.ids, step, conflict, deps.recentSheets);
  }
}

/**
 * Whether the form being saved asked for a carried measure's progress, told without storage:
 * from the sheet this instance saw last, else from the inputs only a carried form has.
 */
function wasCarried(deps: ResolvedDeps, s: Session, d: MeasureSaveData, raw: unknown): boolean {
  const seen = deps.recentSheets.get(s.ids)?.measures.find((m) => m.value.id === d.measureId);
  if (seen) return !!seen.value.carriedFrom;
  return typeof raw === 'object' && raw !== null && ('progress' in raw || 'progressNote' in raw);
}
