import { intlFormatters } from '../../bot/lib/intl-cache';
import type { Lang } from '../../bot/domain/localized-text';

/** The Intl locale of each language (Finnish and Swedish as written in Finland). */
export const LOCALES: Record<Lang, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/**
 * How much of a date to write: `numeric` is the compact form of tables and reports
 * (fi `16.9.2025 klo 9.00`), `medium` the cards' usual one, `full` adds the weekday and
 * month name (fi `tiistai 16. syyskuuta 2025 klo 9.00`).
 */
export type DateStyle = 'numeric' | 'medium' | 'full';

function dateOptions(style: DateStyle, timeZone: string): Intl.DateTimeFormatOptions {
  return style === 'numeric'
    ? {
        timeZone,
        day: 'numeric',
        month: 'numeric',
        year: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
      }
    : { timeZone, dateStyle: style, timeStyle: 'short' };
}

/** A date and time as the wall clock in `timeZone` shows it, written for a reader of `lang`. */
export function formatDateTime(
  lang: Lang,
  instant: string | Date,
  timeZone: string,
  style: DateStyle = 'medium',
): string {
  return intlFormatters
    .getDateTimeFormat(LOCALES[lang], dateOptions(style, timeZone))
    .format(new Date(instant));
}

/** A 0–1 rate as a whole percentage in the reader's style (fi `50 %`, en `50%`). */
export function formatPercent(lang: Lang, rate: number): string {
  return intlFormatters
    .getNumberFormat(LOCALES[lang], { style: 'percent', maximumFractionDigits: 0 })
    .format(rate);
}

/** The calendar day `instant` falls on in `timeZone`, as days since 1970-01-01. */
export function calendarDay(instant: Date, timeZone: string): number {
  const [y, m, d] = intlFormatters
    .getDateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(instant)
    .split('-')
    .map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / 86_400_000;
}
