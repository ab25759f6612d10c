import type { Lang } from '../../bot/domain/localized-text';
import { t } from '../i18n';

/** The Intl locale each language formats dates with (Finnish and Swedish as used in Finland). */
const LOCALES: Record<Lang, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/** A date and time in `timeZone`, written the way a reader of `lang` expects. */
export function formatDateTime(
  lang: Lang,
  instant: string | Date,
  timeZone: string,
  style: 'full' | 'medium' = 'medium',
): string {
  return dateFormat(
    `${lang}|${timeZone}|${style}`,
    () =>
      new Intl.DateTimeFormat(LOCALES[lang], { timeZone, dateStyle: style, timeStyle: 'short' }),
  ).format(new Date(instant));
}

/** Building an Intl.DateTimeFormat costs far more than using one: keep them. */
const formats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = formats.get(key);
  if (!f) formats.set(key, (f = make()));
  return f;
}

function calendarDay(instant: Date, timeZone: string): number {
  const [y, m, d] = dateFormat(
    `day|${timeZone}`,
    () =>
      new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }),
  )
    .format(instant)
    .split('-')
    .map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / 86_400_000;
}

/** Calendar days from `now` to `deadline` in `timeZone` (0 = today, negative = passed). */
export function daysLeft(now: Date, deadline: Date, timeZone: string): number {
  return calendarDay(deadline, timeZone) - calendarDay(now, timeZone);
}

/** "3 days left" / "due today" / "closed", in the user's language. */
export function timeLeftText(lang: Lang, now: Date, closesAt: Date, timeZone: string): string {
  if (now.getTime() >= closesAt.getTime()) return t(lang, 'questionnaire.closed');
  const days = daysLeft(now, closesAt, timeZone);
  if (days <= 0) return t(lang, 'questionnaire.dueToday');
  if (days === 1) return t(lang, 'questionnaire.daysLeftOne');
  return t(lang, 'questionnaire.daysLeftMany', { days });
}
