import assert from 'node:assert/strict';
import { compileKoonti, measureFlags } from '../../bot/domain/koonti';
import type { Measure } from '../../bot/domain/answers/measure';
import type { OrganisationSheet } from '../../bot/domain/ports';
import type { Response } from '../../bot/domain/answers/response';
import { fixtureRound } from '../helpers/questionnaire-fixtures';

let n = 0;
function m(goalId: string, over: Partial<Measure> = {}): { value: Measure; etag: string } {
  n++;
  return {
    etag: `e${n}`,
    value: {
      id: `measure-${String(n).padStart(4, '0')}`,
      goalId,
      description: `Toimenpide ${n}`,
      owner: 'Vastuutaho',
      partners: [],
      partnersOther: '',
      metrics: 'Mittari',
      targetGroup: '',
      timeframe: '',
      notes: '',
      concrete: 'yes',
      changeBy2029: 'yes',
      createdAt: new Date(Date.UTC(2025, 8, 1, 8, n)).toISOString(),
      createdBy: 'X',
      updatedAt: '2025-09-01T08:00:00.000Z',
      updatedBy: 'X',
      ...over,
    },
  };
}

function sheet(
  state: Response['state'] | undefined,
  measures: ReturnType<typeof m>[],
  answers?: Response['answers'],
): OrganisationSheet {
  return {
    response: state
      ? { etag: 'r', value: { roundId: 'pohjois-savo-2025', organisationId: 'x', state, answers } }
      : undefined,
    measures,
  };
}

const now = new Date('2025-09-10T06:00:00Z');

describe('koonti', () => {
  it('flags measures without owner, metric or partner, not concrete, no change by 2029', () => {
    assert.deepEqual(measureFlags(m('terveyserot').value), ['noPartner']);
    assert.deepEqual(
      measureFlags(
        m('terveyserot', { owner: ' ', metrics: '', concrete: 'no', changeBy2029: 'no' }).value,
      ),
      ['noOwner', 'noMetric', 'noPartner', 'notConcrete', 'noChangeBy2029'],
    );
    assert.deepEqual(measureFlags(m('x', { partnersOther: 'Seurakunta' }).value), []);
  });

  it('groups submitted measures by goal in round order, with counts and the cooperation map', () => {
    const round = fixtureRound();
    const sheets = new Map([
      [
        'kuopio',
        sheet(
          'submitted',
          [
            m('elintavat', { partners: ['pshva', 'mtr'] }),
            m('terveyserot', { partners: ['pshva'], metrics: '' }),
            m('terveyserot'),
          ],
          {
            dataFromCounty: 'partly',
            dataFromCountyComment: 'Tieto tulee myöhässä',
            expertSupportComment: '',
            networksWorkComment: '',
            dropFromPlan: '',
            addToPlan: 'Nuorten osallisuus',
            comments: '',
          },
        ),
      ],
      ['larsmo', sheet('draft', [m('terveyserot', { partners: ['kuopio'] })])],
      ['pshva', sheet('submitted', [m('terveyserot', { partners: ['kuopio'] })])],
    ]);
    const k = compileKoonti(round, sheets, { now });
    assert.deepEqual(
      k.goals.map((g) => g.goal.id),
      ['terveyserot', 'osallisuus', 'elintavat'],
    );
    const terveyserot = k.goals[0]!;
    assert.equal(terveyserot.measures.length, 3, 'the draft is left out');
    assert.deepEqual(terveyserot.organisationIds, ['kuopio', 'pshva']);
    assert.equal(terveyserot.flagCounts.noMetric, 1);
    assert.equal(terveyserot.flagCounts.noPartner, 1);
    assert.equal(k.goals[1]!.noCooperation, true);
    assert.deepEqual(k.cooperation.goalsWithoutCooperation, ['osallisuus']);
    assert.deepEqual(
      k.cooperation.links.map((l) => `${l.from}>${l.to}:${l.measures}`),
      ['kuopio>pshva:2', 'kuopio>mtr:1', 'pshva>kuopio:1'],
    );
    assert.equal(k.totals.submitted, 2);
    assert.equal(k.totals.draft, 1);
    assert.equal(k.totals.measures, 4);
    assert.equal(k.totals.responseRate, 0.5);
    assert.deepEqual(
      k.notAnswered.map((o) => [o.id, o.state]),
      [
        ['larsmo', 'draft'],
        ['mtr', 'not-reached'],
      ],
    );
    assert.equal(k.organisationAnswers.ratings.dataFromCounty.partly, 1);
    assert.equal(k.organisationAnswers.ratings.dataFromCounty.unanswered, 1);
    assert.deepEqual(
      k.organisationAnswers.texts.map((t) => [t.organisationId, t.field]),
      [
        ['kuopio', 'dataFromCountyComment'],
        ['kuopio', 'addToPlan'],
      ],
    );
  });

  it('includes drafts when asked, ignores goals removed from the round and self-partnering', () => {
    const round = fixtureRound();
    const sheets = new Map([
      ['larsmo', sheet(undefined, [m('terveyserot', { partners: ['larsmo'] }), m('removed-goal')])],
    ]);
    const k = compileKoonti(round, sheets, { now, includeDrafts: true });
    assert.equal(k.totals.draft, 1);
    assert.equal(k.totals.measures, 1);
    assert.deepEqual(k.goals[0]!.measures[0]!.partners, []);
    assert.equal(k.cooperation.links.length, 0);
  });

  it('counts answers by organisation kind', () => {
    const k = compileKoonti(fixtureRound(), new Map([['mtr', sheet('submitted', [])]]), { now });
    assert.deepEqual(k.totals.byKind.ngo, { organisations: 1, submitted: 1 });
    assert.deepEqual(k.totals.byKind.municipality, { organisations: 2, submitted: 0 });
  });
});
