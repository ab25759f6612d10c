import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { isDomainError, type ValidationError } from '../../bot/domain/errors';
import type { Round } from '../../bot/domain/round';
import { formatIssues, parseRoundFile } from '../../bot/domain/round-file';

const SAMPLE = path.join(__dirname, '..', '..', 'rounds', 'pohjois-savo-2025.yaml');

/** The issues of the ValidationError that parsing `text` must throw, as `path: message`. */
function issues(text: string, file = 'round.yaml'): string[] {
  try {
    parseRoundFile(text, file);
  } catch (e) {
    assert.ok(isDomainError(e, 'Validation'), String(e));
    return formatIssues((e as ValidationError).issues).split('\n');
  }
  assert.fail('expected a ValidationError');
}

const VALID = `
id: test-round
title: { fi: Testi }
region: Pohjois-Savo
meetingAt: 2025-09-16T09:00:00+03:00
deadline: 2025-09-09T16:00:00+03:00
coordinators: [{ email: k@example.fi }]
reminders:
  before: [P7D, PT4H]
  window: { from: 08:00, to: 16:00 }
goals:
  - { id: a, title: { fi: A } }
  - { id: b, title: { fi: B } }
  - { id: c, title: { fi: C } }
organisations:
  - { id: kuopio, name: Kuopion kaupunki, kind: municipality }
  - { id: pshva, name: Pohjois-Savon hyvinvointialue, kind: county }
`;

