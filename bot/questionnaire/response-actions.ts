import type { NavData, PageData } from '../domain/answers/questionnaire-data';
import { afterSubmit } from '../domain/answers/response-lifecycle';
import { reviewSheet } from '../domain/answers/review';
import { submitVersion } from '../domain/audit/changes';
import { type Card, reviewCard, submittedCard } from '../../cards';
import type { ResolvedDeps } from './questionnaire-deps';
import { overviewFor } from './questionnaire-views';
import { type Session, loadSheet, requireOpen } from './respondent-session';
import { writeResponse } from './response-writer';

/** `questionnaire.open` (and the `start` command): the overview. */
export async function openOverview(deps: ResolvedDeps, s: Session, d: PageData): Promise<Card> {
  return overviewFor(s, await loadSheet(deps, s), { page: d.page });
}

/** `response.review`: everything by goal with the gaps named. */
export async function openReview(deps: ResolvedDeps, s: Session, d: PageData): Promise<Card> {
  const sheet = await loadSheet(deps, s);
  return reviewCard({
    ...s.view,
    review: reviewSheet(
      s.view.round,
      sheet.measures.map((m) => m.value),
      sheet.response?.value.answers,
    ),
    response: sheet.response?.value,
    page: d.page,
  });
}

/** `response.submit`: records who submitted and when (from the activity), then confirms. */
export async function submitResponse(deps: ResolvedDeps, s: Session, _d: NavData): Promise<Card> {
  requireOpen(s);
  const { written } = await writeResponse(
    deps.responses,
    s.ids,
    (current) => {
      const now = deps.clock.now();
      const response = afterSubmit(current, s.ids, s.actor, now);
      return { response, versions: [submitVersion(s.ids, current, response, s.actor, now)] };
    },
    deps.recentSheets,
  );
  const response = written?.value ?? afterSubmit(undefined, s.ids, s.actor, deps.clock.now());
  return submittedCard({ ...s.view, response });
}
