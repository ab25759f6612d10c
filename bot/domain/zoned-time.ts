import { intlFormatters } from '../lib/intl-cache';

/** Wall-clock parts of an instant in an IANA time zone. */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  return intlFormatters.getDateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    weekday: 'short',
  });
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function localParts(instant: Date, timeZone: string): LocalParts {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS.indexOf(String(parts.weekday)),
  };
}

/**
 * The instant when the wall clock in `timeZone` shows the given local time. A time skipped by
 * a spring-forward change maps to the same wall time after the change; a repeated autumn hour
 * maps to its first occurrence.
 */
export function fromLocal(
  local: Pick<LocalParts, 'year' | 'month' | 'day' | 'hour' | 'minute'>,
  timeZone: string,
): Date {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const shown = (t: number) => {
    const p = localParts(new Date(t), timeZone);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  };
  // The zone's offsets a day before and after: a change within the day is one of them.
  const before = wall - (shown(wall - 86_400_000) - (wall - 86_400_000));
  const after = wall - (shown(wall + 86_400_000) - (wall + 86_400_000));
  const matching = [before, after].filter((t) => shown(t) === wall).sort((a, b) => a - b);
  return new Date(matching[0] ?? before);
}

/** `days` calendar days later (negative: earlier) at the same wall-clock time. */
export function addLocalDays(instant: Date, days: number, timeZone: string): Date {
  const p = localParts(instant, timeZone);
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + days));
  return fromLocal(
    {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: p.hour,
      minute: p.minute,
    },
    timeZone,
  );
}
