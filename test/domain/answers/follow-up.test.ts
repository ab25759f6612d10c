import assert from 'node:assert/strict';
import { planCarryOver } from '../../../bot/domain/answers/carry-over';
import { followUpCounts } from '../../../bot/domain/answers/follow-up';
import { compileKoonti } from '../../../bot/domain/koonti';
import { Measure } from '../../../bot/domain/answers/measure';
import type { OrganisationSheet } from '../../../bot/domain/ports';
import type { Response } from '../../../bot/domain/answers/response';
import { roundStatus } from '../../../bot/domain/round-status';
import { fixtureRound } from '../../helpers/questionnaire-fixtures';

const previous = fixtureRound({ id: 'ps-2025' });
const round = fixtureRound({ id: 'ps-2026', previousRound: 'ps-2025' });
const NOW = new Date('2026-08-01T06:00:00Z');

let seq = 0;
function measure(goalId: string, over: Partial<Measure> = {}): Measure {
  seq++;
  return Measure.parse({
    id: `m-${String(seq).padStart(8, '0')}`,
    goalId,
    description: `Toimenpide ${seq}`,
    owner: 'Vastuutaho',
    createdAt: new Date(Date.UTC(2025, 8, 1, 8, seq)).toISOString(),
    createdBy: 'Anna A',
    updatedAt: '2025-09-01T08:00:00.000Z',
    updatedBy: 'Anna A',
    ...over,
  });
}

/** Last year's measures of an organisation as carried into this round. */
function carried(organisationId: string, ...origins: Measure[]): Measure[] {
  return planCarryOver(previous, round, new Map([[organisationId, origins]]), NOW).copies.map(
    (c) => c.measure,
  );
}

/** A respondent's save of a carried measure this round. */
const reviewed = (m: Measure, over: Partial<Measure>): Measure => ({
  ...m,
  ...over,
  updatedAt: '2026-08-05T08:00:00.000Z',
  updatedBy: 'Ben B',
});

function sheet(state: Response['state'] | undefined, measures: Measure[]): OrganisationSheet {
  return {
    response: state
      ? { etag: 'r', value: { roundId: round.id, organisationId: 'x', state } }
      : undefined,
    measures: measures.map((value, i) => ({ value, etag: `e${i}` })),
  };
}

describe('follow-up counts', () => {
  it('counts carried measures by progress (with "none" yet), new ones, and the dropped with reasons', () => {
    const [a, b, c, d] = carried(
      'kuopio',
      measure('terveyserot'),
      measure('terveyserot'),
      measure('terveyserot'),
      measure('terveyserot'),
    );
    const fresh = measure('terveyserot');
    const counts = followUpCounts(
      [
        reviewed(a!, { progress: 'done' }),
        reviewed(b!, { progress: 'dropped', progressNote: ' Rahoitus loppui ' }),
        reviewed(c!, { progress: 'ongoing', description: 'Laajennettu' }),
        d!,
        fresh,
      ].map((m) => ({ organisationId: 'kuopio', measure: m })),
    );
    assert.deepEqual(counts.carried, { done: 1, ongoing: 1, notStarted: 0, dropped: 1, none: 1 });
    assert.equal(counts.new, 1);
    assert.deepEqual(counts.dropped, [
      {
        organisationId: 'kuopio',
        measureId: b!.id,
        description: b!.description,
        reason: 'Rahoitus loppui',
      },
    ]);
  });

  it('puts the counts on each goal of the koonti and on the round, naming the previous round', () => {
    const [a, b] = carried('kuopio', measure('terveyserot'), measure('osallisuus'));
    const [c] = carried('pshva', measure('terveyserot'));
    const k = compileKoonti(
      round,
      new Map([
        [
          'kuopio',
          sheet('submitted', [
            reviewed(a!, { progress: 'notStarted' }),
            b!,
            measure('terveyserot'),
          ]),
        ],
        [
          'pshva',
          sheet('submitted', [reviewed(c!, { progress: 'dropped', progressNote: 'Ei tarvetta' })]),
        ],
      ]),
      { now: NOW },
    );
    const goal = (id: string) => k.goals.find((g) => g.goal.id === id)!.followUp;
    assert.deepEqual(goal('terveyserot').carried, {
      done: 0,
      ongoing: 0,
      notStarted: 1,
      dropped: 1,
      none: 0,
    });
    assert.equal(goal('terveyserot').new, 1);
    assert.deepEqual(
      goal('terveyserot').dropped.map((d) => [d.organisationId, d.reason]),
      [['pshva', 'Ei tarvetta']],
    );
    assert.deepEqual(goal('osallisuus').carried.none, 1);
    assert.equal(goal('elintavat').new + goal('elintavat').carried.none, 0);
    assert.equal(k.followUp.fromRoundId, 'ps-2025');
    assert.equal(k.followUp.new, 1);
    assert.equal(
      k.followUp.carried.dropped + k.followUp.carried.notStarted + k.followUp.carried.none,
      3,
    );
  });

  it('does not count an untouched carried sheet as an answer, in the koonti or the status', () => {
    const copies = carried('kuopio', measure('terveyserot'), measure('osallisuus'));
    const sheets = new Map([
      ['kuopio', sheet(undefined, copies)],
      ['pshva', sheet('sent', carried('pshva', measure('terveyserot')))],
    ]);
    const status = roundStatus(round, sheets);
    const kuopio = status.organisations.find((o) => o.id === 'kuopio')!;
    assert.equal(kuopio.state, 'not-reached');
    assert.equal(kuopio.measures, 2);
    assert.equal(kuopio.lastChange, undefined, 'the copy is not a change anyone made');
    assert.equal(status.organisations.find((o) => o.id === 'pshva')?.state, 'sent');
    const k = compileKoonti(round, sheets, { now: NOW, includeDrafts: true });
    assert.equal(k.totals.draft, 0);
    assert.equal(k.totals.measures, 0);
    // Once someone saves one, the sheet is a draft like any other.
    sheets.set(
      'kuopio',
      sheet(undefined, [reviewed(copies[0]!, { progress: 'ongoing' }), copies[1]!]),
    );
    const after = roundStatus(round, sheets).organisations.find((o) => o.id === 'kuopio')!;
    assert.equal(after.state, 'draft');
    assert.equal(after.lastChangeBy, 'Ben B');
  });

  it('gives each organisation’s status how many measures were carried and how many have a progress', () => {
    const copies = carried(
      'kuopio',
      measure('terveyserot'),
      measure('osallisuus'),
      measure('elintavat'),
    );
    const sheets = new Map([
      [
        'kuopio',
        sheet('draft', [
          reviewed(copies[0]!, { progress: 'done' }),
          ...copies.slice(1),
          measure('terveyserot'),
        ]),
      ],
    ]);
    const status = roundStatus(round, sheets);
    const by = new Map(status.organisations.map((o) => [o.id, o]));
    assert.deepEqual(
      [by.get('kuopio')?.carried, by.get('kuopio')?.carriedReviewed, by.get('kuopio')?.measures],
      [3, 1, 4],
    );
    assert.deepEqual([by.get('mtr')?.carried, by.get('mtr')?.carriedReviewed], [0, 0]);
  });
});
