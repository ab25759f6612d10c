import { isUntouchedCarry } from '../answers/carry-over';
import type { OrganisationSheet } from '../ports';

/** What a round's answers hold on to: organisations and goals that are answered in it. */
export interface Answered {
  organisations: Set<string>;
  /** Goal id → organisations with a measure under it. */
  goals: Map<string, Set<string>>;
}

/**
 * Organisations that have answered in this round (a saved measure, organisation answers,
 * a draft or a submission) and the goals their measures are under. Measures carried from
 * the previous round that nobody has saved this year are not answers.
 */
export function answeredIn(sheets: ReadonlyMap<string, OrganisationSheet>): Answered {
  const out: Answered = { organisations: new Set(), goals: new Map() };
  for (const [organisationId, sheet] of sheets) {
    const response = sheet.response?.value;
    const measures = sheet.measures.filter((m) => !isUntouchedCarry(m.value));
    if (
      measures.length ||
      response?.answers ||
      response?.state === 'draft' ||
      response?.state === 'submitted'
    )
      out.organisations.add(organisationId);
    for (const m of measures) {
      const set = out.goals.get(m.value.goalId) ?? new Set<string>();
      set.add(organisationId);
      out.goals.set(m.value.goalId, set);
    }
  }
  return out;
}
