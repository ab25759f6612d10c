import assert from 'node:assert/strict';
import { LANGS } from '../../bot/domain/localized-text';
import { reviewSheet } from '../../bot/domain/answers/review';
import {
  GOAL_MEASURES_PER_PAGE,
  MEASURE_INPUTS,
  Verbs,
  cardBytes,
  deleteConfirmCard,
  foreignCard,
  goalCard,
  measureFormCard,
  measureValues,
  notRespondentCard,
  organisationFormCard,
  answerValues,
  overviewCard,
  reviewCard,
  submittedCard,
  type Card,
} from '../../cards';
import { assertValidCard, cardTexts } from '../helpers/card-check';
import { hugeMeasure, storedMeasure } from '../helpers/measure-fixtures';
import { fixtureRound, sheet } from '../helpers/questionnaire-fixtures';

/** Every element of a given type, depth first. */
function elements(node: unknown, type: string): Array<Record<string, unknown>> {
  if (Array.isArray(node)) return node.flatMap((n) => elements(n, type));
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  return [...(o.type === type ? [o] : []), ...Object.values(o).flatMap((v) => elements(v, type))];
}
function verbsOf(card: Card): string[] {
  return elements(card, 'Action.Execute').map((a) => String(a.verb));
}
function inputs(card: Card): Array<Record<string, unknown>> {
  return [...elements(card, 'Input.Text'), ...elements(card, 'Input.ChoiceSet')];
}
/** A card is fully bound: no template expression left (fixture data contains none). */
function assertBound(card: Card, label: string): void {
  assert.ok(!JSON.stringify(card).includes('${'), `${label}: unbound template expression`);
}
function check(card: Card, label: string): Card {
  assertValidCard(card, label);
  assertBound(card, label);
  return card;
}

const submittedResponse = {
  roundId: 'pohjois-savo-2025',
  organisationId: 'kuopio',
  state: 'submitted' as const,
  submittedAt: '2025-09-01T10:00:00.000Z',
  submittedBy: 'Anna A',
  updatedAt: '2025-09-01T12:00:00.000Z',
  updatedBy: 'Ben B',
};

