import assert from 'node:assert/strict';
import { parseForm } from '../../../bot/domain/answers/form-input';
import { MeasureFields } from '../../../bot/domain/answers/measure';
import { OrganisationAnswers } from '../../../bot/domain/answers/organisation-answers';

describe('parseForm', () => {
  it('parses card inputs: trims, splits multi-selects, blank choices unanswered', () => {
    const r = parseForm(MeasureFields, {
      description: '  Liikuntaneuvonta  ',
      owner: 'Liikuntapalvelut',
      partners: 'pshva,mtr',
      concrete: '',
      plan: 'intensify',
      verb: 'measure.save',
      roundId: 'x',
      injected: { a: 1 },
    });
    assert.ok(r.ok);
    assert.equal(r.value.description, 'Liikuntaneuvonta');
    assert.deepEqual(r.value.partners, ['pshva', 'mtr']);
    assert.equal(r.value.concrete, undefined);
    assert.equal(r.value.plan, 'intensify');
    assert.equal(r.value.metrics, '');
    assert.ok(!('injected' in r.value) && !('verb' in r.value));
  });

  it('reports one issue per field and keeps every typed value', () => {
    const r = parseForm(MeasureFields, {
      description: 'x'.repeat(100_000),
      owner: '   ',
      metrics: 'Mittari',
      concrete: 'maybe',
      timeframe: 2026,
      partners: 'pshva',
    });
    assert.ok(!r.ok);
    assert.deepEqual(r.issues, [
      { field: 'description', problem: 'tooLong', max: 4000, length: 100_000 },
      { field: 'owner', problem: 'required' },
      { field: 'timeframe', problem: 'invalid' },
      { field: 'concrete', problem: 'invalidChoice' },
    ]);
    assert.equal(r.values.description, 'x'.repeat(4000), 'clipped to the limit for showing');
    assert.equal(r.values.owner, '   ');
    assert.equal(r.values.metrics, 'Mittari');
    assert.equal(r.values.timeframe, '2026');
    assert.deepEqual(r.values.partners, ['pshva']);
  });

  it('treats a missing required field as required and wrong types as invalid', () => {
    const r = parseForm(OrganisationAnswers, { dataFromCounty: 5, comments: ['a'] });
    assert.ok(!r.ok);
    assert.deepEqual(r.issues, [
      { field: 'dataFromCounty', problem: 'invalidChoice' },
      { field: 'comments', problem: 'invalid' },
    ]);
    const m = parseForm(MeasureFields, {});
    assert.ok(!m.ok);
    assert.deepEqual(
      m.issues.map((i) => [i.field, i.problem]),
      [
        ['description', 'required'],
        ['owner', 'required'],
      ],
    );
  });

  it('accepts a non-object as an empty form', () => {
    const r = parseForm(OrganisationAnswers, 'nonsense');
    assert.ok(r.ok);
    assert.equal(r.value.comments, '');
  });
});
