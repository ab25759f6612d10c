import { addLocalDays, fromLocal, localParts } from './zoned-time';
import type { Round, Weekday } from './round';

const DAY_INDEX: Record<Weekday, number> = {
  sun: 0,
  mon: 1,
  tue: 2,
  wed: 3,
  thu: 4,
  fri: 5,
  sat: 6,
};

/** A reminder time of a round: its offset (the slot id) and when it falls. */
export interface ReminderSlot {
  slot: string;
  at: Date;
}

export interface DueReminder extends ReminderSlot {
  /** Organisations that have not submitted and have not had this slot yet. */
  organisationIds: string[];
}

/** `P7D`, `PT4H`, `P1DT2H30M` → days and milliseconds. */
export function parseOffset(duration: string): { days: number; ms: number } {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(duration);
  if (!m) throw new Error(`not a supported ISO 8601 duration: ${duration}`);
  return {
    days: Number(m[1] ?? 0),
    ms: (Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0)) * 60_000,
  };
}

const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** True when `instant` falls inside the round's sending window (always, without one). */
export function inWindow(round: Round, instant: Date, timeZone: string): boolean {
  const w = round.reminders.window;
  if (!w) return true;
  const p = localParts(instant, timeZone);
  const t = p.hour * 60 + p.minute;
  return (
    w.days.some((d) => DAY_INDEX[d] === p.weekday) && t >= minutes(w.from) && t < minutes(w.to)
  );
}

/** The first instant at or after `instant` inside the window. */
export function nextWindowOpening(round: Round, instant: Date, timeZone: string): Date {
  const w = round.reminders.window;
  if (!w || inWindow(round, instant, timeZone)) return instant;
  const from = minutes(w.from);
  for (let day = 0; day <= 7; day++) {
    const base = addLocalDays(instant, day, timeZone);
    const p = localParts(base, timeZone);
    const opening = fromLocal(
      { year: p.year, month: p.month, day: p.day, hour: Math.floor(from / 60), minute: from % 60 },
      timeZone,
    );
    if (opening >= instant && inWindow(round, opening, timeZone)) return opening;
  }
  return instant; // a window with no opening within a week cannot happen (days.min(1))
}

/**
 * When each of the round's reminders falls: `before` the deadline (calendar days keep the
 * wall-clock time across daylight-saving changes), moved to the next window opening, and
 * dropped when that is not before the deadline.
 */
export function reminderSlots(round: Round, timeZone: string): ReminderSlot[] {
  const deadline = new Date(round.deadline);
  return round.reminders.before
    .map((slot) => {
      const { days, ms } = parseOffset(slot);
      const raw = new Date(addLocalDays(deadline, -days, timeZone).getTime() - ms);
      return { slot, at: nextWindowOpening(round, raw, timeZone) };
    })
    .filter((s) => s.at < deadline)
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * The reminders due now: only the latest slot that has fallen (a slot missed while the
 * service was down is not sent in a burst with the next), only inside the window, never
 * after the deadline, and only to organisations that have not submitted and have not had
 * that slot. Pure: storage decides nothing here.
 */
export function dueReminders(
  round: Round,
  now: Date,
  state: {
    timeZone: string;
    submitted: ReadonlySet<string>;
    /** Slots each organisation has already been reminded with. */
    sent: ReadonlyMap<string, ReadonlySet<string>>;
  },
): DueReminder[] {
  if (now >= new Date(round.deadline)) return [];
  if (!inWindow(round, now, state.timeZone)) return [];
  const fallen = reminderSlots(round, state.timeZone).filter((s) => s.at <= now);
  const latest = fallen[fallen.length - 1];
  if (!latest) return [];
  const organisationIds = round.organisations
    .map((o) => o.id)
    .filter((id) => !state.submitted.has(id) && !state.sent.get(id)?.has(latest.slot));
  return organisationIds.length ? [{ ...latest, organisationIds }] : [];
}
