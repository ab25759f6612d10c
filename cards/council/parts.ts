import type { Lang } from '../../bot/domain/localized-text';
import { type Card } from '../card';
import { t } from '../i18n';
import { expand } from '../render';
import template from './templates/panel.json';

/** A plain TextBlock for catalog text (never for text typed by users: see userText). */
export function line(
  text: string,
  options: {
    weight?: 'bolder';
    isSubtle?: boolean;
    size?: 'small' | 'medium';
    color?: 'attention' | 'warning' | 'good';
    separator?: boolean;
  } = {},
): Card {
  return { type: 'TextBlock', text, wrap: true, ...options };
}

export interface PanelView {
  lang: Lang;
  title: string;
  subtitle?: string;
  style?: 'default' | 'emphasis' | 'good' | 'warning' | 'attention' | 'accent';
  items: Card[];
  actions?: Card[];
  pager?: Card[];
  pageLabel?: string;
}

/** The frame every coordinator and council card shares: heading, body, pager, buttons. */
export function panel(view: PanelView): Card {
  return expand(template, {
    appName: t(view.lang, 'app.tagline'),
    title: view.title,
    subtitle: view.subtitle ?? '',
    style: view.style ?? 'emphasis',
    items: view.items.length ? view.items : [line(' ')],
    actions: view.actions ?? [],
    pager: view.pager ?? [],
    pageLabel: view.pageLabel ?? '',
  });
}

/** "1 toimenpide" / "3 toimenpidettä": counts with the right form in each language. */
export function count(lang: Lang, what: 'measures' | 'organisations', n: number): string {
  return t(lang, `count.${what}`, { count: n });
}

/** A row of content with one button on its right (a goal, a round). */
export function rowWithButton(items: Card[], action: Card): Card {
  return {
    type: 'ColumnSet',
    separator: true,
    columns: [
      { type: 'Column', width: 'stretch', items },
      {
        type: 'Column',
        width: 'auto',
        verticalContentAlignment: 'center',
        items: [{ type: 'ActionSet', actions: [action] }],
      },
    ],
  };
}
