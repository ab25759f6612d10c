import type { Lang } from '../../bot/domain/localized-text';
import type { SetupIssue } from '../../bot/domain/setup/setup-issues';
import { type ActionData, type Card, execute } from '../card';
import { type MessageKey, t } from '../i18n';
import { expand } from '../render';
import { Verbs } from '../verbs';
import frame from './templates/setup-frame.json';

/** The message under a refused field or cell, in the user's language. */
export function problemText(lang: Lang, issue: Omit<SetupIssue, 'field'>): string {
  return t(lang, `setup.problem.${issue.problem}` as MessageKey, {
    entries: (issue.entries ?? []).slice(0, 5).join(', '),
    max: issue.max ?? 0,
  });
}

/** A plain TextBlock of catalog text (never for what people typed: see userText). */
export function line(
  text: string,
  options: {
    weight?: 'bolder';
    isSubtle?: boolean;
    size?: 'small';
    color?: 'attention' | 'good' | 'warning';
    separator?: boolean;
  } = {},
): Card {
  return { type: 'TextBlock', text, wrap: true, ...options };
}

/** A heading of a card section. */
export const heading = (text: string): Card => ({
  type: 'TextBlock',
  text,
  weight: 'bolder',
  size: 'medium',
  wrap: true,
  spacing: 'large',
  separator: true,
});

export interface FrameView {
  lang: Lang;
  title: string;
  subtitle?: string;
  style?: 'default' | 'emphasis' | 'good' | 'warning' | 'attention' | 'accent';
  flash?: { text: string; style: 'good' | 'warning' | 'attention' };
  formError?: string;
  items: Card[];
  actions?: Card[];
  pager?: Card[];
  pageLabel?: string;
}

/** The frame of every set-up card: heading, a message on top, body, pager, buttons. */
export function frameCard(view: FrameView): Card {
  return expand(frame, {
    appName: t(view.lang, 'app.tagline'),
    fallback: view.subtitle ? `${view.title}: ${view.subtitle}` : view.title,
    title: view.title,
    subtitle: view.subtitle ?? '',
    style: view.style ?? 'emphasis',
    flash: view.flash?.text ?? '',
    flashStyle: view.flash?.style ?? 'good',
    formError: view.formError ?? '',
    items: view.items.length ? view.items : [line(' ')],
    actions: view.actions ?? [],
    pager: view.pager ?? [],
    pageLabel: view.pageLabel ?? '',
  });
}

/** Previous / next buttons re-opening the round card at another page, and "page 2/3". */
export function pagerButtons(
  lang: Lang,
  page: { page: number; pages: number },
  data: (page: number) => ActionData,
): { buttons: Card[]; label: string } {
  if (page.pages <= 1) return { buttons: [], label: '' };
  const go = (p: number, key: 'questionnaire.previous' | 'questionnaire.next') =>
    execute(t(lang, key), Verbs.roundEdit, data(p), { associatedInputs: 'none' });
  return {
    buttons: [
      ...(page.page > 0 ? [go(page.page - 1, 'questionnaire.previous')] : []),
      ...(page.page < page.pages - 1 ? [go(page.page + 1, 'questionnaire.next')] : []),
    ],
    label: t(lang, 'questionnaire.pageOf', { page: page.page + 1, pages: page.pages }),
  };
}
