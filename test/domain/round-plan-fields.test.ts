import assert from 'node:assert/strict';
import { isDomainError, type ValidationError } from '../../bot/domain/errors';
import { planEndYear } from '../../bot/domain/round';
import { formatIssues, parseRoundFile } from '../../bot/domain/round-file';

const BASE = `
id: pohjois-savo-2026
title: { fi: HYTE 2026 }
region: Pohjois-Savo
meetingAt: 2026-09-15T09:00:00+03:00
deadline: 2026-09-08T16:00:00+03:00
coordinators: [{ email: k@example.fi }]
goals: [{ id: a, title: { fi: A } }]
organisations: [{ id: kuopio, name: Kuopio, kind: municipality }]
`;

function issues(text: string): string[] {
  try {
    parseRoundFile(text, 'round.yaml');
  } catch (e) {
    assert.ok(isDomainError(e, 'Validation'), String(e));
    return formatIssues((e as ValidationError).issues).split('\n');
  }
  assert.fail('expected a ValidationError');
}

describe('round files: previousRound and planPeriod', () => {
  it('reads both; the plan ends in 2029 unless planPeriod.to says otherwise', () => {
    const plain = parseRoundFile(BASE, 'round.yaml');
    assert.equal(plain.previousRound, undefined);
    assert.equal(planEndYear(plain), 2029);
    const r = parseRoundFile(
      `${BASE}previousRound: pohjois-savo-2025\nplanPeriod: { from: 2025, to: 2031 }\n`,
      'round.yaml',
    );
    assert.equal(r.previousRound, 'pohjois-savo-2025');
    assert.deepEqual(r.planPeriod, { from: 2025, to: 2031 });
    assert.equal(planEndYear(r), 2031);
    assert.equal(
      planEndYear(parseRoundFile(`${BASE}planPeriod: { from: 2025 }\n`, 'r.yaml')),
      2029,
    );
  });

  it('refuses the round itself as previousRound, also beside other errors', () => {
    assert.deepEqual(issues(`${BASE}previousRound: pohjois-savo-2026\n`), [
      'previousRound: must not be the round itself',
    ]);
    const many = issues(
      `${BASE}previousRound: pohjois-savo-2026\nregion: ''\n`.replace(
        /^region: Pohjois-Savo\n/m,
        '',
      ),
    );
    assert.ok(many.includes('previousRound: must not be the round itself'), many.join('\n'));
    assert.ok(
      many.some((i) => i.startsWith('region:')),
      many.join('\n'),
    );
  });

  it('names the bad planPeriod and previousRound fields by path', () => {
    const got = issues(
      `${BASE}previousRound: Last Year\nplanPeriod: { from: 2030, to: 2029, extra: 1 }\n`,
    );
    assert.ok(
      got.some((i) => i.startsWith('previousRound: ')),
      got.join('\n'),
    );
    assert.ok(
      got.some((i) => i.startsWith('planPeriod')),
      got.join('\n'),
    );
    assert.deepEqual(issues(`${BASE}planPeriod: { from: 2030, to: 2029 }\n`), [
      'planPeriod.from: must not be after to',
    ]);
    assert.deepEqual(issues(`${BASE}planPeriod: { to: "2029" }\n`).length, 1);
  });
});
