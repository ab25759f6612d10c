import type { Lang } from '../../bot/domain/localized-text';
import { calendarDay, t } from '../i18n';

/** Calendar days from `now` to `deadline` in `timeZone` (0 = today, negative = passed). */
export function daysLeft(now: Date, deadline: Date, timeZone: string): number {
  return calendarDay(deadline, timeZone) - calendarDay(now, timeZone);
}

/** "3 days left" / "due today" / "closed", in the user's language. */
export function timeLeftText(lang: Lang, now: Date, closesAt: Date, timeZone: string): string {
  if (now.getTime() >= closesAt.getTime()) return t(lang, 'questionnaire.closed');
  const days = daysLeft(now, closesAt, timeZone);
  if (days <= 0) return t(lang, 'questionnaire.dueToday');
  return t(lang, 'questionnaire.daysLeft', { days });
}
