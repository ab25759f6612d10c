import type { Lang } from '../../bot/domain/localized-text';
import { type ActionData, type Card, execute } from '../card';
import { t } from '../i18n';
import type { Verb } from '../verbs';

/** One page of a list: the items shown, and where they sit in the whole. */
export interface Page<T> {
  items: T[];
  page: number;
  pages: number;
  from: number;
  to: number;
}

/** The `page`-th slice of `size` items (out-of-range pages show the last one). */
export function pageOf<T>(all: readonly T[], page: number, size: number): Page<T> {
  const pages = Math.max(1, Math.ceil(all.length / size));
  const p = Math.min(Math.max(0, page), pages - 1);
  const items = all.slice(p * size, (p + 1) * size);
  return { items, page: p, pages, from: p * size + 1, to: p * size + items.length };
}

/** "Page 2/3" and previous/next buttons that re-run `verb` with another `page`. */
export function pagerData(
  lang: Lang,
  page: Pick<Page<unknown>, 'page' | 'pages'>,
  verb: Verb,
  data: ActionData,
): { pageLabel: string; pager: Card[] } {
  if (page.pages <= 1) return { pageLabel: '', pager: [] };
  const pager: Card[] = [];
  const go = (p: number, key: 'questionnaire.previous' | 'questionnaire.next') =>
    pager.push(execute(t(lang, key), verb, { ...data, page: p }, { associatedInputs: 'none' }));
  if (page.page > 0) go(page.page - 1, 'questionnaire.previous');
  if (page.page < page.pages - 1) go(page.page + 1, 'questionnaire.next');
  return {
    pageLabel: t(lang, 'questionnaire.pageOf', { page: page.page + 1, pages: page.pages }),
    pager,
  };
}
