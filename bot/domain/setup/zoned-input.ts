import { fromLocal, localParts } from '../zoned-time';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(:\d{2})?$/;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD` as an Input.Date gives it: the parts, or undefined for anything else. */
export function readDate(text: string): { year: number; month: number; day: number } | undefined {
  const m = DATE.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  const real = d.getUTCFullYear() === year && d.getUTCMonth() === month - 1;
  return real && d.getUTCDate() === day && year >= 2000 && year <= 2100
    ? { year, month, day }
    : undefined;
}

/** `HH:mm` (Input.Time; some clients add seconds): the parts, or undefined. */
export function readTime(text: string): { hour: number; minute: number } | undefined {
  const m = TIME.exec(text.trim());
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : undefined;
}

/** The offset of `timeZone` at `instant`, as `+03:00`. */
function offsetOf(instant: Date, timeZone: string): string {
  const p = localParts(instant, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  const minutes = Math.round((wall - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * The instant a date and a wall-clock time in `timeZone` name, written as round files write
 * it: `2026-09-08T16:00:00+03:00`.
 */
export function zonedInstant(
  date: { year: number; month: number; day: number },
  time: { hour: number; minute: number },
  timeZone: string,
): string {
  const instant = fromLocal({ ...date, ...time }, timeZone);
  const p = localParts(instant, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:00${offsetOf(instant, timeZone)}`;
}

/** An instant as an Input.Date and an Input.Time show it in `timeZone`. */
export function dateAndTime(instant: string, timeZone: string): { date: string; time: string } {
  const p = localParts(new Date(instant), timeZone);
  return {
    date: `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`,
    time: `${pad(p.hour)}:${pad(p.minute)}`,
  };
}
