export {
  FROM_SCRATCH,
  newRoundCard,
  settingsCard,
  type NewRoundView,
  type SettingsFormView,
} from './setup-settings-card';
export { setupGoalCard, type SetupGoalView } from './setup-goal-card';
export { setupOrganisationCard, type SetupOrganisationView } from './setup-organisation-card';
export {
  setupRoundCard,
  type RoundCardView,
  type RoundFlash,
  SETUP_ORGANISATIONS_PER_PAGE,
  SETUP_GOALS_PER_PAGE,
} from './setup-round-card';
export {
  contactsPreviewCard,
  contactsHowToCard,
  rowIssueText,
  changeWords,
  type ContactsPreviewView,
} from './setup-contacts-card';
export { fileRefusedCard, notOrganiserCard, launchGapsCard } from './setup-notices';
export { problemText } from './setup-parts';
