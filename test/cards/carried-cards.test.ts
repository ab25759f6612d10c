import assert from 'node:assert/strict';
import { LANGS } from '../../bot/domain/localized-text';
import { GOAL_MEASURES_PER_PAGE, goalCard, measureFormCard, measureValues } from '../../cards';
import { assertValidCard, cardTexts } from '../helpers/card-check';
import { hugeMeasure } from '../helpers/measure-fixtures';
import { fixtureRound, sheet } from '../helpers/questionnaire-fixtures';

const carriedFrom = { roundId: 'pohjois-savo-2024', measureId: 'last-year-000001' };

describe('cards of carried measures', () => {
  for (const lang of LANGS) {
    it(`a full goal page of last year's longest measures and their form stay valid and small (${lang})`, () => {
      const round = fixtureRound({ previousRound: 'pohjois-savo-2024', planPeriod: { to: 2031 } });
      const goal = round.goals[0]!;
      const measures = Array.from({ length: GOAL_MEASURES_PER_PAGE + 1 }, (_, i) =>
        hugeMeasure({
          id: `carried-measure-${String(i).padStart(4, '0')}`,
          goalId: goal.id,
          carriedFrom,
          ...(i % 2 ? { progress: 'dropped', progressNote: 'x'.repeat(4000) } : {}),
        }),
      );
      const view = { ...sheet(lang, { round }), goal, page: 0 };
      const card = goalCard({ ...view, measures });
      assertValidCard(card, `goal (${lang})`);
      assert.equal(cardTexts(card).filter((x) => x.startsWith('↻')).length, GOAL_MEASURES_PER_PAGE);

      const m = measures[1]!;
      const form = measureFormCard({
        ...view,
        measureId: m.value.id,
        etag: m.etag,
        isNew: false,
        carried: true,
        values: measureValues(m.value),
        issues: [{ field: 'progress', problem: 'invalidChoice' }],
      });
      assertValidCard(form, `carried form (${lang})`);
      assert.ok(
        cardTexts(form).some((x) => x.includes('2031')),
        'the plan end year is named',
      );
    });
  }
});
