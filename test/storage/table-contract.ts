import assert from 'node:assert/strict';
import { isDomainError } from '../../bot/domain/errors';
import type { Entity, TableService } from '../../storage/table';

async function all(it: AsyncIterable<Entity>): Promise<Entity[]> {
  const out: Entity[] = [];
  for await (const e of it) out.push(e);
  return out;
}

const is = (kind: Parameters<typeof isDomainError>[1]) => (e: unknown) => isDomainError(e, kind);

/** The behaviour every TableService must share; run against Azurite and the in-memory twin. */
export function tableContract(makeService: () => TableService): void {
  let service: TableService;
  beforeEach(() => {
    service = makeService();
  });

  it('creates once: a second create of the same key is AlreadyExists, the first kept', async () => {
    const t = service.table('items');
    await t.create('p', 'r', { v: 1 });
    await assert.rejects(t.create('p', 'r', { v: 2 }), is('AlreadyExists'));
    assert.deepEqual((await t.get('p', 'r'))?.doc, { v: 1 });
  });

  it('replaces with the current ETag and refuses a stale one without overwriting', async () => {
    const t = service.table('items');
    const first = await t.create('p', 'r', { v: 1 });
    const second = await t.replace('p', 'r', { v: 2 }, first.etag);
    assert.notEqual(second.etag, first.etag);
    await assert.rejects(t.replace('p', 'r', { v: 3 }, first.etag), is('Conflict'));
    const now = await t.get('p', 'r');
    assert.deepEqual(now?.doc, { v: 2 });
    assert.equal(now?.etag, second.etag);
  });

  it('treats replacing a deleted entity as a conflict', async () => {
    const t = service.table('items');
    const e = await t.create('p', 'r', { v: 1 });
    assert.equal(await t.delete('p', 'r'), true);
    await assert.rejects(t.replace('p', 'r', { v: 2 }, e.etag), is('Conflict'));
    assert.equal(await t.get('p', 'r'), undefined);
  });

  it('deletes with an ETag only when it is current; absent entities answer false', async () => {
    const t = service.table('items');
    const a = await t.create('p', 'r', { v: 1 });
    await t.upsert('p', 'r', { v: 2 });
    await assert.rejects(t.delete('p', 'r', a.etag), is('Conflict'));
    assert.equal(await t.delete('p', 'r'), true);
    assert.equal(await t.delete('p', 'r'), false);
  });

  it('keeps documents intact: unicode, nesting, and text longer than one property', async () => {
    const t = service.table('items');
    const doc = {
      text: 'Hyvinvointi ja terveyserot – åäö 🙂 "quotes" \\ \n'.repeat(2000),
      nested: { list: [1, 'two', { three: null }], flag: true },
    };
    await t.upsert('p', 'big', doc);
    assert.deepEqual((await t.get('p', 'big'))?.doc, doc);
  });

  it('accepts any characters in keys, including those Table Storage forbids', async () => {
    const t = service.table('items');
    const pk = 'a/b\\c#d?e%f|ä';
    const rk = '19:abc@thread.tacv2;messageid=1/2?x#y';
    await t.create(pk, rk, { ok: true });
    const got = await t.get(pk, rk);
    assert.equal(got?.partitionKey, pk);
    assert.equal(got?.rowKey, rk);
    const listed = await all(t.query(pk));
    assert.deepEqual(
      listed.map((e) => e.rowKey),
      [rk],
    );
  });

  it('queries one partition in row-key order, optionally by row-key prefix', async () => {
    const t = service.table('items');
    for (const rk of ['measure|b', 'response', 'measure|a', 'measures', 'other'])
      await t.create('x', rk, { rk });
    await t.create('y', 'measure|z', {});
    assert.deepEqual(
      (await all(t.query('x'))).map((e) => e.rowKey),
      ['measures', 'measure|a', 'measure|b', 'other', 'response'],
    );
    assert.deepEqual(
      (await all(t.query('x', { rowKeyPrefix: 'measure|' }))).map((e) => e.rowKey),
      ['measure|a', 'measure|b'],
    );
  });

  it('reads only the rows sorting below a bound, alone or with a prefix, in a query or a scan', async () => {
    const t = service.table('items');
    for (const rk of ['measure|a', 'response', '~version|measure|a|1', '~version|response|2'])
      for (const pk of ['r1|a', 'r1|b', 'r10|a']) await t.create(pk, rk, { rk });
    const rows = (it: AsyncIterable<Entity>) =>
      all(it).then((es) => es.map((e) => `${e.partitionKey} ${e.rowKey}`).sort());
    assert.deepEqual(await rows(t.query('r1|a', { rowKeyBelow: '~' })), [
      'r1|a measure|a',
      'r1|a response',
    ]);
    assert.deepEqual(await rows(t.query('r1|a', { rowKeyPrefix: '~version|measure|' })), [
      'r1|a ~version|measure|a|1',
    ]);
    assert.deepEqual(await rows(t.scan({ partitionKeyPrefix: 'r1|', rowKeyBelow: '~' })), [
      'r1|a measure|a',
      'r1|a response',
      'r1|b measure|a',
      'r1|b response',
    ]);
    assert.deepEqual(await rows(t.scan({ partitionKeyPrefix: 'r1|', rowKeyPrefix: '~version|' })), [
      'r1|a ~version|measure|a|1',
      'r1|a ~version|response|2',
      'r1|b ~version|measure|a|1',
      'r1|b ~version|response|2',
    ]);
    assert.equal((await all(t.scan({ rowKeyPrefix: 'response' }))).length, 3);
    assert.deepEqual(await rows(t.query('r1|a', { rowKeyPrefix: 'm', rowKeyBelow: 'n' })), [
      'r1|a measure|a',
    ]);
  });

  it('scans partitions by prefix without touching neighbours', async () => {
    const t = service.table('items');
    await t.create('r1|a', 'k', {});
    await t.create('r1|b', 'k', {});
    await t.create('r10|a', 'k', {});
    await t.create('r2|a', 'k', {});
    const keys = (await all(t.scan({ partitionKeyPrefix: 'r1|' }))).map((e) => e.partitionKey);
    assert.deepEqual(keys.sort(), ['r1|a', 'r1|b']);
    assert.equal((await all(t.scan())).length, 4);
  });

  it('pages through more entities than one page holds', async () => {
    const t = service.table('items');
    for (let i = 0; i < 1100; i += 100) {
      const ops = Array.from({ length: 100 }, (_, j) => ({
        kind: 'create' as const,
        rowKey: String(i + j).padStart(5, '0'),
        doc: { i: i + j },
      }));
      await t.transact('many', ops);
    }
    const got = await all(t.query('many'));
    assert.equal(got.length, 1100);
    assert.equal(got[1099]?.doc.i, 1099);
  });

  it('applies a transaction all or nothing', async () => {
    const t = service.table('items');
    const e = await t.create('p', 'a', { v: 1 });
    await assert.rejects(
      t.transact('p', [
        { kind: 'create', rowKey: 'b', doc: { v: 1 } },
        { kind: 'replace', rowKey: 'a', doc: { v: 2 }, etag: 'W/"stale"' },
      ]),
      is('Conflict'),
    );
    assert.equal(await t.get('p', 'b'), undefined);
    await t.transact('p', [
      { kind: 'create', rowKey: 'b', doc: { v: 1 } },
      { kind: 'replace', rowKey: 'a', doc: { v: 2 }, etag: e.etag },
      { kind: 'upsert', rowKey: 'c', doc: { v: 3 } },
    ]);
    assert.equal((await all(t.query('p'))).length, 3);
    await t.transact('p', [{ kind: 'delete', rowKey: 'b' }]);
    assert.equal(await t.get('p', 'b'), undefined);
  });

  it('writes an ETag-guarded replace and an insert together, returning both new ETags', async () => {
    const t = service.table('items');
    const head = await t.create('p', 'response', { n: 0 });
    const etags = await t.transact('p', [
      { kind: 'create', rowKey: 'measure|a', doc: { a: 1 } },
      { kind: 'replace', rowKey: 'response', doc: { n: 1 }, etag: head.etag },
    ]);
    assert.equal(etags.length, 2);
    assert.equal((await t.get('p', 'measure|a'))?.etag, etags[0]);
    const now = await t.get('p', 'response');
    assert.equal(now?.etag, etags[1]);
    assert.deepEqual(now?.doc, { n: 1 });
    // The old ETag of the guard refuses the whole batch, the insert included.
    await assert.rejects(
      t.transact('p', [
        { kind: 'create', rowKey: 'measure|b', doc: { b: 1 } },
        { kind: 'replace', rowKey: 'response', doc: { n: 2 }, etag: head.etag },
      ]),
      is('Conflict'),
    );
    // An insert of an existing key refuses the guard's replace too.
    await assert.rejects(
      t.transact('p', [
        { kind: 'create', rowKey: 'measure|a', doc: { a: 2 } },
        { kind: 'replace', rowKey: 'response', doc: { n: 3 }, etag: String(etags[1]) },
      ]),
      is('AlreadyExists'),
    );
    assert.deepEqual(
      (await all(t.query('p'))).map((e) => [e.rowKey, e.doc]),
      [
        ['measure|a', { a: 1 }],
        ['response', { n: 1 }],
      ],
    );
  });

  it('refuses a transaction deleting an entity that is gone, writing nothing', async () => {
    const t = service.table('items');
    const head = await t.create('p', 'response', { n: 0 });
    await assert.rejects(
      t.transact('p', [
        { kind: 'delete', rowKey: 'measure|gone' },
        { kind: 'replace', rowKey: 'response', doc: { n: 1 }, etag: head.etag },
      ]),
      is('Conflict'),
    );
    assert.equal((await t.get('p', 'response'))?.etag, head.etag);
  });

  it('lets exactly one of concurrent transactions guarded by the same ETag through', async () => {
    const t = service.table('items');
    const head = await t.create('p', 'response', { n: 0 });
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        t.transact('p', [
          { kind: 'create', rowKey: `measure|${i}`, doc: { i } },
          { kind: 'replace', rowKey: 'response', doc: { n: 1, by: i }, etag: head.etag },
        ]),
      ),
    );
    const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
    assert.equal(won.length, 1);
    for (const r of results)
      if (r.status === 'rejected') assert.ok(isDomainError(r.reason, 'Conflict'));
    const rows = await all(t.query('p'));
    assert.deepEqual(
      rows.map((e) => e.rowKey),
      [`measure|${won[0]}`, 'response'],
    );
    assert.equal(rows[1]?.doc.by, won[0]);
  });

  it("enforces Azure's 1 MiB entity limit, naming the field that is too large", async () => {
    const t = service.table('items');
    await t.create('p', 'r', { keep: 'me' });
    const huge = { title: 'ok', answers: { comments: 'x'.repeat(600_000), other: 'y' } };
    await assert.rejects(t.upsert('p', 'r', huge), (e: unknown) => {
      assert.ok(isDomainError(e, 'TooLarge'));
      assert.match(e.message, /answers\.comments/);
      return true;
    });
    assert.deepEqual((await t.get('p', 'r'))?.doc, { keep: 'me' });
  });

  it("enforces Azure's transaction limits: at most 100 operations and 4 MiB", async () => {
    const t = service.table('items');
    const ops = (n: number, size: number) =>
      Array.from({ length: n }, (_, i) => ({
        kind: 'upsert' as const,
        rowKey: `r${i}`,
        doc: { s: 'z'.repeat(size) },
      }));
    await assert.rejects(t.transact('p', ops(101, 1)), is('TooLarge'));
    await assert.rejects(t.transact('p', ops(5, 450_000)), is('TooLarge'));
    assert.equal((await all(t.query('p'))).length, 0);
  });

  it('keeps tables apart', async () => {
    await service.table('one').create('p', 'r', { t: 1 });
    assert.equal(await service.table('two').get('p', 'r'), undefined);
  });
}
