import assert from 'node:assert/strict';
import { dueReminders, inWindow, parseOffset, reminderSlots } from '../../bot/domain/reminder-plan';
import type { RoundInput } from '../../bot/domain/round';
import { addLocalDays, fromLocal } from '../../bot/domain/zoned-time';
import { fixtureRound } from '../helpers/questionnaire-fixtures';

const TZ = 'Europe/Helsinki';
const window = { from: '08:00', to: '16:00', days: ['mon', 'tue', 'wed', 'thu', 'fri'] as const };

function round(over: Partial<RoundInput> = {}) {
  return fixtureRound({
    deadline: '2025-09-09T16:00:00+03:00',
    meetingAt: '2025-09-16T09:00:00+03:00',
    reminders: { before: ['P7D', 'P2D', 'PT4H'], window: { ...window, days: [...window.days] } },
    ...over,
  });
}

const iso = (d: Date) => d.toISOString();
const none = { timeZone: TZ, submitted: new Set<string>(), sent: new Map<string, Set<string>>() };

describe('reminder planner', () => {
  it('parses the offsets of the round file', () => {
    assert.deepEqual(parseOffset('P7D'), { days: 7, ms: 0 });
    assert.deepEqual(parseOffset('PT4H'), { days: 0, ms: 4 * 3_600_000 });
    assert.deepEqual(parseOffset('P1DT2H30M'), { days: 1, ms: 9_000_000 });
    assert.throws(() => parseOffset('P1W'));
  });

  it('places slots before the deadline and moves those outside the window to its next opening', () => {
    const slots = reminderSlots(round(), TZ).map((s) => [s.slot, iso(s.at)]);
    assert.deepEqual(slots, [
      // Tue 2.9. 16:00 is the window's end → Wed 3.9. 08:00
      ['P7D', '2025-09-03T05:00:00.000Z'],
      // Sun 7.9. 16:00 → Mon 8.9. 08:00
      ['P2D', '2025-09-08T05:00:00.000Z'],
      ['PT4H', '2025-09-09T09:00:00.000Z'],
    ]);
  });

  it('keeps the wall-clock time across the spring daylight-saving change', () => {
    const r = round({
      deadline: '2025-03-31T12:00:00+03:00',
      meetingAt: '2025-04-01T12:00:00+03:00',
      reminders: { before: ['P2D', 'PT24H'] },
    });
    const slots = Object.fromEntries(reminderSlots(r, TZ).map((s) => [s.slot, iso(s.at)]));
    assert.equal(slots.P2D, '2025-03-29T10:00:00.000Z'); // Sat 12:00 EET (+02)
    assert.equal(slots.PT24H, '2025-03-30T09:00:00.000Z'); // exactly 24 h: 12:00 EEST
  });

  it('keeps the wall-clock time across the autumn daylight-saving change', () => {
    const r = round({
      deadline: '2025-10-27T12:00:00+02:00',
      meetingAt: '2025-10-28T12:00:00+02:00',
      reminders: { before: ['P2D'], window: { ...window, days: ['sat', 'sun', 'mon'] } },
    });
    assert.deepEqual(
      reminderSlots(r, TZ).map((s) => iso(s.at)),
      ['2025-10-25T09:00:00.000Z'], // Sat 12:00 EEST (+03)
    );
  });

  it('maps local times skipped or repeated by daylight saving predictably', () => {
    // 03:30 does not exist on 30.3.2025; 03:30 exists twice on 26.10.2025.
    assert.equal(
      iso(fromLocal({ year: 2025, month: 3, day: 30, hour: 3, minute: 30 }, TZ)),
      '2025-03-30T01:30:00.000Z',
    );
    assert.equal(
      iso(fromLocal({ year: 2025, month: 10, day: 26, hour: 3, minute: 30 }, TZ)),
      '2025-10-26T00:30:00.000Z',
    );
    assert.equal(
      iso(addLocalDays(new Date('2025-10-25T09:00:00Z'), 1, TZ)),
      '2025-10-26T10:00:00.000Z',
    );
  });

  it('drops a slot whose next window opening is not before the deadline', () => {
    const r = round({
      deadline: '2025-09-08T07:00:00+03:00', // Monday 07:00, before the window opens
      reminders: { before: ['PT2H', 'P3D'], window: { ...window, days: [...window.days] } },
    });
    assert.deepEqual(
      reminderSlots(r, TZ).map((s) => [s.slot, iso(s.at)]),
      [['P3D', '2025-09-05T05:00:00.000Z']], // Fri 5.9. 07:00 → 08:00
    );
  });

  it('sends only the latest fallen slot after an outage, not a burst', () => {
    const now = new Date('2025-09-08T07:00:00Z'); // Mon 10:00, after P7D and P2D fell
    const due = dueReminders(round(), now, none);
    assert.equal(due.length, 1);
    assert.equal(due[0]?.slot, 'P2D');
    assert.deepEqual(due[0]?.organisationIds, ['kuopio', 'larsmo', 'pshva', 'mtr']);
  });

  it('skips organisations that submitted or already had the slot', () => {
    const now = new Date('2025-09-08T07:00:00Z');
    const due = dueReminders(round(), now, {
      timeZone: TZ,
      submitted: new Set(['kuopio']),
      sent: new Map([
        ['larsmo', new Set(['P2D'])],
        ['mtr', new Set(['P7D'])],
      ]),
    });
    assert.deepEqual(due[0]?.organisationIds, ['pshva', 'mtr']);
    const all = new Map(['kuopio', 'larsmo', 'pshva', 'mtr'].map((id) => [id, new Set(['P2D'])]));
    assert.deepEqual(dueReminders(round(), now, { ...none, sent: all }), []);
  });

  it('sends nothing at night, at weekends, before the first slot or after the deadline', () => {
    const r = round();
    assert.deepEqual(dueReminders(r, new Date('2025-09-08T20:00:00Z'), none), []); // Mon 23:00
    assert.deepEqual(dueReminders(r, new Date('2025-09-06T09:00:00Z'), none), []); // Saturday
    assert.deepEqual(dueReminders(r, new Date('2025-09-01T09:00:00Z'), none), []); // too early
    assert.deepEqual(dueReminders(r, new Date('2025-09-09T13:00:00Z'), none), []); // 16:00 deadline
    assert.equal(dueReminders(r, new Date('2025-09-09T12:59:00Z'), none)[0]?.slot, 'PT4H');
  });

  it('knows the window edges in Helsinki time', () => {
    const r = round();
    assert.equal(inWindow(r, new Date('2025-09-08T05:00:00Z'), TZ), true); // 08:00
    assert.equal(inWindow(r, new Date('2025-09-08T04:59:00Z'), TZ), false);
    assert.equal(inWindow(r, new Date('2025-09-08T13:00:00Z'), TZ), false); // 16:00
    assert.equal(
      inWindow(round({ reminders: { before: [] } }), new Date('2025-09-07T01:00:00Z'), TZ),
      true,
    );
  });
});
