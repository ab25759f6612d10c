import assert from 'node:assert/strict';
import { measureVersion, pointVersion, roundVersion } from '../../../bot/domain/audit/changes';
import {
  type ErasedPerson,
  eraseInMeasure,
  eraseInPoint,
  eraseInReference,
  eraseInResponse,
  eraseInVersion,
  withoutPerson,
} from '../../../bot/domain/audit/erasure';
import { pseudonymOf } from '../../../bot/domain/audit/pseudonym';
import { storedMeasure } from '../../helpers/measure-fixtures';
import { AAD, fixtureRound } from '../../helpers/questionnaire-fixtures';

const ids = { roundId: 'pohjois-savo-2025', organisationId: 'kuopio' };
const at = new Date('2025-09-02T06:00:00Z');
const anna = { tenantId: 't1', aadObjectId: AAD.anna, name: 'Anna A' };
const ben = { tenantId: 't1', aadObjectId: AAD.ben, name: 'Anna A' }; // a namesake
const person: ErasedPerson = {
  aadObjectIds: new Set([AAD.anna]),
  emails: new Set(['anna@kuopio.fi']),
  labels: new Set(['anna a', AAD.anna, 'anna@kuopio.fi']),
  pseudonym: 'Henkilö 123abc',
};

describe('erasure rules', () => {
  it('makes one pseudonym per person and key, unlike another person’s or under another key', () => {
    const a = pseudonymOf('k', { aadObjectIds: [AAD.anna.toUpperCase()], emails: ['x@y.fi'] });
    assert.match(a, /^Henkilö [0-9a-f]{6}$/);
    assert.equal(a, pseudonymOf('k', { aadObjectIds: [AAD.anna], emails: [] }));
    assert.notEqual(a, pseudonymOf('k', { aadObjectIds: [AAD.ben], emails: [] }));
    assert.notEqual(a, pseudonymOf('other key', { aadObjectIds: [AAD.anna], emails: [] }));
  });

  it('renames the person in a version, a removed point’s author and a round’s people', () => {
    const m = storedMeasure().value;
    const mine = eraseInVersion(person, measureVersion(ids, undefined, m, anna, at));
    assert.deepEqual(mine?.by, { tenantId: 't1', aadObjectId: '', name: 'Henkilö 123abc' });
    assert.equal(eraseInVersion(person, measureVersion(ids, undefined, m, ben, at)), undefined);
    const point = {
      ...ids,
      goalId: 'g',
      seq: 3,
      text: 'x',
      author: 'Anna A',
      authorId: AAD.anna,
      at: at.toISOString(),
      via: 'reply' as const,
    };
    const removed = eraseInVersion(
      person,
      pointVersion(point, 'delete', { ...ben, name: 'Olli' }, at),
    );
    assert.equal(removed?.by.name, 'Olli');
    assert.deepEqual(removed?.changes.author, { from: 'Henkilö 123abc', to: null });
    assert.deepEqual(removed?.changes.authorId, { from: null, to: null });
    const round = fixtureRound();
    const created = eraseInVersion(person, roundVersion(undefined, round, anna, at));
    const text = JSON.stringify(created);
    assert.ok(!text.includes('anna@kuopio.fi') && !text.includes(AAD.anna));
    assert.match(text, /"pseudonym":"Henkilö 123abc"/);
    assert.ok(text.includes(AAD.ben), 'others stay');
    assert.deepEqual(eraseInPoint(person, point), {
      ...point,
      author: 'Henkilö 123abc',
      authorId: '',
    });
  });

  it('tells a measure’s writers by its versions, and by name only where it has none', () => {
    const m = { ...storedMeasure().value, createdBy: 'Anna A', updatedBy: 'Anna A' };
    const byBen = [measureVersion(ids, undefined, m, ben, at)];
    assert.equal(eraseInMeasure(person, m, byBen), undefined, 'a namesake’s measure stays');
    const mixed = [byBen[0]!, measureVersion(ids, m, m, anna, new Date(at.getTime() + 1))];
    assert.deepEqual(
      [eraseInMeasure(person, m, mixed)?.createdBy, eraseInMeasure(person, m, mixed)?.updatedBy],
      ['Anna A', 'Henkilö 123abc'],
    );
    assert.equal(eraseInMeasure(person, m, [])?.createdBy, 'Henkilö 123abc');
    const r = {
      ...ids,
      state: 'submitted' as const,
      submittedBy: 'Anna A',
      submittedById: AAD.anna,
    };
    const erased = eraseInResponse(person, r, []);
    assert.equal(erased?.submittedBy, 'Henkilö 123abc');
    assert.ok(erased && !('submittedById' in erased));
  });

  it('takes the person out of respondents and coordinators where they count, and the speaker out of a reference', () => {
    const round = fixtureRound({ tenantId: '11111111-2222-3333-4444-555555555555' });
    const without = withoutPerson(person, round);
    assert.deepEqual(without?.removed, [
      { roundId: round.id, role: 'respondent', organisationId: 'kuopio' },
    ]);
    assert.deepEqual(without?.round.organisations[0]?.respondents, [{ aadObjectId: AAD.ben }]);
    assert.equal(withoutPerson({ ...person, tenantId: 'another-tenant' }, round), undefined);
    const olli = { ...person, aadObjectIds: new Set([AAD.olli]), emails: new Set<string>() };
    assert.deepEqual(withoutPerson(olli, round)?.removed, [
      { roundId: round.id, role: 'coordinator' },
    ]);
    const ref = {
      reference: {
        conversation: { id: '19:c' },
        user: { id: '29:x', aadObjectId: AAD.anna, name: 'Anna A' },
      },
      tenantId: 't1',
      conversationType: 'channel',
      name: 'Anna A',
      updatedAt: at.toISOString(),
    };
    assert.deepEqual(eraseInReference(person, ref), {
      reference: { conversation: { id: '19:c' } },
      tenantId: 't1',
      conversationType: 'channel',
      updatedAt: at.toISOString(),
    });
  });
});