describe('questionnaire cards', () => {
  for (const lang of LANGS) {
    describe(`in ${lang}`, () => {
      it('overview: not started, draft, changed after submit, read-only, other rounds', () => {
        const base = { measureCounts: { elintavat: 2 }, orgAnswered: false, others: [], page: 0 };
        check(overviewCard({ ...sheet(lang), ...base, response: undefined }), 'overview new');
        const changed = check(
          overviewCard({
            ...sheet(lang),
            ...base,
            response: submittedResponse,
            flash: 'measureSaved',
            others: [{ roundId: 'r2', organisationId: 'o2', label: 'Toinen kierros – Org' }],
          }),
          'overview changed',
        );
        assert.ok(verbsOf(changed).includes(Verbs.goalOpen));
        assert.ok(verbsOf(changed).includes(Verbs.organisationOpen));
        assert.ok(verbsOf(changed).includes(Verbs.responseReview));
        check(
          overviewCard({
            ...sheet(lang, { readOnly: true }),
            ...base,
            response: submittedResponse,
          }),
          'overview read-only',
        );
      });

      it('goal card: empty, with measures, read-only', () => {
        const empty = check(
          goalCard({ ...sheet(lang), goal: fixtureRound().goals[0]!, measures: [], page: 0 }),
          'goal empty',
        );
        assert.deepEqual(verbsOf(empty), [Verbs.measureAdd, Verbs.questionnaireOpen]);
        const measures = [storedMeasure(), storedMeasure({ metrics: '', partners: [] })];
        const card = check(
          goalCard({
            ...sheet(lang),
            goal: fixtureRound().goals[0]!,
            measures,
            page: 0,
            flash: 'measureSaved',
          }),
          'goal',
        );
        const verbs = verbsOf(card);
        assert.equal(verbs.filter((v) => v === Verbs.measureEdit).length, 2);
        assert.equal(verbs.filter((v) => v === Verbs.measureDelete).length, 2);
        assert.equal(verbs.filter((v) => v === Verbs.measureAdd).length, 1);
        assert.equal(verbs.filter((v) => v === Verbs.measureHistory).length, 2);
        const ro = check(
          goalCard({
            ...sheet(lang, { readOnly: true }),
            goal: fixtureRound().goals[0]!,
            measures,
            page: 0,
          }),
          'goal read-only',
        );
        // After the deadline the history is still there to read.
        assert.deepEqual(verbsOf(ro), [
          Verbs.measureHistory,
          Verbs.measureHistory,
          Verbs.questionnaireOpen,
        ]);
      });

      it('goal card: a long list of maximal measures paginates under 40 KB', () => {
        const measures = Array.from({ length: 25 }, () => hugeMeasure());
        const goal = fixtureRound().goals[0]!;
        for (const page of [0, 1, 2]) {
          const card = check(
            goalCard({ ...sheet(lang), goal, measures, page }),
            `goal page ${page}`,
          );
          const edits = verbsOf(card).filter((v) => v === Verbs.measureEdit).length;
          assert.equal(edits, page < 2 ? GOAL_MEASURES_PER_PAGE : 5);
        }
      });

      it('measure form: new, edit, errors, conflicts', () => {
        const goal = fixtureRound().goals[0]!;
        const common = { ...sheet(lang), goal, measureId: 'new-measure-1', page: 0 };
        const blank = check(
          measureFormCard({ ...common, isNew: true, values: {}, issues: [] }),
          'form new',
        );
        assert.deepEqual(
          inputs(blank)
            .map((i) => i.id)
            .sort(),
          MEASURE_INPUTS.filter((id) => !id.startsWith('progress')).sort(),
          'exactly the contract input ids; progress only for carried measures',
        );
        for (const input of inputs(blank)) assert.ok(input.label, `label on ${String(input.id)}`);
        const stored = hugeMeasure();
        check(
          measureFormCard({
            ...common,
            isNew: false,
            etag: stored.etag,
            values: measureValues(stored.value),
            issues: [],
          }),
          'form edit maximal',
        );
        check(
          measureFormCard({
            ...common,
            isNew: false,
            etag: stored.etag,
            values: measureValues(hugeMeasure().value),
            issues: [],
            conflict: { stored },
          }),
          'form conflict maximal',
        );
        check(
          measureFormCard({
            ...common,
            isNew: false,
            values: measureValues(stored.value),
            issues: [],
            conflict: {},
          }),
          'form conflict deleted',
        );
        check(
          measureFormCard({
            ...common,
            isNew: true,
            values: { description: 'x'.repeat(4000), owner: '' },
            issues: [
              { field: 'description', problem: 'tooLong', max: 4000, length: 100_000 },
              { field: 'owner', problem: 'required' },
              { field: 'concrete', problem: 'invalidChoice' },
            ],
          }),
          'form errors',
        );
      });

      it('organisation form: blank, errors, conflict, read-only', () => {
        const answers = {
          dataFromCounty: 'partly' as const,
          dataFromCountyComment: 'Tietoa erityisryhmistä puuttuu',
          expertSupportComment: '',
          networksWork: 'yes' as const,
          networksWorkComment: '',
          dropFromPlan: 'Lakisääteiset neuvostot',
          addToPlan: '',
          comments: '',
        };
        const common = { ...sheet(lang), base: '0123456789abcdef', issues: [] };
        const blank = check(
          organisationFormCard({ ...common, values: answerValues(undefined) }),
          'org blank',
        );
        for (const input of inputs(blank)) assert.ok(input.label, `label on ${String(input.id)}`);
        check(
          organisationFormCard({
            ...common,
            values: { ...answerValues(answers), comments: 'x'.repeat(4000) },
            issues: [{ field: 'comments', problem: 'tooLong', max: 4000, length: 9000 }],
          }),
          'org errors',
        );
        check(
          organisationFormCard({
            ...common,
            values: answerValues(undefined),
            conflict: { answers, by: 'Ben B', at: '2025-09-01T10:00:00.000Z' },
          }),
          'org conflict',
        );
        const ro = check(
          organisationFormCard({
            ...common,
            ...sheet(lang, { readOnly: true }),
            values: answerValues(answers),
          }),
          'org read-only',
        );
        assert.equal(inputs(ro).filter((i) => !i.$when).length >= 0, true);
        assert.deepEqual(verbsOf(ro), [Verbs.questionnaireOpen]);
      });

      it('review: gaps, submitted, large, read-only', () => {
        const round = fixtureRound();
        const small = reviewSheet(
          round,
          [storedMeasure().value, storedMeasure({ metrics: '' }).value],
          undefined,
        );
        const card = check(
          reviewCard({ ...sheet(lang), review: small, response: undefined, page: 0 }),
          'review',
        );
        assert.ok(verbsOf(card).includes(Verbs.responseSubmit));
        check(
          reviewCard({ ...sheet(lang), review: small, response: submittedResponse, page: 0 }),
          'review submitted',
        );
        const many = Array.from(
          { length: 70 },
          (_, i) => hugeMeasure({ goalId: round.goals[i % 3]!.id }).value,
        );
        const big = reviewSheet(round, many, undefined);
        for (const page of [0, 1, 2]) {
          check(
            reviewCard({ ...sheet(lang), review: big, response: undefined, page }),
            `review page ${page}`,
          );
        }
        const ro = check(
          reviewCard({
            ...sheet(lang, { readOnly: true }),
            review: small,
            response: undefined,
            page: 0,
          }),
          'review read-only',
        );
        assert.ok(!verbsOf(ro).includes(Verbs.responseSubmit));
      });

      it('submitted, delete confirmation, not a respondent, foreign', () => {
        check(submittedCard({ ...sheet(lang), response: submittedResponse }), 'submitted');
        check(
          deleteConfirmCard({
            ...sheet(lang),
            goal: fixtureRound().goals[0]!,
            measure: hugeMeasure(),
            page: 0,
            changed: true,
          }),
          'delete confirm',
        );
        check(notRespondentCard({ lang, contacts: ['hyte@example.fi'] }), 'not respondent');
        check(notRespondentCard({ lang, contacts: [] }), 'not respondent, no contact');
        check(foreignCard({ lang }), 'foreign');
      });
    });
  }

  it('shows typed text only as TextRuns, so markdown and mentions stay literal', () => {
    const m = storedMeasure();
    const card = goalCard({
      ...sheet('fi'),
      goal: fixtureRound().goals[0]!,
      measures: [m],
      page: 0,
    });
    const runs = elements(card, 'TextRun').map((r) => r.text);
    assert.ok(runs.includes(m.value.description));
    const blocks = elements(card, 'TextBlock').map((b) => String(b.text));
    assert.ok(!blocks.some((b) => b.includes('<at>')), 'no user text in a TextBlock');
  });

  it('puts the message under the refused field and keeps typed values', () => {
    const card = measureFormCard({
      ...sheet('en'),
      goal: fixtureRound().goals[0]!,
      measureId: 'new-measure-1',
      isNew: true,
      page: 0,
      values: { description: 'My text', owner: '', partners: ['pshva', 'mtr'], plan: 'new' },
      issues: [{ field: 'owner', problem: 'required' }],
    });
    const body = JSON.stringify(card);
    const ownerAt = body.indexOf('"id":"owner"');
    const messageAt = body.indexOf('Please fill in this field.', ownerAt);
    const nextInputAt = body.indexOf('"id":"partners"');
    assert.ok(
      ownerAt > 0 && messageAt > ownerAt && messageAt < nextInputAt,
      'message right under owner',
    );
    const [desc] = inputs(card).filter((i) => i.id === 'description');
    const [partners] = inputs(card).filter((i) => i.id === 'partners');
    const [plan] = inputs(card).filter((i) => i.id === 'plan');
    assert.equal(desc?.value, 'My text');
    assert.equal(partners?.value, 'pshva,mtr');
    assert.equal(plan?.value, 'new');
    const save = elements(card, 'Action.Execute').find((a) => a.verb === Verbs.measureSave);
    assert.deepEqual(save?.data, {
      roundId: 'pohjois-savo-2025',
      organisationId: 'kuopio',
      goalId: 'terveyserot',
      page: 0,
      measureId: 'new-measure-1',
    });
    const errorBlock = elements(card, 'TextBlock').find(
      (b) => b.text === '⚠ Please fill in this field.',
    );
    assert.equal(errorBlock?.color, 'attention');
  });

  it('formats the deadline in Helsinki time for each language, with days left', () => {
    const texts = (lang: 'fi' | 'sv' | 'en') =>
      JSON.stringify(
        overviewCard({
          ...sheet(lang),
          response: undefined,
          measureCounts: {},
          orgAnswered: false,
          others: [],
          page: 0,
        }),
      );
    assert.match(texts('fi'), /tiistai 9\. syyskuuta 2025 klo 16\.00 \(7 päivää jäljellä\)/);
    assert.match(texts('sv'), /tisdag 9 september 2025 kl\. 16\.00 \(7 dagar kvar\)/);
    assert.match(texts('en'), /Tuesday,? 9 September 2025 at 16:00 \(7 days left\)/);
  });

  it('paginates a 50-goal overview and names gaps with words, not colour alone', () => {
    const goals = Array.from({ length: 50 }, (_, i) => ({
      id: `goal-${i}`,
      title: { fi: `Tavoite ${i} `.padEnd(200, 'x') },
    }));
    const round = fixtureRound({ goals });
    const view = {
      ...sheet('fi', { round, organisation: round.organisations[0]! }),
      response: undefined,
      measureCounts: {},
      orgAnswered: false,
      others: [],
    };
    const first = check(overviewCard({ ...view, page: 0 }), 'overview 50 goals');
    assert.equal(verbsOf(first).filter((v) => v === Verbs.goalOpen).length, 20);
    assert.ok(cardTexts(first).includes('⚠ Ei vielä toimenpiteitä'));
    const last = check(overviewCard({ ...view, page: 2 }), 'overview page 3');
    assert.equal(verbsOf(last).filter((v) => v === Verbs.goalOpen).length, 10);
    assert.ok(cardBytes(first) < 40 * 1024);
  });
});
