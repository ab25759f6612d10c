export {
  type Card,
  type ActionData,
  CARD_VERSION,
  MAX_CARD_BYTES,
  cardBytes,
  execute,
} from './card';
export { Verbs, type Verb, ALL_VERBS, isVerb } from './verbs';
export { COMMAND_WORDS, type Command, parseCommand } from './commands';
export {
  t,
  type Catalog,
  type MessageKey,
  type MessageValues,
  catalogs,
  formatDateTime,
  formatPercent,
  LOCALES,
} from './i18n';
export { helpCard, type HelpView } from './help-card';
export { errorCard, type ErrorCardKind, type ErrorView } from './error-card';
export { userText, truncate } from './text';
export * from './questionnaire';
export * from './council';
export * from './setup';
export * from './record';
