import assert from 'node:assert/strict';
import {
  CARRIED_BY,
  carriedMeasureId,
  checkPreviousRound,
  isUntouchedCarry,
  planCarryOver,
} from '../../../bot/domain/answers/carry-over';
import { isDomainError, type ValidationError } from '../../../bot/domain/errors';
import { Measure } from '../../../bot/domain/answers/measure';
import type { Round } from '../../../bot/domain/round';
import { fixtureRound } from '../../helpers/questionnaire-fixtures';

const NOW = new Date('2026-08-01T06:00:00Z');
let seq = 0;
function m(goalId: string, over: Partial<Measure> = {}): Measure {
  seq++;
  return Measure.parse({
    id: `m-${String(seq).padStart(8, '0')}`,
    goalId,
    description: `Toimenpide ${seq}`,
    owner: 'Liikuntapalvelut',
    metrics: 'Käynnit',
    plan: 'continue',
    createdAt: `2025-09-0${(seq % 8) + 1}T08:00:00.000Z`,
    createdBy: 'Anna A',
    updatedAt: '2025-09-09T08:00:00.000Z',
    updatedBy: 'Ben B',
    ...over,
  });
}

/** Last year's round and this year's: one goal renamed away, larsmo gone, a new NGO. */
function rounds(): { previous: Round; next: Round } {
  const previous = fixtureRound({ id: 'ps-2025' });
  const base = fixtureRound();
  const next = fixtureRound({
    id: 'ps-2026',
    previousRound: 'ps-2025',
    goals: base.goals.filter((g) => g.id !== 'elintavat'),
    organisations: [
      ...base.organisations.filter((o) => o.id !== 'larsmo'),
      { id: 'uusi', name: 'Uusi yhdistys ry', kind: 'ngo' },
    ],
  });
  return { previous, next };
}

describe('carrying measures into the next round', () => {
  it('copies each organisation’s measures under the same goal id, with last year’s values and the origin', () => {
    const { previous, next } = rounds();
    const a = m('terveyserot', {
      progress: 'ongoing',
      progressNote: 'viime vuonna',
      partners: ['pshva'],
    });
    const b = m('osallisuus', { carriedFrom: { roundId: 'ps-2024', measureId: 'm-older-0001' } });
    const plan = planCarryOver(previous, next, new Map([['kuopio', [a, b]]]), NOW);
    assert.equal(plan.fromRoundId, 'ps-2025');
    const byOrigin = (x: { measureId: string }, y: { measureId: string }) =>
      x.measureId.localeCompare(y.measureId);
    assert.deepEqual(
      plan.copies
        .map((c) => ({ org: c.organisationId, goal: c.measure.goalId, ...c.measure.carriedFrom! }))
        .sort(byOrigin),
      [
        { org: 'kuopio', goal: 'terveyserot', roundId: 'ps-2025', measureId: a.id },
        { org: 'kuopio', goal: 'osallisuus', roundId: 'ps-2025', measureId: b.id },
      ].sort(byOrigin),
    );
    const copy = plan.copies.find((c) => c.measure.carriedFrom?.measureId === a.id)!.measure;
    assert.equal(copy.description, a.description);
    assert.deepEqual(copy.partners, ['pshva']);
    assert.equal(copy.plan, 'continue');
    assert.equal(copy.progress, undefined, 'progress is this round’s to give');
    assert.equal(copy.progressNote, undefined);
    assert.ok(!('progress' in copy), 'no undefined keys go to storage');
    assert.equal(copy.id, carriedMeasureId('ps-2025', a.id));
    assert.notEqual(copy.id, a.id);
    assert.equal(copy.createdAt, NOW.toISOString());
    assert.equal(copy.createdBy, CARRIED_BY);
    assert.ok(isUntouchedCarry(copy));
    assert.doesNotThrow(() => Measure.parse(copy));
    assert.deepEqual(plan.organisations, [{ id: 'kuopio', name: 'Kuopion kaupunki', measures: 2 }]);
    assert.deepEqual(a.progress, 'ongoing', 'the origin is not changed');
  });

  it('plans the same copies with the same ids every time: a re-import names what is stored', () => {
    const { previous, next } = rounds();
    const sheets = new Map([
      ['kuopio', [m('terveyserot'), m('osallisuus')]],
      ['pshva', [m('osallisuus')]],
    ]);
    const once = planCarryOver(previous, next, sheets, NOW);
    const again = planCarryOver(previous, next, sheets, new Date('2026-08-02T06:00:00Z'));
    assert.deepEqual(
      again.copies.map((c) => [c.organisationId, c.measure.id]),
      once.copies.map((c) => [c.organisationId, c.measure.id]),
    );
    assert.equal(new Set(once.copies.map((c) => c.measure.id)).size, 3);
    assert.match(once.copies[0]!.measure.id, /^[A-Za-z0-9_-]{8,40}$/);
    assert.notEqual(carriedMeasureId('ps-2025', 'm-1'), carriedMeasureId('ps-2024', 'm-1'));
  });

  it('still carries measures whose goal is gone, and lists them as orphans', () => {
    const { previous, next } = rounds();
    const gone = m('elintavat');
    const plan = planCarryOver(previous, next, new Map([['kuopio', [gone, m('osallisuus')]]]), NOW);
    assert.equal(plan.copies.length, 2);
    const id = carriedMeasureId('ps-2025', gone.id);
    assert.deepEqual(plan.orphans, [
      { organisationId: 'kuopio', measureId: id, goalId: 'elintavat' },
    ]);
    assert.equal(plan.copies.find((c) => c.measure.id === id)?.measure.goalId, 'elintavat');
  });

  it('leaves behind organisations missing this year, and starts new organisations empty', () => {
    const { previous, next } = rounds();
    const plan = planCarryOver(
      previous,
      next,
      new Map([
        ['larsmo', [m('terveyserot'), m('osallisuus')]],
        ['kuopio', [m('terveyserot')]],
      ]),
      NOW,
    );
    assert.deepEqual(plan.missingOrganisations, [
      { id: 'larsmo', name: 'Larsmo kommun', measures: 2 },
    ]);
    assert.deepEqual(
      plan.copies.map((c) => c.organisationId),
      ['kuopio'],
    );
    assert.ok(!plan.copies.some((c) => c.organisationId === 'uusi'));
    assert.ok(!plan.organisations.some((o) => o.id === 'uusi' || o.id === 'larsmo'));
  });

  it('does not carry a measure that was marked dropped last round', () => {
    const { previous, next } = rounds();
    const dropped = m('terveyserot', { progress: 'dropped', progressNote: 'rahoitus loppui' });
    const plan = planCarryOver(
      previous,
      next,
      new Map([['kuopio', [dropped, m('terveyserot')]]]),
      NOW,
    );
    assert.equal(plan.copies.length, 1);
    assert.deepEqual(plan.dropped, [{ organisationId: 'kuopio', measureId: dropped.id }]);
  });

  it('tells a copy someone saved from one nobody has touched', () => {
    const { previous, next } = rounds();
    const [copy] = planCarryOver(
      previous,
      next,
      new Map([['kuopio', [m('terveyserot')]]]),
      NOW,
    ).copies;
    assert.ok(copy && isUntouchedCarry(copy.measure));
    assert.ok(
      !isUntouchedCarry({
        ...copy.measure,
        updatedAt: '2026-08-03T06:00:00.000Z',
        updatedBy: 'Anna A',
      }),
    );
    assert.ok(!isUntouchedCarry(m('terveyserot')), 'a new measure is not a carry');
  });
});

