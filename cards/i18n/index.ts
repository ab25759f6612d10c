import { IntlMessageFormat } from 'intl-messageformat';
import type { Lang } from '../../bot/domain/localized-text';
import en from './en.json';
import fi from './fi.json';
import sv from './sv.json';
import { intlFormatters } from '../../bot/lib/intl-cache';
import { LOCALES } from './format';

// The one message catalog of hyte-bot, for cards and the report alike. It lives here because
// cards must stay free of everything outside them, while the report (bot/report) and the
// services may depend on cards: the other way round would point a dependency outward.

/** The Finnish catalog is the reference: every other catalog has exactly its keys. */
export type Catalog = typeof fi;
export const catalogs: Record<Lang, Catalog> = { fi, sv, en };

type Paths<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Paths<T[K], `${P}${K}.`>;
}[keyof T & string];
/** A dotted message key such as `help.title`. */
export type MessageKey = Paths<Catalog>;

/** Values of a message's placeholders; numbers choose plural forms (`{n, plural, …}`). */
export type MessageValues = Record<string, string | number>;

function lookup(catalog: unknown, key: string): string | undefined {
  let node: unknown = catalog;
  for (const part of key.split('.')) {
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  }
  return typeof node === 'string' ? node : undefined;
}

/** Parsing an ICU message is the costly part and cards render on every action: once each. */
const compiled = new Map<string, IntlMessageFormat>();

function message(lang: Lang, key: string): IntlMessageFormat {
  const id = `${lang}|${key}`;
  let m = compiled.get(id);
  if (!m) {
    const own = lookup(catalogs[lang], key);
    const source = own ?? lookup(catalogs.fi, key) ?? key;
    // `ignoreTag`: `<` in a message is text, never markup; plurals follow the language the
    // message is written in, so a Finnish fallback keeps Finnish forms.
    m = new IntlMessageFormat(source, LOCALES[own === undefined ? 'fi' : lang], undefined, {
      ignoreTag: true,
      formatters: intlFormatters,
    });
    compiled.set(id, m);
  }
  return m;
}

/**
 * The ICU message `key` in `lang` (Finnish where `lang` lacks it) with `values` filled in.
 * A placeholder without a value throws: a missing value is a bug, not something to show.
 */
export function t(lang: Lang, key: MessageKey, values: MessageValues = {}): string {
  return String(message(lang, key).format(values));
}

export { type DateStyle, LOCALES, calendarDay, formatDateTime, formatPercent } from './format';
