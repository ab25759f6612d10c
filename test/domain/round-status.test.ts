import assert from 'node:assert/strict';
import type { Delivery } from '../../bot/domain/delivery';
import type { OrganisationSheet } from '../../bot/domain/ports';
import { roundStatus } from '../../bot/domain/round-status';
import { AAD, fixtureRound } from '../helpers/questionnaire-fixtures';

const delivery = (over: Partial<Delivery>): Delivery => ({
  roundId: 'pohjois-savo-2025',
  organisationId: 'kuopio',
  person: `aad:${AAD.ben}`,
  purpose: 'launch',
  state: 'sent',
  at: '2025-09-01T08:00:00.000Z',
  attempts: 1,
  ...over,
});

describe('round status', () => {
  it('orders problems first and counts every state', () => {
    const sheets = new Map<string, OrganisationSheet>([
      [
        'mtr',
        {
          response: {
            etag: 'e',
            value: { roundId: 'r', organisationId: 'mtr', state: 'submitted' },
          },
          measures: [],
        },
      ],
      [
        'larsmo',
        {
          response: {
            etag: 'e',
            value: {
              roundId: 'r',
              organisationId: 'larsmo',
              state: 'draft',
              updatedAt: '2025-09-03T10:00:00.000Z',
              updatedBy: 'Siri',
            },
          },
          measures: [],
        },
      ],
    ]);
    const s = roundStatus(fixtureRound(), sheets, [delivery({})]);
    assert.deepEqual(
      s.organisations.map((o) => [o.id, o.state]),
      [
        ['pshva', 'not-reached'],
        ['kuopio', 'sent'],
        ['larsmo', 'draft'],
        ['mtr', 'submitted'],
      ],
    );
    assert.equal(s.totals.responseRate, 0.25);
    assert.equal(s.organisations[2]?.lastChangeBy, 'Siri');
  });

  it('reports each respondent delivery, blocks with their reason, and reminder history', () => {
    const s = roundStatus(fixtureRound(), new Map(), [
      delivery({}),
      delivery({ person: 'email:anna@kuopio.fi', state: 'blocked', reason: 'blocked' }),
      delivery({ purpose: 'reminder|P2D', at: '2025-09-07T05:00:00.000Z' }),
      delivery({
        purpose: 'reminder|P7D',
        at: '2025-09-02T05:00:00.000Z',
        person: 'email:anna@kuopio.fi',
      }),
      delivery({ purpose: 'reminder|PT4H', state: 'failed' }),
    ]);
    const kuopio = s.organisations.find((o) => o.id === 'kuopio');
    assert.deepEqual(kuopio?.respondents, [
      { person: { email: 'anna@kuopio.fi' }, delivery: 'blocked', reason: 'blocked' },
      { person: { aadObjectId: AAD.ben }, delivery: 'sent' },
    ]);
    assert.deepEqual(
      kuopio?.reminders.map((r) => r.slot),
      ['P7D', 'P2D'],
    );
  });

  it('counts an organisation with measures but no response record as a draft', () => {
    const sheet: OrganisationSheet = {
      response: undefined,
      measures: [
        {
          etag: 'e',
          value: {
            id: 'measure-0001',
            goalId: 'elintavat',
            description: 'x',
            owner: 'y',
            partners: [],
            partnersOther: '',
            metrics: '',
            targetGroup: '',
            timeframe: '',
            notes: '',
            createdAt: '2025-09-01T08:00:00.000Z',
            createdBy: 'A',
            updatedAt: '2025-09-02T08:00:00.000Z',
            updatedBy: 'B',
          },
        },
      ],
    };
    const s = roundStatus(fixtureRound(), new Map([['mtr', sheet]]));
    const mtr = s.organisations.find((o) => o.id === 'mtr');
    assert.equal(mtr?.state, 'draft');
    assert.equal(mtr?.measures, 1);
    assert.equal(mtr?.lastChangeBy, 'B');
  });
});
