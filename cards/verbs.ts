/** Card action verbs (public names, listed in the README); shared by card builders and the routes. */
export const Verbs = {
  questionnaireOpen: 'questionnaire.open',
  goalOpen: 'goal.open',
  measureAdd: 'measure.add',
  measureEdit: 'measure.edit',
  measureSave: 'measure.save',
  measureDelete: 'measure.delete',
  organisationOpen: 'organisation.open',
  organisationSave: 'organisation.save',
  responseReview: 'response.review',
  responseSubmit: 'response.submit',
  roundLaunch: 'round.launch',
  roundStatus: 'round.status',
  roundRemind: 'round.remind',
  roundSummary: 'round.summary',
  workshopNote: 'workshop.note',
  workshopRemove: 'workshop.remove',
  roundCreate: 'round.create',
  roundEdit: 'round.edit',
  roundSettingsSave: 'round.settings.save',
  roundGoalSave: 'round.goal.save',
  roundGoalDelete: 'round.goal.delete',
  roundOrganisationSave: 'round.organisation.save',
  roundOrganisationDelete: 'round.organisation.delete',
  roundContactsApply: 'round.contacts.apply',
  measureHistory: 'measure.history',
} as const;
export type Verb = (typeof Verbs)[keyof typeof Verbs];

export const ALL_VERBS: readonly Verb[] = Object.values(Verbs);

export function isVerb(value: unknown): value is Verb {
  return typeof value === 'string' && (ALL_VERBS as readonly string[]).includes(value);
}
