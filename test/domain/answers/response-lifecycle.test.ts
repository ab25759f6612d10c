import assert from 'node:assert/strict';
import { OrganisationAnswers } from '../../../bot/domain/answers/organisation-answers';
import {
  afterChange,
  afterSubmit,
  answersDigest,
  changedAfterSubmit,
} from '../../../bot/domain/answers/response-lifecycle';

const ids = { roundId: 'r1', organisationId: 'kuopio' };
const anna = { tenantId: 't1', name: 'Anna A', aadObjectId: 'ABC-1' };
const t0 = new Date('2025-09-01T10:00:00Z');
const t1 = new Date('2025-09-02T10:00:00Z');

describe('response lifecycle', () => {
  it('becomes a draft on the first save and records who changed it', () => {
    const r = afterChange(undefined, ids, anna, t0);
    assert.equal(r.state, 'draft');
    assert.equal(r.updatedBy, 'Anna A');
    assert.equal(r.updatedAt, t0.toISOString());
  });

  it('records who submitted and when; a later change keeps it submitted but marks it', () => {
    const submitted = afterSubmit(afterChange(undefined, ids, anna, t0), ids, anna, t0);
    assert.equal(submitted.state, 'submitted');
    assert.equal(submitted.submittedBy, 'Anna A');
    assert.equal(submitted.submittedById, 'abc-1');
    assert.equal(changedAfterSubmit(submitted), false);
    const changed = afterChange(
      submitted,
      ids,
      { tenantId: 't1', name: '', aadObjectId: 'def' },
      t1,
    );
    assert.equal(changed.state, 'submitted');
    assert.equal(changed.updatedBy, 'def', 'falls back to the object id without a name');
    assert.equal(changedAfterSubmit(changed), true);
  });

  it('digests answers independently of defaults and key order', () => {
    const a = OrganisationAnswers.parse({ comments: 'x', dataFromCounty: 'yes' });
    assert.equal(
      answersDigest(a),
      answersDigest({ dataFromCounty: 'yes', comments: 'x' } as never),
    );
    assert.notEqual(answersDigest(a), answersDigest(undefined));
    assert.match(answersDigest(undefined), /^[0-9a-f]{16}$/);
  });
});
