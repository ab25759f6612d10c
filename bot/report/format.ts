import type { Lang } from '../domain/localized-text';
import { reportStrings } from './strings';

/** Reports show times as people in the region read them. */
export const REPORT_TIME_ZONE = 'Europe/Helsinki';

const dateTimes = new Map<Lang, Intl.DateTimeFormat>();
const percents = new Map<Lang, Intl.NumberFormat>();
const plurals = new Map<Lang, Intl.PluralRules>();

/** An ISO instant as a short local date and time, e.g. fi `16.9.2025 klo 9.00`. */
export function formatDateTime(iso: string, lang: Lang): string {
  let f = dateTimes.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(reportStrings[lang].locale, {
      timeZone: REPORT_TIME_ZONE,
      day: 'numeric',
      month: 'numeric',
      year: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    });
    dateTimes.set(lang, f);
  }
  return f.format(new Date(iso));
}

/** A 0–1 rate as a whole percentage in the reader's style, e.g. fi `50 %`. */
export function formatPercent(rate: number, lang: Lang): string {
  let f = percents.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(reportStrings[lang].locale, {
      style: 'percent',
      maximumFractionDigits: 0,
    });
    percents.set(lang, f);
  }
  return f.format(rate);
}

/** Fills `{name}` placeholders of a catalog template. */
export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** At most `max` characters (code points, so emoji stay whole), with an ellipsis if cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** A count with its noun in the right form, e.g. fi `1 toimenpide`, `3 toimenpidettä`. */
export function plural(forms: { one: string; other: string }, count: number, lang: Lang): string {
  let rules = plurals.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(reportStrings[lang].locale);
    plurals.set(lang, rules);
  }
  return fill(rules.select(count) === 'one' ? forms.one : forms.other, { count });
}

/** `A → B: 2 measures`, a line of the cooperation map. */
export function linkText(lang: Lang, from: string, to: string, measures: number): string {
  const s = reportStrings[lang];
  return fill(s.linkLine, { from, to, measures: plural(s.count.measures, measures, lang) });
}

/** `3 measures, 2 organisations` under a goal. */
export function goalSummary(lang: Lang, measures: number, organisations: number): string {
  const s = reportStrings[lang];
  return `${plural(s.count.measures, measures, lang)}, ${plural(s.count.organisations, organisations, lang)}`;
}
