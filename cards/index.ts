export {
  type Card,
  type ActionData,
  CARD_VERSION,
  MAX_CARD_BYTES,
  cardBytes,
  execute,
} from './card';
export { Verbs, type Verb, ALL_VERBS, isVerb } from './verbs';
export {
  t,
  type MessageKey,
  type MessageValues,
  catalogs,
  formatDateTime,
  formatPercent,
} from './i18n';
export { helpCard, type HelpView } from './help-card';
export { errorCard, type ErrorCardKind, type ErrorView } from './error-card';
export { userText, truncate } from './text';
export * from './questionnaire';
export * from './council';
