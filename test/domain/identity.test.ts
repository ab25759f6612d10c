import assert from 'node:assert/strict';
import { resolveRespondent } from '../../bot/domain/identity';
import { AAD, BEFORE_DEADLINE, fixtureRound, user } from '../helpers/questionnaire-fixtures';

describe('resolveRespondent', () => {
  const round = fixtureRound();

  it('finds a respondent by e-mail, ignoring case', () => {
    const r = resolveRespondent([round], user('anna'), BEFORE_DEADLINE);
    assert.equal(r.kind, 'respondent');
    assert.equal(r.kind === 'respondent' && r.organisation.id, 'kuopio');
  });

  it('finds a respondent by Entra object id, ignoring case', () => {
    const r = resolveRespondent(
      [round],
      user('siri', { aadObjectId: AAD.siri.toUpperCase() }),
      BEFORE_DEADLINE,
    );
    assert.equal(r.kind === 'respondent' && r.organisation.id, 'larsmo');
  });

  it('does not match an e-mail against an object id or a missing e-mail', () => {
    const r = resolveRespondent([round], user('stranger', { email: AAD.ben }), BEFORE_DEADLINE);
    assert.equal(r.kind, 'none');
  });

  it('tells a non-respondent the coordinators e-mails', () => {
    const r = resolveRespondent([round], user('stranger'), BEFORE_DEADLINE);
    assert.deepEqual(r, { kind: 'none', contacts: ['koordinaattori@example.fi'] });
  });

  it('refuses card data naming another organisation or round', () => {
    const other = resolveRespondent([round], user('anna'), BEFORE_DEADLINE, {
      organisationId: 'larsmo',
    });
    assert.equal(other.kind, 'foreign');
    const otherRound = resolveRespondent([round], user('anna'), BEFORE_DEADLINE, {
      roundId: 'another-round',
      organisationId: 'kuopio',
    });
    assert.equal(otherRound.kind, 'foreign');
  });

  it('accepts card data naming the user own organisation', () => {
    const r = resolveRespondent([round], user('ben'), BEFORE_DEADLINE, {
      roundId: round.id,
      organisationId: 'kuopio',
    });
    assert.equal(r.kind === 'respondent' && r.organisation.id, 'kuopio');
  });

  describe('with several rounds', () => {
    const later = fixtureRound({
      id: 'later-2025',
      deadline: '2025-10-01T16:00:00+03:00',
      meetingAt: '2025-10-10T09:00:00+03:00',
    });
    const closed = fixtureRound({
      id: 'spring-2025',
      deadline: '2025-05-01T16:00:00+03:00',
      meetingAt: '2025-05-10T09:00:00+03:00',
    });

    it('picks the open round with the nearest deadline', () => {
      const r = resolveRespondent([later, closed, round], user('anna'), BEFORE_DEADLINE);
      assert.equal(r.kind === 'respondent' && r.round.id, round.id);
      assert.equal(r.kind === 'respondent' && r.all.length, 3);
    });

    it('lets card data choose among the user own rounds', () => {
      const r = resolveRespondent([later, closed, round], user('anna'), BEFORE_DEADLINE, {
        roundId: 'spring-2025',
      });
      assert.equal(r.kind === 'respondent' && r.round.id, 'spring-2025');
    });

    it('falls back to the most recently closed round when none is open', () => {
      const r = resolveRespondent([closed, round], user('anna'), new Date('2025-12-01T00:00:00Z'));
      assert.equal(r.kind === 'respondent' && r.round.id, round.id);
    });

    it('honours closesAt, the hook for a reopened round', () => {
      const reopened = fixtureRound({ closesAt: '2025-09-12T16:00:00+03:00' });
      const r = resolveRespondent(
        [reopened, later],
        user('anna'),
        new Date('2025-09-10T09:00:00Z'),
      );
      assert.equal(r.kind === 'respondent' && r.round.id, reopened.id);
    });
  });
});
