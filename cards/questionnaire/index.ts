export { type SheetView, type Flash, planYear } from './sheet-view';
export { daysLeft, timeLeftText } from './time-left';
export { overviewCard, type OverviewView, OVERVIEW_GOALS_PER_PAGE } from './overview-card';
export { goalCard, type GoalView, GOAL_MEASURES_PER_PAGE } from './goal-card';
export {
  measureFormCard,
  measureValues,
  type MeasureFormView,
  MEASURE_INPUTS,
} from './measure-form-card';
export {
  organisationFormCard,
  answerValues,
  type OrganisationFormView,
  ORGANISATION_INPUTS,
} from './organisation-form-card';
export { reviewCard, type ReviewView, REVIEW_LINES_PER_PAGE } from './review-card';
export { submittedCard, type SubmittedView } from './submitted-card';
export { deleteConfirmCard, type DeleteConfirmView } from './delete-confirm-card';
export { notRespondentCard, foreignCard } from './notice-cards';
