import assert from 'node:assert/strict';
import type { Measure } from '../../../bot/domain/answers/measure';
import { measureGaps, reviewSheet } from '../../../bot/domain/answers/review';
import { fixtureRound } from '../../helpers/questionnaire-fixtures';

function measure(over: Partial<Measure> & Pick<Measure, 'id' | 'goalId'>): Measure {
  return {
    description: 'Kuvaus',
    owner: 'Vastuutaho',
    partners: ['pshva'],
    partnersOther: '',
    metrics: 'Mittari',
    targetGroup: '',
    timeframe: '',
    notes: '',
    createdAt: '2025-09-01T10:00:00.000Z',
    createdBy: 'Anna',
    updatedAt: '2025-09-01T10:00:00.000Z',
    updatedBy: 'Anna',
    ...over,
  };
}

describe('review', () => {
  it('marks measures without owner, metrics or partners', () => {
    assert.deepEqual(measureGaps(measure({ id: 'm0000001', goalId: 'elintavat' })), []);
    assert.deepEqual(
      measureGaps(
        measure({ id: 'm0000001', goalId: 'elintavat', owner: ' ', metrics: '', partners: [] }),
      ),
      ['owner', 'metrics', 'partners'],
    );
    assert.deepEqual(
      measureGaps(
        measure({ id: 'm0000001', goalId: 'elintavat', partners: [], partnersOther: 'Seurakunta' }),
      ),
      [],
      'partners named in free text count',
    );
  });

  it('groups by goal in round order, flags empty goals and unanswered questions', () => {
    const round = fixtureRound();
    const review = reviewSheet(
      round,
      [
        measure({ id: 'm0000002', goalId: 'elintavat', createdAt: '2025-09-02T00:00:00.000Z' }),
        measure({ id: 'm0000001', goalId: 'elintavat', metrics: '' }),
        measure({ id: 'm0000003', goalId: 'removed-goal' }),
      ],
      {
        dataFromCounty: 'yes',
        dataFromCountyComment: '',
        expertSupportComment: '',
        networksWorkComment: '',
        dropFromPlan: '',
        addToPlan: '',
        comments: '',
      },
    );
    assert.deepEqual(
      review.goals.map((g) => [g.goal.id, g.measures.map((m) => m.measure.id)]),
      [
        ['terveyserot', []],
        ['osallisuus', []],
        ['elintavat', ['m0000001', 'm0000002']],
      ],
    );
    assert.deepEqual(review.goals[2]?.measures[0]?.gaps, ['metrics']);
    assert.deepEqual(
      review.orphans.map((o) => o.measure.id),
      ['m0000003'],
    );
    assert.deepEqual(review.unansweredQuestions, ['expertSupport', 'networksWork']);
    assert.equal(review.gapCount, 2 + 1 + 2);
  });
});