describe('checking previousRound against the stored rounds', () => {
  const stored = (...list: Round[]) => new Map(list.map((r) => [r.id, r]));
  const refusal = (fn: () => void): string => {
    try {
      fn();
    } catch (e) {
      assert.ok(isDomainError(e, 'Validation'), String(e));
      const [issue, ...rest] = (e as ValidationError).issues;
      assert.equal(rest.length, 0);
      assert.equal(issue?.path, 'previousRound');
      return issue?.message ?? '';
    }
    assert.fail('expected a refusal');
  };

  it('accepts a stored previous round, and a chain whose earliest round is gone', () => {
    const a = fixtureRound({ id: 'ps-2024', previousRound: 'ps-2023' });
    const b = fixtureRound({ id: 'ps-2025', previousRound: 'ps-2024' });
    const c = fixtureRound({ id: 'ps-2026', previousRound: 'ps-2025' });
    assert.doesNotThrow(() => checkPreviousRound(c, stored(a, b)));
    assert.doesNotThrow(() => checkPreviousRound(fixtureRound({ id: 'x' }), stored()));
  });

  it('refuses a missing round, the round itself and a cycle, naming the field', () => {
    const c = fixtureRound({ id: 'ps-2026', previousRound: 'ps-2025' });
    assert.match(
      refusal(() => checkPreviousRound(c, stored())),
      /"ps-2025" is not stored/,
    );
    const self = { ...fixtureRound({ id: 'ps-2026' }), previousRound: 'ps-2026' };
    assert.match(
      refusal(() => checkPreviousRound(self, stored())),
      /itself/,
    );
    const a = fixtureRound({ id: 'ps-2024', previousRound: 'ps-2026' });
    const b = fixtureRound({ id: 'ps-2025', previousRound: 'ps-2024' });
    assert.match(
      refusal(() => checkPreviousRound(c, stored(a, b, c))),
      /cycle: ps-2026 → ps-2025 → ps-2024 → ps-2026/,
    );
  });
});
