import assert from 'node:assert/strict';
import { compileKoonti } from '../../bot/domain/koonti';
import { reviewSheet } from '../../bot/domain/answers/review';
import {
  type Card,
  answerValues,
  deleteConfirmCard,
  errorCard,
  foreignCard,
  goalCard,
  helpCard,
  measureFormCard,
  measureValues,
  notRespondentCard,
  organisationFormCard,
  overviewCard,
  reviewCard,
  submittedCard,
  summaryCard,
} from '../../cards';
import { expand } from '../../cards/render';
import { sheet } from '../helpers/questionnaire-fixtures';
import { storedMeasure } from '../helpers/measure-fixtures';
import { missingBindings, recordExpansions } from '../helpers/template-bindings';

const response = {
  roundId: 'pohjois-savo-2025',
  organisationId: 'kuopio',
  state: 'submitted' as const,
  submittedAt: '2025-09-01T10:00:00.000Z',
  submittedBy: 'Anna A',
};

/** Every card template, each rendered with a view that fills its repeated parts. */
function everyCard(): Card[] {
  const view = sheet('fi', { flash: 'measureSaved' });
  const round = view.round;
  const goal = round.goals[0]!;
  const measures = [storedMeasure({ owner: '', metrics: '' }), storedMeasure()];
  const form = { ...view, goal, measureId: 'new-measure-1', page: 0, isNew: false };
  const values = measureValues(measures[1]!.value);
  const issues = [{ field: 'owner', problem: 'required' as const }];
  const review = reviewSheet(round, [...measures.map((m) => m.value)], undefined);
  const koonti = compileKoonti(
    round,
    new Map([['kuopio', { response: { etag: 'r', value: response }, measures }]]),
    { now: new Date('2025-09-10T06:00:00Z') },
  );
  return [
    overviewCard({
      ...view,
      response,
      measureCounts: { [goal.id]: 2 },
      orgAnswered: true,
      others: [{ roundId: 'r2', organisationId: 'o2', label: 'Toinen' }],
      page: 0,
    }),
    goalCard({ ...view, goal, measures, page: 0 }),
    measureFormCard({ ...form, values, issues }),
    measureFormCard({ ...form, values, issues: [], conflict: { stored: measures[0] } }),
    measureFormCard({ ...form, values, issues: [], conflict: {} }),
    organisationFormCard({
      ...view,
      base: '0123456789abcdef',
      values: answerValues(undefined),
      issues: [{ field: 'comments', problem: 'tooLong', max: 4000, length: 9000 }],
      conflict: { answers: undefined, by: 'Ben B', at: '2025-09-01T10:00:00.000Z' },
    }),
    reviewCard({ ...view, review, response, page: 0 }),
    submittedCard({ ...view, response }),
    deleteConfirmCard({ ...view, goal, measure: measures[1]!, page: 0, changed: true }),
    notRespondentCard({ lang: 'fi', contacts: ['hyte@example.fi'] }),
    foreignCard({ lang: 'fi' }),
    helpCard({ lang: 'fi', isCoordinator: true }),
    errorCard({ lang: 'fi', kind: 'generic', detail: 'x' }),
    summaryCard({ lang: 'fi', timeZone: view.timeZone, koonti, reportUrl: 'https://x.example/r' }),
    summaryCard({ lang: 'fi', timeZone: view.timeZone, koonti, goalId: goal.id }),
  ];
}

describe('card templates', () => {
  it('bind only values their view model has, and leave no expression unexpanded', () => {
    let cards: Card[] = [];
    const expansions = recordExpansions(() => {
      cards = everyCard();
    });
    assert.ok(expansions.length >= cards.length, 'every card goes through a template');
    const missing = expansions.flatMap(missingBindings);
    assert.deepEqual(missing, [], 'bindings naming a value the data lacks');
    for (const card of cards) {
      assert.ok(!JSON.stringify(card).includes('${'), `unexpanded in ${String(card.speak)}`);
    }
  });

  it('the check itself catches a binding to a missing value, also in a condition or a list', () => {
    const template = {
      type: 'AdaptiveCard',
      body: [
        { type: 'TextBlock', text: '${title}' },
        { type: 'TextBlock', $when: '${shown}', text: 'x' },
        { type: 'Container', $data: '${rows}', items: [{ type: 'TextBlock', text: '${label}' }] },
      ],
    };
    const expansions = recordExpansions(() => {
      expand(template, { title: 'T', rows: [{ label: 'a' }, { value: 'b' }] });
    });
    assert.deepEqual(expansions.flatMap(missingBindings), [
      '$.body[1].$when: shown',
      '$.body[2][1].items[0].text: label',
    ]);
  });
});
