import type { z } from 'zod';
import { answeredIn } from '../domain/errors';
import {
  GoalData,
  MeasureRefData,
  MeasureSaveData,
  NavData,
  OrganisationSaveData,
  PageData,
} from '../domain/answers/questionnaire-data';
import { type Card, Verbs } from '../../cards';
import { type QuestionnaireDeps, type ResolvedDeps, withDefaults } from './questionnaire-deps';
import { addMeasure, deleteMeasure, editMeasure, openGoal } from './measure-actions';
import { saveMeasure } from './measure-save';
import { openOrganisation, saveOrganisation } from './organisation-actions';
import { type Session, openSession } from './respondent-session';
import { openOverview, openReview, submitResponse } from './response-actions';
import { type Handler, route } from '../lib/route';

export { writeResponse } from './response-writer';

/** Answers one respondent card action with the next card; refusals are thrown. */
type RespondentHandler = Handler<Card>;

export type QuestionnaireVerb =
  | typeof Verbs.questionnaireOpen
  | typeof Verbs.goalOpen
  | typeof Verbs.measureAdd
  | typeof Verbs.measureEdit
  | typeof Verbs.measureSave
  | typeof Verbs.measureDelete
  | typeof Verbs.organisationOpen
  | typeof Verbs.organisationSave
  | typeof Verbs.responseReview
  | typeof Verbs.responseSubmit;

export interface QuestionnaireService {
  /** One handler per respondent verb; card data is parsed here, identity is `user`. */
  verbs: Record<QuestionnaireVerb, RespondentHandler>;
  /** `start` / `aloita`: the overview of the user's current pre-assignment. */
  commands: { start: RespondentHandler };
}

type UseCase<D> = (deps: ResolvedDeps, s: Session, data: D, raw: unknown) => Promise<Card>;

/**
 * A route for a respondent: after parsing, the user's session in the round the card names;
 * whatever the use case refuses is answered in the session's language.
 */
function respondent<S extends z.ZodType<NavData>>(
  deps: ResolvedDeps,
  schema: S,
  run: UseCase<z.output<S>>,
  options: { withOthers?: boolean } = {},
): RespondentHandler {
  return route(schema, async ({ user, data, raw }) => {
    const nav = { roundId: data.roundId, organisationId: data.organisationId };
    const session = await openSession(deps, user, nav, options);
    try {
      return await run(deps, session, data, raw);
    } catch (e) {
      throw answeredIn(e, session.view.lang);
    }
  });
}

/** The respondent questionnaire over the stores: plain TypeScript, no Teams types. */
export function createQuestionnaireService(options: QuestionnaireDeps): QuestionnaireService {
  const deps = withDefaults(options);
  const open = respondent(deps, PageData, openOverview, { withOthers: true });
  return {
    verbs: {
      [Verbs.questionnaireOpen]: open,
      [Verbs.goalOpen]: respondent(deps, GoalData, openGoal),
      [Verbs.measureAdd]: respondent(deps, GoalData, addMeasure),
      [Verbs.measureEdit]: respondent(deps, MeasureRefData, editMeasure),
      [Verbs.measureSave]: respondent(deps, MeasureSaveData, saveMeasure),
      [Verbs.measureDelete]: respondent(deps, MeasureRefData, deleteMeasure),
      [Verbs.organisationOpen]: respondent(deps, NavData, openOrganisation),
      [Verbs.organisationSave]: respondent(deps, OrganisationSaveData, saveOrganisation),
      [Verbs.responseReview]: respondent(deps, PageData, openReview),
      [Verbs.responseSubmit]: respondent(deps, NavData, submitResponse),
    },
    commands: { start: (user, _data, origin) => open(user, {}, origin) },
  };
}