describe('round files', () => {
  describe('the Pohjois-Savo 2025 sample', () => {
    let round: Round;
    before(() => {
      round = parseRoundFile(fs.readFileSync(SAMPLE, 'utf8'), SAMPLE);
    });

    it('has the ten priority areas of the koonti, translated', () => {
      assert.equal(round.id, 'pohjois-savo-2025');
      assert.equal(round.meetingAt, '2025-09-16T09:00:00+03:00', 'YAML dates stay ISO strings');
      assert.equal(round.deadline, '2025-09-09T16:00:00+03:00');
      assert.deepEqual(round.reminders.before, ['P7D', 'P2D', 'PT4H']);
      assert.deepEqual(round.reminders.window, {
        from: '08:00',
        to: '16:00',
        days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      });
      assert.equal(round.goals.length, 10);
      assert.equal(
        round.goals[0]?.title.fi,
        'Hyvinvointisuunnitelmaan kohdennettuja toimenpiteitä terveyserojen kaventamiseksi',
      );
      assert.equal(round.goals[9]?.title.fi, 'Tiedolla johtaminen, rakenteet ja käytännöt');
      assert.ok(round.goals.every((g) => g.title.sv && g.title.en && g.description?.fi));
    });

    it('has the 19 municipalities, the wellbeing county and regional NGOs, all reachable', () => {
      const count = (kind: string) => round.organisations.filter((o) => o.kind === kind).length;
      assert.equal(count('municipality'), 19);
      assert.equal(count('county'), 1);
      assert.ok(count('ngo') >= 3);
      const names = round.organisations.map((o) => o.name);
      for (const name of ['Joroisten kunta', 'Kuopion kaupunki', 'Pohjois-Savon hyvinvointialue'])
        assert.ok(names.includes(name), name);
      assert.ok(round.organisations.every((o) => o.language === 'fi' && o.respondents.length));
      const emails = [...round.coordinators, ...round.organisations.flatMap((o) => o.respondents)]
        .map((p) => ('email' in p ? p.email : ''))
        .filter(Boolean);
      assert.ok(
        emails.every((e) => /^[a-z0-9.-]+@([a-z0-9-]+\.)*example\.fi$/.test(e)),
        'ASCII',
      );
    });

    it('has unique ids', () => {
      for (const ids of [round.goals.map((g) => g.id), round.organisations.map((o) => o.id)])
        assert.equal(new Set(ids).size, ids.length);
    });
  });

  it('keeps unquoted YAML dates and clock times as strings', () => {
    const round = parseRoundFile(VALID, 'r.yml');
    assert.equal(round.meetingAt, '2025-09-16T09:00:00+03:00');
    assert.equal(round.reminders.window?.from, '08:00');
  });

  it('reports every bad field at once, by path', () => {
    const bad = VALID.replace('{ id: b, title: { fi: B } }', '{ id: b, title: { sv: B } }')
      .replace('{ id: c,', '{ id: a,')
      .replace('kind: municipality', 'kind: town')
      .replace('deadline: 2025-09-09T16:00:00+03:00', 'deadline: 9.9.2025')
      .replace('region: Pohjois-Savo\n', '')
      .replace('title: { fi: Testi }', 'title: 3')
      .replace('[{ email: k@example.fi }]', '[{ email: k@example.fi }, { name: Kim }]');
    assert.deepEqual(issues(bad), [
      'title: Invalid input: expected object, received number',
      'region: required',
      'deadline: must be an ISO 8601 date-time with offset',
      'coordinators[1]: must be { email: … } or { aadObjectId: … }',
      'goals[1].title.fi: required',
      'organisations[0].kind: must be one of municipality, county, ngo, other',
      'goals[2].id: duplicate id "a"',
    ]);
  });

  it('reports a deadline after the meeting, also beside other errors', () => {
    const late = VALID.replace('2025-09-09T16', '2025-09-19T16');
    assert.deepEqual(issues(late), ['deadline: must not be after meetingAt']);
    assert.deepEqual(issues(late.replace('{ id: b,', '{ id: B,')), [
      'goals[1].id: must be 1–63 characters of a-z, 0-9 and -',
      'deadline: must not be after meetingAt',
    ]);
  });

  it('reports unknown fields, at the top level and inside', () => {
    assert.deepEqual(issues(`${VALID}colour: blue\nnotes: x\n`), [
      '(root): unknown field(s) colour, notes',
    ]);
    assert.deepEqual(issues(VALID.replace('{ id: a, title', '{ id: a, titel: x, title')), [
      'goals[0]: unknown field(s) titel',
    ]);
  });

  it('names the line of a YAML syntax error, in one issue', () => {
    const got = issues('id: test\ngoals:\n  - a\n bad: indent\n');
    assert.equal(got.length, 1);
    assert.match(got[0] ?? '', /^\(file\): YAML error at line 4, column \d+: /);
    assert.match(issues('id: a\nid: b\n')[0] ?? '', /^\(file\): YAML error at line 2.*unique/);
    assert.deepEqual(issues(''), ['(file): empty: no round defined']);
    assert.match(issues('- a\n- b\n')[0] ?? '', /^\(file\): must be a mapping/);
  });

  it('reads JSON by extension and names the line of a JSON syntax error', () => {
    const json = {
      id: 'json-round',
      title: { fi: 'J' },
      region: 'R',
      meetingAt: '2025-09-16T09:00:00+03:00',
      deadline: '2025-09-09T16:00:00+03:00',
      coordinators: [{ aadObjectId: '11111111-1111-4111-8111-111111111111' }],
      goals: [{ id: 'g', title: { fi: 'G' } }],
      organisations: [{ id: 'o', name: 'O', kind: 'ngo', language: 'sv' }],
    };
    const round = parseRoundFile(JSON.stringify(json, null, 2), 'round.JSON');
    assert.equal(round.organisations[0]?.language, 'sv');
    assert.deepEqual(round.reminders, { before: [] });
    assert.match(
      issues('{\n  "id": "x",,\n}', 'round.json')[0] ?? '',
      /^\(file\): JSON error at line 2/,
    );
    assert.deepEqual(issues(JSON.stringify({ ...json, goals: [{ id: 'g' }] }), 'r.json'), [
      'goals[0].title: required',
    ]);
  });

  it('normalises e-mails and object ids so people match however they were typed', () => {
    const round = parseRoundFile(
      VALID.replace(
        'coordinators: [{ email: k@example.fi }]',
        'coordinators: [{ email: " K@Example.FI " }, { aadObjectId: AAAAAAAA-1111-4111-8111-111111111111 }]',
      ),
      'r.yaml',
    );
    assert.deepEqual(round.coordinators, [
      { email: 'k@example.fi' },
      { aadObjectId: 'aaaaaaaa-1111-4111-8111-111111111111' },
    ]);
  });

  it('refuses YAML alias bombs and oversize files', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) {
      const prev = String.fromCharCode(96 + i);
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${prev}`).join(', ')}]`,
      );
    }
    assert.match(issues(bomb.join('\n'))[0] ?? '', /^\(file\): .*alias/i);
    assert.match(issues('x'.repeat(3 * 1024 * 1024))[0] ?? '', /larger than/);
  });
});
