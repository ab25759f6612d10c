import assert from 'node:assert/strict';
import type { Disclosure } from '../../bot/domain/ports';
import { DisclosureLog } from '../../bot/record';

const clock = { now: () => new Date('2025-09-10T06:00:00Z') };
const entry = (format = 'html') => ({ roundId: 'r1', via: 'link' as const, format });

describe('the disclosure log’s writer', () => {
  it('returns at once, writes the entries of a moment in one batch, and drains at shutdown', async () => {
    const batches: Disclosure[][] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const log = new DisclosureLog(
      { disclose: async (e) => void (await gate, batches.push([...e])) },
      clock,
      () => assert.fail('no error expected'),
    );
    const started = performance.now();
    for (let i = 0; i < 250; i++) log.note(entry(i % 2 ? 'csv' : 'html'));
    assert.ok(performance.now() - started < 50, 'noting never waits for storage');
    assert.equal(batches.length, 0, 'nothing written inside the request');
    release();
    assert.equal(await log.drain(2000), 0);
    assert.deepEqual(
      batches.map((b) => b.length),
      [100, 100, 50],
    );
    assert.equal(batches[0]?.[0]?.at, '2025-09-10T06:00:00.000Z');
  });

  it('keeps at most so many waiting, tries a failed write once more, and reports what is lost', async () => {
    const lost: number[] = [];
    let calls = 0;
    const log = new DisclosureLog(
      {
        disclose: async () => {
          calls++;
          throw new Error('storage down');
        },
      },
      clock,
      (_e, { lost: n }) => lost.push(n),
      { maxQueued: 3, maxWriting: 1, retryMs: 1 },
    );
    for (let i = 0; i < 5; i++) log.note(entry());
    assert.deepEqual(lost, [1, 1], 'beyond the bound: lost at once, and said so');
    log.note({ ...entry(), format: 'x'.repeat(50) }); // not a disclosure: said so, never thrown
    assert.deepEqual(lost, [1, 1, 1]);
    await log.drain(2000);
    assert.equal(calls, 2, 'one write and its one retry');
    assert.deepEqual(lost, [1, 1, 1, 3]);
  });
});
