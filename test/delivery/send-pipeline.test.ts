import assert from 'node:assert/strict';
import { SendFailure, SendReleased } from '../../bot/domain/delivery';
import { type PipelineOptions, SendPipeline } from '../../bot/delivery/send-pipeline';
import { VirtualClock } from '../helpers/virtual-clock';

/** One call on the wire: when, where, and which attempt of which send. */
interface WireCall {
  at: number;
  tenantId: string;
  conversationId: string;
  send: number;
  attempt: number;
}

/**
 * A pipeline on virtual time whose calls are recorded and answered by `answer` (a failure to
 * throw, or nothing for success).
 */
function harness(
  options: PipelineOptions = {},
  answer: (c: WireCall) => SendFailure | undefined = () => undefined,
) {
  const clock = new VirtualClock();
  const wire: WireCall[] = [];
  const pipeline = new SendPipeline({ now: clock.now, sleep: clock.sleep, ...options });
  let sends = 0;
  const send = (tenantId: string, conversationId: string) => {
    const n = sends++;
    let attempt = 0;
    return pipeline.send({ tenantId, conversationId }, async () => {
      const call = { at: clock.now(), tenantId, conversationId, send: n, attempt: ++attempt };
      wire.push(call);
      const failure = answer(call);
      if (failure) throw failure;
      return n;
    });
  };
  return { clock, wire, pipeline, send };
}

