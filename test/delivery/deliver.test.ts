import assert from 'node:assert/strict';
import { SendFailure } from '../../bot/domain/delivery';
import { allRecipients, deliverAll } from '../../bot/delivery/deliver';
import { FakeMessenger } from '../helpers/fake-messenger';
import { SendPipeline } from '../../bot/delivery/send-pipeline';
import { AAD, fixtureRound } from '../helpers/questionnaire-fixtures';
import { VirtualClock } from '../helpers/virtual-clock';
import { testStores } from '../helpers/stores';

const TENANT = 'tenant-1';

const noSleep = { sleep: async () => {}, random: () => 0.5 };

describe('deliverAll (claim, send, record)', () => {
  const round = fixtureRound();
  let stores: ReturnType<typeof testStores>;
  let messenger: FakeMessenger;
  const clock = { now: () => new Date('2025-09-01T08:00:00Z') };
  const run = (purpose = 'launch') =>
    deliverAll(
      { stores, messenger, pipeline: new SendPipeline(noSleep), clock },
      {
        round,
        tenantId: TENANT,
        purpose,
        recipients: allRecipients(round),
        card: (r) => ({ type: 'AdaptiveCard', org: r.organisation.id }),
      },
    );

  beforeEach(async () => {
    stores = testStores();
    messenger = new FakeMessenger();
    // Ben has a saved personal chat; Anna (by e-mail) and Siri are found in a team roster.
    await stores.conversations.saveUser({
      reference: { conversation: { id: 'a:ben' } },
      tenantId: TENANT,
      conversationType: 'personal',
      aadObjectId: AAD.ben,
      updatedAt: '2025-09-01T00:00:00Z',
    });
    messenger.rosters.set('anna@kuopio.fi', 'a:anna');
    messenger.rosters.set(AAD.siri, 'a:siri');
  });

  it('sends once to every reachable respondent and records each delivery', async () => {
    const p = await run();
    assert.equal(p.total, 3);
    assert.equal(p.sent, 3);
    assert.deepEqual(messenger.sent.sort(), ['a:anna', 'a:ben', 'a:siri']);
    const records = await stores.deliveries.list(round.id, 'launch');
    assert.deepEqual(
      records.map((r) => r.state),
      ['sent', 'sent', 'sent'],
    );
  });

  it('sends nothing twice when run again, and only to the missing ones after a partial run', async () => {
    messenger.rosters.delete(AAD.siri);
    const first = await run();
    assert.equal(first.sent, 2);
    assert.deepEqual(
      first.problems.map((x) => [x.kind, x.reason]),
      [['unreachable', 'notInstalled']],
    );
    messenger.rosters.set(AAD.siri, 'a:siri');
    const second = await run();
    assert.equal(second.sent, 1);
    assert.equal(second.alreadySent, 2);
    assert.deepEqual(
      messenger.sent.filter((x) => x === 'a:ben'),
      ['a:ben'],
    );
    assert.equal(messenger.sent.length, 3);
  });

  it('retries throttling and passing faults, and never retries a block', async () => {
    messenger.failures.set('a:ben', [
      new SendFailure('throttled', 429, undefined, 10),
      new SendFailure('bad gateway', 502, undefined),
    ]);
    messenger.failures.set('a:anna', [new SendFailure('blocked', 403, 'MessageWritesBlocked')]);
    const p = await run();
    assert.equal(p.sent, 2);
    assert.deepEqual(
      p.problems.map((x) => [x.person, x.kind]),
      [['email:anna@kuopio.fi', 'blocked']],
    );
    const anna = await stores.deliveries.get(round.id, 'launch', 'kuopio', 'email:anna@kuopio.fi');
    assert.equal(anna?.value.state, 'blocked');
    assert.equal(messenger.failures.get('a:ben')?.length, 0, 'both failures were consumed');
  });

  it('leaves a recipient claimed by another run alone, and takes over an abandoned claim', async () => {
    await stores.deliveries.claim({
      roundId: round.id,
      organisationId: 'kuopio',
      person: `aad:${AAD.ben}`,
      purpose: 'launch',
      state: 'sending',
      at: '2025-09-01T07:59:50Z',
      attempts: 1,
      owner: 'other-instance',
      leaseUntil: '2025-09-01T08:00:20Z',
    });
    await stores.deliveries.claim({
      roundId: round.id,
      organisationId: 'larsmo',
      person: `aad:${AAD.siri}`,
      purpose: 'launch',
      state: 'sending',
      at: '2025-09-01T07:00:00Z',
      attempts: 1,
    });
    const p = await run();
    assert.equal(p.inProgress, 1);
    assert.equal(p.sent, 2);
    assert.ok(!messenger.sent.includes('a:ben'));
    assert.ok(messenger.sent.includes('a:siri'));
  });

  it('keeps purposes apart: a reminder slot is its own delivery', async () => {
    await run('launch');
    const p = await run('reminder|P2D');
    assert.equal(p.sent, 3);
    assert.equal(messenger.sent.length, 6);
  });

  it('gives up on a failing recipient after the configured attempts and records why', async () => {
    messenger.failures.set(
      'a:ben',
      Array.from({ length: 10 }, () => new SendFailure('down', 503, undefined)),
    );
    const p = await run();
    assert.deepEqual(
      p.problems.map((x) => [x.kind, x.reason]),
      [['failed', 'HTTP 503']],
    );
    const again = await run();
    assert.equal(again.sent, 1, 'a failed delivery is tried again on the next run');
  });

  it('lends the slot of a recipient whose send waits out a retry to the next recipient', async () => {
    messenger.failures.set('a:anna', [new SendFailure('throttled', 429, undefined, 1000)]);
    const clock = new VirtualClock();
    const sendOnce = (lend: boolean) => {
      const pipeline = new SendPipeline({ now: clock.now, sleep: clock.sleep });
      const send = pipeline.send.bind(pipeline);
      // Without `aside` the caller keeps its slot through the retry's wait.
      if (!lend) pipeline.send = (where, call) => send(where, call);
      return clock.run(
        deliverAll(
          {
            stores,
            messenger,
            pipeline,
            clock: { now: () => new Date(clock.now()) },
            concurrency: 1,
          },
          {
            round,
            tenantId: TENANT,
            purpose: lend ? 'launch' : 'reminder|P2D',
            recipients: allRecipients(round),
            card: () => ({}),
          },
        ),
      );
    };
    const lent = await sendOnce(true);
    assert.equal(lent.sent, 3);
    assert.deepEqual(messenger.sent, ['a:ben', 'a:siri', 'a:anna'], 'Anna’s retry came after');
    messenger.sent.length = 0;
    messenger.failures.set('a:anna', [new SendFailure('throttled', 429, undefined, 1000)]);
    await sendOnce(false);
    assert.deepEqual(messenger.sent, ['a:anna', 'a:ben', 'a:siri'], 'one at a time otherwise');
  });
});
