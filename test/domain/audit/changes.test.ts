import assert from 'node:assert/strict';
import type { Response } from '../../../bot/domain/answers/response';
import {
  fieldChanges,
  inTimeOrder,
  measureVersion,
  roundVersion,
  sheetVersions,
  submitVersion,
} from '../../../bot/domain/audit/changes';
import { fixtureRound } from '../../helpers/questionnaire-fixtures';
import { storedMeasure } from '../../helpers/measure-fixtures';

const ids = { roundId: 'r1', organisationId: 'kuopio' };
const by = { tenantId: 't1', aadObjectId: 'a1', name: 'Anna A' };
const at = new Date('2025-09-02T06:00:00Z');

describe('versions: what changed', () => {
  it('treats empty text, an empty list and absence as the same nothing', () => {
    assert.deepEqual(
      fieldChanges({ a: '', b: [], c: 'x', d: ['p'] }, { b: undefined, c: 'y', d: ['p'] }, [
        'a',
        'b',
        'c',
        'd',
      ]),
      { c: { from: 'x', to: 'y' } },
    );
  });

  it('records a measure created, edited and deleted: the first, the changed and the last values', () => {
    const m = storedMeasure().value;
    const created = measureVersion(ids, undefined, m, by, at);
    assert.equal(created.action, 'create');
    assert.equal(created.measureId, m.id);
    assert.ok(Object.values(created.changes).every((c) => c.from === null && c.to !== null));
    assert.ok(!('updatedBy' in created.changes), 'who and when are the version’s own');
    const edited = measureVersion(ids, m, { ...m, owner: 'Uusi', updatedBy: 'B' }, by, at);
    assert.deepEqual(edited.changes, { owner: { from: m.owner, to: 'Uusi' } });
    const deleted = measureVersion(ids, m, undefined, by, at);
    assert.equal(deleted.action, 'delete');
    assert.deepEqual(deleted.changes.description, { from: m.description, to: null });
  });

  it('puts a reopen before the first change after a submission, and only then', () => {
    const submitted: Response = {
      ...ids,
      state: 'submitted',
      submittedAt: '2025-09-01T10:00:00.000Z',
      updatedAt: '2025-09-01T10:00:00.000Z',
    };
    const own = measureVersion(ids, undefined, storedMeasure().value, by, at);
    assert.deepEqual(
      sheetVersions(submitted, own).map((v) => v.action),
      ['reopen', 'create'],
    );
    const changedSince = { ...submitted, updatedAt: '2025-09-01T11:00:00.000Z' };
    assert.deepEqual(sheetVersions(changedSince, own), [own]);
    assert.deepEqual(sheetVersions(undefined, own), [own]);
    const submit = submitVersion(
      ids,
      changedSince,
      { ...changedSince, submittedAt: at.toISOString() },
      by,
      at,
    );
    assert.deepEqual(Object.keys(submit.changes), ['submittedAt']);
    const same = [submit, own, sheetVersions(submitted, own)[0]!].sort(inTimeOrder);
    assert.deepEqual(
      same.map((v) => v.action),
      ['reopen', 'create', 'submit'],
    );
  });

  it('records a round’s set-up by setting, goal and organisation field, named by path', () => {
    const before = fixtureRound();
    const after = {
      ...before,
      region: 'Savo',
      goals: [before.goals[1]!, before.goals[0]!],
      organisations: [
        { ...before.organisations[0]!, respondents: [{ email: 'uusi@kuopio.fi' }] },
        ...before.organisations.slice(1, 3),
        {
          id: 'uusi',
          name: 'Uusi ry',
          kind: 'ngo' as const,
          language: 'fi' as const,
          respondents: [],
        },
      ],
    };
    const v = roundVersion(before, after, by, at);
    assert.equal(v.action, 'update');
    assert.deepEqual(Object.keys(v.changes).sort(), [
      'goals.elintavat',
      'goalsOrder',
      'organisations.kuopio.respondents',
      'organisations.mtr',
      'organisations.uusi',
      'region',
    ]);
    assert.deepEqual(v.changes['organisations.kuopio.respondents']?.to, [
      { email: 'uusi@kuopio.fi' },
    ]);
    assert.equal(v.changes['organisations.mtr']?.to, null);
    assert.equal(roundVersion(undefined, before, by, at).action, 'create');
    assert.deepEqual(roundVersion(before, before, by, at).changes, {});
  });
});
