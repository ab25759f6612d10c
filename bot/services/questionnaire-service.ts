import type { z } from 'zod';
import type { AuthenticatedUser } from '../domain/identity';
import {
  GoalData,
  MeasureRefData,
  MeasureSaveData,
  NavData,
  OrganisationSaveData,
  PageData,
} from '../domain/questionnaire-data';
import { type Card, Verbs, errorCard } from '../../cards';
import { type QuestionnaireDeps, type ResolvedDeps, withDefaults } from './questionnaire-deps';
import { questionnaireErrorCard } from './questionnaire-errors';
import { addMeasure, deleteMeasure, editMeasure, openGoal } from './measure-actions';
import { saveMeasure } from './measure-save';
import { openOrganisation, saveOrganisation } from './organisation-actions';
import { type Session, chooseLang, isSession, openSession } from './respondent-session';
import { openOverview, openReview, submitResponse } from './response-actions';

/** Answers one card action of the authenticated user with the next card. */
export type QuestionnaireHandler = (user: AuthenticatedUser, data: unknown) => Promise<Card>;

export const QUESTIONNAIRE_VERBS = [
  Verbs.questionnaireOpen,
  Verbs.goalOpen,
  Verbs.measureAdd,
  Verbs.measureEdit,
  Verbs.measureSave,
  Verbs.measureDelete,
  Verbs.organisationOpen,
  Verbs.organisationSave,
  Verbs.responseReview,
  Verbs.responseSubmit,
] as const;
export type QuestionnaireVerb = (typeof QUESTIONNAIRE_VERBS)[number];

export interface QuestionnaireService {
  /** One handler per respondent verb; card data is parsed here, identity is `user`. */
  verbs: Record<QuestionnaireVerb, QuestionnaireHandler>;
  /** The `start` / `aloita` command: the overview of the user's current pre-assignment. */
  start(user: AuthenticatedUser): Promise<Card>;
}

type UseCase<D> = (deps: ResolvedDeps, s: Session, data: D, raw: unknown) => Promise<Card>;

/** Parses the verb's data, resolves the user, runs the use case, maps expected errors. */
function handler<S extends z.ZodType<NavData>>(
  deps: ResolvedDeps,
  schema: S,
  run: UseCase<z.infer<S>>,
  options: { withOthers?: boolean } = {},
): QuestionnaireHandler {
  return async (user, data) => {
    const raw: unknown = data ?? {};
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return errorCard({ lang: chooseLang(user), kind: 'invalid' });
    const nav = { roundId: parsed.data.roundId, organisationId: parsed.data.organisationId };
    const session = await openSession(deps, user, nav, options);
    if (!isSession(session)) return session;
    try {
      return await run(deps, session, parsed.data, raw);
    } catch (e) {
      const card = questionnaireErrorCard(session.view.lang, e);
      if (card) return card;
      throw e;
    }
  };
}

/** The respondent questionnaire over the stores: plain TypeScript, no Teams types. */
export function createQuestionnaireService(options: QuestionnaireDeps): QuestionnaireService {
  const deps = withDefaults(options);
  const open = handler(deps, PageData, openOverview, { withOthers: true });
  return {
    verbs: {
      [Verbs.questionnaireOpen]: open,
      [Verbs.goalOpen]: handler(deps, GoalData, openGoal),
      [Verbs.measureAdd]: handler(deps, GoalData, addMeasure),
      [Verbs.measureEdit]: handler(deps, MeasureRefData, editMeasure),
      [Verbs.measureSave]: handler(deps, MeasureSaveData, saveMeasure),
      [Verbs.measureDelete]: handler(deps, MeasureRefData, deleteMeasure),
      [Verbs.organisationOpen]: handler(deps, NavData, openOrganisation),
      [Verbs.organisationSave]: handler(deps, OrganisationSaveData, saveOrganisation),
      [Verbs.responseReview]: handler(deps, PageData, openReview),
      [Verbs.responseSubmit]: handler(deps, NavData, submitResponse),
    },
    start: (user) => open(user, {}),
  };
}
