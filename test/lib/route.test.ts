import assert from 'node:assert/strict';
import { z } from 'zod';
import { isDomainError, ValidationError } from '../../bot/domain/errors';
import { type Request, route } from '../../bot/lib/route';
import { personalOrigin, user } from '../helpers/questionnaire-fixtures';

describe('route', () => {
  const anna = user('anna');
  const origin = personalOrigin(anna);
  const Data = z.object({ page: z.coerce.number().int().min(0).default(0) });

  it('hands the handler the parsed data, the data as sent, the user and the origin', async () => {
    const seen: Array<Request<z.output<typeof Data>>> = [];
    const handler = route(Data, async (request) => {
      seen.push(request);
      return undefined;
    });
    await handler(anna, { page: '2', extra: 'x' }, origin);
    await handler(anna, undefined, origin);
    assert.deepEqual(
      seen.map((r) => r.data),
      [{ page: 2 }, { page: 0 }],
    );
    assert.deepEqual(seen[0]?.raw, { page: '2', extra: 'x' });
    assert.equal(seen[0]?.user, anna);
    assert.equal(seen[0]?.origin, origin);
  });

  it('throws a Validation error naming the bad field, and never runs the handler', async () => {
    let ran = false;
    const handler = route(Data, async () => {
      ran = true;
      return undefined;
    });
    for (const bad of [{ page: -1 }, { page: 'many' }, 'not an object', 42]) {
      const error: unknown = await handler(anna, bad, origin).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(isDomainError(error, 'Validation'), `refused ${JSON.stringify(bad)}`);
      assert.equal(error.card, 'invalid');
      if (typeof bad === 'object') {
        assert.deepEqual(
          (error as ValidationError).issues.map((i) => i.path),
          ['page'],
        );
      }
    }
    assert.equal(ran, false);
  });
});
