import { parseForm } from '../domain/answers/form-input';
import { isDomainError } from '../domain/errors';
import { OrganisationAnswers } from '../domain/answers/organisation-answers';
import type { NavData, OrganisationSaveData } from '../domain/answers/questionnaire-data';
import type { Response } from '../domain/answers/response';
import { afterChange, answersDigest } from '../domain/answers/response-lifecycle';
import { answersVersion, sheetVersions } from '../domain/audit/changes';
import { type Card, answerValues, organisationFormCard } from '../../cards';
import type { ResolvedDeps } from './questionnaire-deps';
import { overviewFor } from './questionnaire-views';
import { type Session, loadSheet, requireOpen, sortedSheet } from './respondent-session';
import { writeResponse } from './response-writer';

/** `organisation.open`: the organisation-level questions with the stored answers. */
export async function openOrganisation(deps: ResolvedDeps, s: Session, _d: NavData): Promise<Card> {
  const answers = (await loadSheet(deps, s)).response?.value.answers;
  return organisationFormCard({
    ...s.view,
    values: answerValues(answers),
    issues: [],
    base: answersDigest(answers),
  });
}

/**
 * `organisation.save`. The form carries a digest of the answers it showed; if someone else
 * saved different answers since, the user sees both instead of overwriting them.
 */
export async function saveOrganisation(
  deps: ResolvedDeps,
  s: Session,
  d: OrganisationSaveData,
  raw: unknown,
): Promise<Card> {
  requireOpen(s);
  const form = parseForm(OrganisationAnswers, raw);
  const base = d.base ?? answersDigest(undefined);
  if (!form.ok) {
    return organisationFormCard({ ...s.view, values: form.values, issues: form.issues, base });
  }
  const mine = answersDigest(form.value);
  let seen: Response | undefined;
  let result: Awaited<ReturnType<typeof writeResponse>>;
  try {
    result = await writeResponse(
      deps.responses,
      s.ids,
      (current) => {
        const stored = answersDigest(current?.answers);
        if (stored !== base && stored !== mine) {
          seen = current;
          return undefined;
        }
        const now = deps.clock.now();
        const version = answersVersion(s.ids, current?.answers, form.value, s.actor, now);
        return {
          response: afterChange(current, s.ids, s.actor, now, form.value),
          versions: sheetVersions(current, version),
        };
      },
      deps.recentSheets,
    );
  } catch (e) {
    if (!isDomainError(e, 'StorageUnavailable')) throw e;
    // Storage refused the read or the write: what was typed comes back, to be saved again.
    return organisationFormCard({
      ...s.view,
      values: form.values,
      issues: [],
      base,
      unsaved: true,
    });
  }
  const { sheet, written } = result;
  if (!written) {
    return organisationFormCard({
      ...s.view,
      values: form.values,
      issues: [],
      base: answersDigest(seen?.answers),
      conflict: {
        answers: seen?.answers,
        by: seen?.updatedBy ?? '',
        at: seen?.updatedAt ?? deps.clock.now().toISOString(),
      },
    });
  }
  return overviewFor(s, sortedSheet(sheet), { flash: 'answersSaved' });
}
