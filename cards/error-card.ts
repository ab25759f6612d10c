import type { Lang } from '../bot/domain/localized-text';
import { type Card, execute } from './card';
import { t } from './i18n';
import { expand } from './render';
import template from './templates/message.json';
import { Verbs } from './verbs';

export type ErrorCardKind =
  | 'generic'
  | 'unavailable'
  | 'notAllowed'
  | 'tenant'
  | 'invalid'
  | 'tooLarge'
  | 'unknownVerb'
  | 'measureLimitGoal'
  | 'measureLimitOrganisation';

export interface ErrorView {
  lang: Lang;
  kind: ErrorCardKind;
  /** Extra, already localized explanation (never raw user input or stack traces). */
  detail?: string;
  /** Values for the message's `{name}` placeholders (numbers, never user input). */
  params?: Record<string, number>;
}

/** A polite error in the user's language; says whether anything was lost (never). */
export function errorCard({ lang, kind, detail, params }: ErrorView): Card {
  return expand(template, {
    style: kind === 'notAllowed' || kind === 'tenant' ? 'warning' : 'attention',
    symbol: '⚠️',
    title: t(lang, 'error.title'),
    text: t(lang, `error.${kind}`, params),
    detail: detail ? t(lang, 'error.detail', { detail }) : '',
    actions: kind === 'tenant' ? [] : [execute(t(lang, 'help.open'), Verbs.questionnaireOpen)],
  });
}
