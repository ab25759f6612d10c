import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { isDomainError, type ValidationError } from '../../bot/domain/errors';
import { parseRoundFile } from '../../bot/domain/round-file';

const SAMPLE = path.join(__dirname, '..', '..', 'rounds', 'pohjois-savo-2025.yaml');

function issues(text: string, file = 'round.yaml'): string[] {
  try {
    parseRoundFile(text, file);
  } catch (e) {
    assert.ok(isDomainError(e, 'Validation'));
    return (e as ValidationError).issues.map((i) => `${i.path}: ${i.message}`);
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
goals:
  - { id: a, title: { fi: A } }
  - { id: b, title: { fi: B } }
organisations:
  - { id: kuopio, name: Kuopion kaupunki, kind: municipality }
`;

describe('round files', () => {
  it('reads the sample round: the ten priority areas, 19 municipalities, the county and NGOs', () => {
    const round = parseRoundFile(fs.readFileSync(SAMPLE, 'utf8'), SAMPLE);
    assert.equal(round.id, 'pohjois-savo-2025');
    assert.equal(round.goals.length, 10);
    assert.equal(
      round.goals[0]?.title.fi,
      'Hyvinvointisuunnitelmaan kohdennettuja toimenpiteitä terveyserojen kaventamiseksi',
    );
    assert.ok(round.goals.every((g) => g.title.sv && g.title.en));
    const kinds = round.organisations.map((o) => o.kind);
    assert.equal(kinds.filter((k) => k === 'municipality').length, 19);
    assert.equal(kinds.filter((k) => k === 'county').length, 1);
    assert.ok(kinds.filter((k) => k === 'ngo').length >= 3);
    assert.ok(round.organisations.some((o) => o.name === 'Joroisten kunta'));
    assert.equal(typeof round.meetingAt, 'string', 'YAML dates stay ISO strings');
    assert.deepEqual(round.reminders.before, ['P7D', 'P2D', 'PT4H']);
  });

  it('reports every bad field at once, by path', () => {
    const bad = VALID.replace('{ id: b, title: { fi: B } }', '{ id: b, title: { sv: B } }')
      .replace('kind: municipality', 'kind: town')
      .replace('deadline: 2025-09-09T16:00:00+03:00', 'deadline: 9.9.2025')
      .replace('region: Pohjois-Savo\n', '');
    const got = issues(bad);
    assert.ok(got.includes('goals[1].title.fi: required'), got.join('\n'));
    assert.ok(got.some((i) => i.startsWith('organisations[0].kind: ')));
    assert.ok(got.some((i) => i.startsWith('deadline: must be an ISO 8601')));
    assert.ok(got.includes('region: required'));
    assert.equal(got.length, 4);
  });

  it('reports duplicate ids beside other errors', () => {
    const got = issues(
      VALID.replace('{ id: b, title: { fi: B } }', '{ id: a, title: { fi: B } }').replace(
        'region: Pohjois-Savo\n',
        '',
      ),
    );
    assert.deepEqual(got.sort(), ['goals[1].id: duplicate id "a"', 'region: required']);
  });

  it('refuses a deadline after the meeting and unknown fields', () => {
    assert.deepEqual(issues(VALID.replace('2025-09-09T16', '2025-09-19T16')), [
      'deadline: must not be after meetingAt',
    ]);
    const got = issues(`${VALID}colour: blue\n`);
    assert.deepEqual(got, ['(root): unknown field(s) colour']);
  });

  it('names the line of a YAML syntax error', () => {
    const got = issues('id: test\ngoals: [\n  - a\n');
    assert.equal(got.length >= 1, true);
    assert.match(got[0] ?? '', /^\(file\): YAML error at line \d+/);
  });

  it('reads JSON by extension and reports JSON errors', () => {
    const round = parseRoundFile(
      JSON.stringify({
        id: 'json-round',
        title: { fi: 'J' },
        region: 'R',
        meetingAt: '2025-09-16T09:00:00+03:00',
        deadline: '2025-09-09T16:00:00+03:00',
        coordinators: [{ aadObjectId: '11111111-1111-4111-8111-111111111111' }],
        goals: [{ id: 'g', title: { fi: 'G' } }],
        organisations: [{ id: 'o', name: 'O', kind: 'ngo', language: 'sv' }],
      }),
      'round.json',
    );
    assert.equal(round.organisations[0]?.language, 'sv');
    assert.match(issues('{ "id": ', 'round.json')[0] ?? '', /^\(file\): not valid JSON/);
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
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)}]`,
      );
    assert.match(issues(bomb.join('\n'))[0] ?? '', /^\(file\): .*alias/i);
    assert.match(issues('x'.repeat(3 * 1024 * 1024))[0] ?? '', /larger than/);
  });
});
