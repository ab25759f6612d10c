import assert from 'node:assert/strict';
import { readSettings, settingsValues } from '../../../bot/domain/setup/settings-form';
import { readGoal, readOrganisation } from '../../../bot/domain/setup/setup-forms';
import { fixtureRound } from '../../helpers/questionnaire-fixtures';

const TZ = 'Europe/Helsinki';
const now = new Date('2026-03-01T10:00:00Z');
const settings = {
  title: 'HYTE-neuvottelut 2026',
  titleSv: '',
  titleEn: 'HYTE negotiations 2026',
  region: 'Pohjois-Savo',
  deadlineDate: '2026-09-08',
  deadlineTime: '16:00',
  meetingDate: '2026-09-15',
  meetingTime: '09:00',
  planFrom: '2025',
  planTo: '2029',
};
const problems = (issues: Array<{ field: string; problem: string }>) =>
  issues.map((i) => `${i.field}:${i.problem}`).sort();

describe('set-up forms', () => {
  it('read dates and times in Helsinki time, summer and winter', () => {
    const form = readSettings(settings, { timeZone: TZ, now });
    assert.ok(form.ok);
    assert.equal(form.value.deadline, '2026-09-08T16:00:00+03:00');
    assert.equal(form.value.meetingAt, '2026-09-15T09:00:00+03:00');
    assert.deepEqual(form.value.title, {
      fi: 'HYTE-neuvottelut 2026',
      en: 'HYTE negotiations 2026',
    });
    assert.deepEqual(form.value.planPeriod, { from: 2025, to: 2029 });
    const winter = readSettings(
      {
        ...settings,
        deadlineDate: '2026-11-30',
        deadlineTime: '',
        meetingDate: '2026-12-01',
        meetingTime: '',
      },
      { timeZone: TZ, now },
    );
    assert.ok(winter.ok);
    assert.equal(winter.value.deadline, '2026-11-30T16:00:00+02:00');
    assert.equal(winter.value.meetingAt, '2026-12-01T09:00:00+02:00');
    // What the form shows again is what was stored.
    const round = { ...fixtureRound(), ...winter.value };
    assert.equal(settingsValues(round, TZ).deadlineDate, '2026-11-30');
    assert.equal(settingsValues(round, TZ).meetingTime, '09:00');
  });

  it('name every bad field at once, keeping what was typed', () => {
    const form = readSettings(
      {
        ...settings,
        title: ' ',
        region: 'x'.repeat(201),
        deadlineDate: '2026-02-30',
        meetingTime: '25:00',
        planFrom: '2030',
        planTo: '2029',
      },
      { timeZone: TZ, now },
    );
    assert.ok(!form.ok);
    assert.deepEqual(problems(form.issues), [
      'deadlineDate:date',
      'meetingTime:time',
      'planFrom:planOrder',
      'region:tooLong',
      'title:required',
    ]);
    assert.equal(form.values.deadlineDate, '2026-02-30');
  });

  it('refuse a deadline past or after the meeting, but keep a closed round’s own deadline', () => {
    const past = readSettings({ ...settings, deadlineDate: '2026-02-01' }, { timeZone: TZ, now });
    assert.deepEqual(!past.ok && problems(past.issues), ['deadlineDate:deadlinePast']);
    const after = readSettings({ ...settings, deadlineDate: '2026-09-20' }, { timeZone: TZ, now });
    assert.deepEqual(!after.ok && problems(after.issues), ['deadlineDate:deadlineAfterMeeting']);
    const kept = readSettings(
      { ...settings, deadlineDate: '2026-02-01' },
      { timeZone: TZ, now, current: { deadline: '2026-02-01T16:00:00+02:00' } },
    );
    assert.ok(kept.ok);
  });

  it('read a goal, making a new one’s id from its title', () => {
    const goals = fixtureRound().goals;
    const form = readGoal(
      { goalTitle: 'Osallisuuden vahvistaminen', goalDescription: 'Kuvaus' },
      { goals },
    );
    assert.ok(form.ok);
    assert.equal(form.value.id, 'osallisuuden-vahvistaminen');
    const same = readGoal({ goalTitle: 'Elintavat' }, { goals });
    assert.ok(same.ok && same.value.id === 'elintavat-2');
    const edit = readGoal({ goalTitle: 'Uusi nimi' }, { goals, current: goals[0] });
    assert.ok(edit.ok && edit.value.id === 'terveyserot' && !edit.value.description);
    const empty = readGoal({ goalTitle: '' }, { goals });
    assert.deepEqual(!empty.ok && problems(empty.issues), ['goalTitle:required']);
  });

  it('read an organisation: picker ids only as ids, typed e-mails, a GUID tenant, none twice', () => {
    const organisations = fixtureRound().organisations;
    const ok = readOrganisation(
      {
        name: 'Siilinjärven kunta',
        kind: 'municipality',
        language: 'fi',
        tenantId: '72F988BF-86F1-41AF-91AB-2D7CD011DB47',
        respondentIds: '44444444-4444-4444-8444-444444444444',
        respondentEmails: 'hyte@siilinjarvi.fi; toinen@siilinjarvi.fi',
      },
      { organisations },
    );
    assert.ok(ok.ok);
    assert.equal(ok.value.id, 'siilinjarven-kunta');
    assert.equal(ok.value.tenantId, '72f988bf-86f1-41af-91ab-2d7cd011db47');
    assert.equal(ok.value.respondents.length, 3);
    const bad = readOrganisation(
      {
        name: 'X',
        kind: 'city',
        language: 'fi',
        tenantId: 'contoso.onmicrosoft.com',
        respondentIds: 'anna@kuopio.fi,44444444-4444-4444-8444-444444444444',
        respondentEmails: 'ben@kuopio.fi\n=HYPERLINK("x")\n44444444-4444-4444-8444-444444444444',
      },
      { organisations },
    );
    assert.ok(!bad.ok);
    assert.deepEqual(problems(bad.issues), [
      'kind:choice',
      'respondentEmails:duplicates',
      'respondentEmails:emails',
      'respondentIds:objectIds',
      'tenantId:tenant',
    ]);
    const many = readOrganisation(
      {
        name: 'Iso',
        respondentEmails: Array.from({ length: 51 }, (_, i) => `p${i}@x.fi`).join(','),
      },
      { organisations },
    );
    assert.deepEqual(!many.ok && problems(many.issues), ['respondentEmails:tooMany']);
  });
});