/** The most calls of `calls` in any window of `ms` (each window starting at a call). */
function busiest(calls: WireCall[], ms: number): number {
  const at = calls.map((c) => c.at).sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < at.length; i++) {
    while (at[i]! - at[j]! >= ms) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

const throttled = (retryAfterMs = 1000) =>
  new SendFailure('throttled', 429, 'Throttled', retryAfterMs);
const unavailable = () => new SendFailure('unavailable', 503, 'ServiceUnavailable');

describe('SendPipeline', () => {
  it('spaces sends to the per-tenant and per-conversation limits', async () => {
    const { clock, wire, send } = harness({ perTenantPerSecond: 50, perConversationPerSecond: 7 });
    await clock.run(Promise.all([0, 1, 2, 3, 4].map((i) => send('t', `c${i}`))));
    assert.deepEqual(
      wire.map((c) => c.at),
      [0, 20, 40, 60, 80],
    );
    wire.length = 0;
    await clock.run(Promise.all([0, 1, 2].map(() => send('t', 'same'))));
    const start = wire[0]!.at;
    assert.deepEqual(
      wire.map((c) => Math.round(c.at - start)),
      [0, 143, 286],
    );
  });

  it('keeps each tenant and conversation within its limits, retries included, and leaves no turn unused while calls wait', async () => {
    // Every 9th call is answered 429 (Retry-After 1 s) and every 13th 503: retries of
    // retries, many at once, in two tenants.
    let n = 0;
    const { clock, wire, send } = harness({ random: () => 0.5 }, () =>
      ++n % 9 === 0 ? throttled() : n % 13 === 0 ? unavailable() : undefined,
    );
    const sends = ['a', 'b'].flatMap((t) =>
      Array.from({ length: 150 }, (_, i) => send(t, `${t}-${i % 20}`)),
    );
    const results = await clock.run(Promise.all(sends));
    assert.equal(results.length, 300);
    for (const t of ['a', 'b']) {
      const calls = wire.filter((c) => c.tenantId === t);
      assert.ok(calls.length > 150 + 20, 'the pattern made retries');
      assert.equal(busiest(calls, 1000), 50, `tenant ${t}: 50 in a second, never more`);
      for (let i = 0; i < 20; i++)
        assert.ok(
          busiest(
            calls.filter((c) => c.conversationId === `${t}-${i}`),
            1000,
          ) <= 7,
        );
      // While first attempts still wait, every 20 ms slot is used, by them or by a retry.
      const lastFirst = Math.max(...calls.filter((c) => c.attempt === 1).map((c) => c.at));
      const early = calls.filter((c) => c.at <= lastFirst).map((c) => c.at);
      assert.deepEqual(
        early.map((at) => Math.round(at)),
        early.map((_, k) => k * 20),
      );
    }
  });

  it('puts a retry back in the queue: the calls behind it go meanwhile, and it goes first once due', async () => {
    const { clock, wire, send } = harness({}, (c) =>
      c.send === 0 && c.attempt === 1 ? throttled(1000) : undefined,
    );
    await clock.run(Promise.all(Array.from({ length: 80 }, (_, i) => send('t', `c${i}`))));
    assert.deepEqual(
      wire.slice(0, 3).map((c) => [c.send, c.at]),
      [
        [0, 0],
        [1, 20],
        [2, 40],
      ],
    );
    const retry = wire.find((c) => c.send === 0 && c.attempt === 2);
    assert.equal(retry?.at, 1000, 'exactly at its Retry-After');
    const next = wire[wire.indexOf(retry!) + 1];
    assert.deepEqual([next?.attempt, next?.at], [1, 1020], 'the first attempt due then waits');
  });

  it('honours a Retry-After exactly, however long, and never earlier', async () => {
    const { clock, wire, send } = harness({ maxDelayMs: 5_000 }, (c) =>
      c.attempt === 1 ? throttled(45_000) : c.attempt === 2 ? throttled(1_500) : undefined,
    );
    await clock.run(send('t', 'c'));
    assert.deepEqual(
      wire.map((c) => c.at),
      [0, 45_000, 46_500],
    );
  });

  it('backs off a failure without Retry-After briefly, doubling and jittered, up to the cap', async () => {
    const run = async (random: number) => {
      const { clock, wire, send } = harness(
        {
          baseDelayMs: 100,
          maxDelayMs: 500,
          maxAttempts: 6,
          random: () => random,
          perConversationPerSecond: 1e9,
        },
        (c) => (c.attempt < 6 ? unavailable() : undefined),
      );
      await clock.run(send('t', 'c'));
      return wire.slice(1).map((c, i) => Math.round(c.at - wire[i]!.at));
    };
    assert.deepEqual(await run(1), [100, 200, 400, 500, 500]);
    assert.deepEqual(await run(0.5), [50, 100, 200, 250, 250]);
  });

  it('gives up after the configured attempts with the last failure, and never retries a client error', async () => {
    const failing = harness({ maxAttempts: 3 }, () => unavailable());
    await assert.rejects(failing.clock.run(failing.send('t', 'c')), (e: unknown) => {
      return e instanceof SendFailure && e.status === 503;
    });
    assert.equal(failing.wire.length, 3);
    const refused = harness({}, () => new SendFailure('bad', 400, 'BadArgument'));
    await assert.rejects(refused.clock.run(refused.send('t', 'c')));
    assert.equal(refused.wire.length, 1);
  });

  it('at shutdown releases the calls waiting for a turn or a retry, and finishes the one on the wire', async () => {
    const shutdown = new AbortController();
    const { clock, wire, send, pipeline } = harness(
      { perTenantPerSecond: 10, signal: shutdown.signal },
      (c) => (c.send === 0 ? throttled(1000) : undefined),
    );
    const outcome = (call: Promise<unknown>) =>
      call.then(
        () => 'sent',
        (e: unknown) => (e instanceof SendReleased ? 'released' : 'failed'),
      );
    const first = [outcome(send('t', 'c0')), outcome(send('t', 'c1'))];
    // The third call is on the wire when shutdown begins, and takes a while to answer.
    const slow = pipeline.send({ tenantId: 't', conversationId: 'slow' }, async () => {
      shutdown.abort();
      await clock.sleep(50);
      return 'late';
    });
    const rest = [3, 4, 5].map((i) => outcome(send('t', `c${i}`)));
    assert.deepEqual(await clock.run(Promise.all([...first, slow, ...rest])), [
      'released',
      'sent',
      { result: 'late', attempts: 1 },
      'released',
      'released',
      'released',
    ]);
    assert.deepEqual(
      wire.map((c) => [c.send, c.at]),
      [
        [0, 0],
        [1, 100],
      ],
      'the first one’s retry never went',
    );
    assert.deepEqual(pipeline.tally, { finished: 1, released: 0 });
    await assert.rejects(send('t', 'c9'), SendReleased);
  });
});
