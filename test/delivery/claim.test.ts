import assert from 'node:assert/strict';
import { SendFailure } from '../../bot/domain/delivery';
import type { StoredReference, Through } from '../../bot/domain/ports';
import type { Person } from '../../bot/domain/round';
import { claimDelivery } from '../../bot/delivery/claim';
import { allRecipients, deliverAll } from '../../bot/delivery/deliver';
import { SendPipeline } from '../../bot/delivery/send-pipeline';
import { FakeMessenger } from '../helpers/fake-messenger';
import { AAD, fixtureRound } from '../helpers/questionnaire-fixtures';
import { testStores } from '../helpers/stores';

const TENANT = 'tenant-1';
const key = { roundId: 'r1', purpose: 'launch', organisationId: 'o1', person: 'aad:x' };

describe('delivery claims as leases', () => {
  let stores: ReturnType<typeof testStores>;
  let now: Date;
  const clock = { now: () => now };

  beforeEach(() => {
    stores = testStores();
    now = new Date('2025-09-01T08:00:00Z');
  });

  it('names its owner and lease, respects a fresh lease and takes over a lapsed one', async () => {
    const first = await claimDelivery(stores.deliveries, key, {
      owner: 'a',
      clock,
      leaseMs: 30_000,
    });
    assert.equal(first.kind, 'claimed');
    const stored = await stores.deliveries.get('r1', 'launch', 'o1', 'aad:x');
    assert.equal(stored?.value.owner, 'a');
    assert.equal(stored?.value.leaseUntil, '2025-09-01T08:00:30.000Z');

    now = new Date('2025-09-01T08:00:29Z');
    const fresh = await claimDelivery(stores.deliveries, key, { owner: 'b', clock });
    assert.equal(fresh.kind, 'held', 'a live lease of another process is respected');

    now = new Date('2025-09-01T08:00:31Z');
    const taken = await claimDelivery(stores.deliveries, key, { owner: 'b', clock });
    assert.equal(taken.kind, 'claimed', 'a lapsed lease (crashed owner) is taken over');
    const after = await stores.deliveries.get('r1', 'launch', 'o1', 'aad:x');
    assert.equal(after?.value.owner, 'b');
    assert.equal(after?.value.attempts, 2);

    // The crashed owner's late write is refused: its lease is lost, not overwriting b's.
    if (first.kind !== 'claimed') throw new Error('unreachable');
    assert.equal(await first.lease.finish('sent'), false);
    assert.equal(first.lease.lost, true);
    if (taken.kind !== 'claimed') throw new Error('unreachable');
    assert.equal(await taken.lease.finish('sent'), true);
    assert.equal((await claimDelivery(stores.deliveries, key, { owner: 'c', clock })).kind, 'sent');
  });

  it('renews the lease while the send waits, and a renewal pushes the lease end forward', async () => {
    const claim = await claimDelivery(stores.deliveries, key, {
      owner: 'a',
      clock,
      leaseMs: 30_000,
    });
    if (claim.kind !== 'claimed') throw new Error('not claimed');
    now = new Date('2025-09-01T08:00:20Z');
    await claim.lease.renew();
    const renewed = await stores.deliveries.get('r1', 'launch', 'o1', 'aad:x');
    assert.equal(renewed?.value.leaseUntil, '2025-09-01T08:00:50.000Z');
    now = new Date('2025-09-01T08:00:40Z');
    assert.equal(
      (await claimDelivery(stores.deliveries, key, { owner: 'b', clock })).kind,
      'held',
      'still held after the first lease would have run out',
    );
  });

  it('keeps renewing on its own while a send is slow', async () => {
    let t = Date.parse('2025-09-01T08:00:00Z');
    const ticking = { now: () => new Date((t += 1000)) };
    const round = fixtureRound();
    const messenger = new FakeMessenger();
    await stores.conversations.saveUser(personal(AAD.ben, 'a:ben'));
    const recipients = allRecipients(round).filter(
      (r) => 'aadObjectId' in r.person && r.person.aadObjectId === AAD.ben,
    );
    const first = new Promise<string>((resolve) => {
      messenger.send = async (ref) => {
        const initial = (await stores.deliveries.list(round.id, 'launch'))[0]?.leaseUntil ?? '';
        // Hold the send until the lease has been renewed behind its back.
        for (;;) {
          await new Promise((r) => setTimeout(r, 5));
          const d = (await stores.deliveries.list(round.id, 'launch'))[0];
          if (d && d.leaseUntil && d.leaseUntil > initial) break;
        }
        resolve(String((ref.reference.conversation as { id: string }).id));
        return 'activity-1';
      };
    });
    const p = await deliverAll(
      {
        stores,
        messenger,
        pipeline: new SendPipeline({ sleep: async () => {} }),
        clock: ticking,
        leaseMs: 30,
      },
      { round, tenantId: TENANT, purpose: 'launch', recipients, card: () => ({}) },
    );
    assert.equal(await first, 'a:ben');
    assert.equal(p.sent, 1);
    const [record] = await stores.deliveries.list(round.id, 'launch');
    assert.equal(record?.state, 'sent');
    assert.equal(record?.leaseUntil, undefined, 'a finished delivery holds no lease');
  });

  it('on shutdown releases claims not yet on the wire and finishes the one that is', async () => {
    const round = fixtureRound();
    const messenger = new FakeMessenger();
    for (const [aad, conv] of [
      [AAD.ben, 'a:ben'],
      [AAD.siri, 'a:siri'],
    ] as const)
      await stores.conversations.saveUser(personal(aad, conv));
    messenger.rosters.set('anna@kuopio.fi', 'a:anna');
    const shutdown = new AbortController();
    const send = messenger.send.bind(messenger);
    messenger.send = async (ref, card) => {
      // Shutdown begins while this first send is on the wire.
      shutdown.abort();
      return send(ref, card);
    };
    let t = 0;
    const pipeline = new SendPipeline({
      perTenantPerSecond: 1,
      now: () => t,
      // Everyone after the first waits for a slot far ahead: only shutdown ends the wait.
      sleep: () => new Promise(() => {}),
      signal: shutdown.signal,
    });
    const run = (p: SendPipeline) =>
      deliverAll(
        { stores, messenger, pipeline: p, clock, owner: 'instance-1' },
        {
          round,
          tenantId: TENANT,
          purpose: 'launch',
          recipients: allRecipients(round),
          card: () => ({}),
        },
      );
    const interrupted = await run(pipeline);
    assert.equal(interrupted.sent, 1);
    assert.equal(interrupted.released, 2);
    assert.equal(interrupted.done, false);
    assert.deepEqual(pipeline.tally, { finished: 1, released: 2 });
    const records = await stores.deliveries.list(round.id, 'launch');
    assert.deepEqual(
      records.map((d) => d.state),
      ['sent'],
      'released claims are gone, so nothing is left "sending"',
    );

    // The next process, started right away, sends the rest and nobody twice.
    messenger.send = send;
    t = 0;
    const next = await run(new SendPipeline({ sleep: async () => {} }));
    assert.equal(next.sent, 2);
    assert.equal(next.alreadySent, 1);
    assert.equal(next.done, true);
    assert.deepEqual([...messenger.sent].sort(), ['a:anna', 'a:ben', 'a:siri']);
  });

  it('records a failure to open the 1:1 chat for that respondent and goes on', async () => {
    const round = fixtureRound();
    const messenger = new (class extends FakeMessenger {
      override async openPersonal(tenantId: string, person: Person, through?: Through) {
        if ('email' in person) throw new SendFailure('create failed', 400, 'BadArgument');
        return through!({ tenantId, conversationId: 'open:siri' }, async () =>
          personal(AAD.siri, 'a:siri'),
        );
      }
    })();
    await stores.conversations.saveUser(personal(AAD.ben, 'a:ben'));
    const p = await deliverAll(
      { stores, messenger, pipeline: new SendPipeline({ sleep: async () => {} }), clock },
      {
        round,
        tenantId: TENANT,
        purpose: 'launch',
        recipients: allRecipients(round),
        card: () => ({}),
      },
    );
    assert.equal(p.sent, 2);
    assert.deepEqual(
      p.problems.map((x) => [x.person, x.kind, x.reason]),
      [['email:anna@kuopio.fi', 'failed', 'HTTP 400']],
    );
    const anna = await stores.deliveries.get(round.id, 'launch', 'kuopio', 'email:anna@kuopio.fi');
    assert.equal(anna?.value.state, 'failed');
    assert.equal(p.done, true);
  });
});

function personal(
  aadObjectId: string,
  conversationId: string,
): StoredReference & {
  aadObjectId: string;
} {
  return {
    reference: { conversation: { id: conversationId } },
    tenantId: TENANT,
    conversationType: 'personal',
    aadObjectId,
    updatedAt: '2025-09-01T00:00:00Z',
  };
}
