import type { ErrorAnswer, OwnCardAnswer } from '../bot/domain/errors';
import type { Lang } from '../bot/domain/localized-text';
import { type Card, execute } from './card';
import { type MessageKey, t } from './i18n';
import { expand } from './render';
import template from './templates/message.json';
import { Verbs } from './verbs';

/** The answers drawn as an error card; the others have cards of their own. */
export type ErrorCardKind =
  Exclude<ErrorAnswer, OwnCardAnswer> | 'measureLimitGoal' | 'measureLimitOrganisation';

export interface ErrorView {
  lang: Lang;
  kind: ErrorCardKind;
  /** Extra, already localized explanation (never raw user input or stack traces). */
  detail?: string;
  /** Values for the message's `{name}` placeholders (numbers, never user input). */
  params?: Record<string, number>;
}

const TITLES: Partial<Record<ErrorCardKind, MessageKey>> = { closed: 'questionnaire.deadline' };
const TEXTS: Partial<Record<ErrorCardKind, MessageKey>> = { closed: 'questionnaire.flash.closed' };

/** A polite error in the user's language; says whether anything was lost (never). */
export function errorCard({ lang, kind, detail, params }: ErrorView): Card {
  const warning = kind === 'notAllowed' || kind === 'tenant' || kind === 'closed';
  return expand(template, {
    style: warning ? 'warning' : 'attention',
    symbol: kind === 'closed' ? '' : '⚠️',
    title: t(lang, TITLES[kind] ?? 'error.title'),
    text: t(lang, TEXTS[kind] ?? `error.${kind as Exclude<ErrorCardKind, 'closed'>}`, params),
    detail: detail ? t(lang, 'error.detail', { detail }) : '',
    actions: kind === 'tenant' ? [] : [execute(t(lang, 'help.open'), Verbs.questionnaireOpen)],
  });
}
