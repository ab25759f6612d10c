import assert from 'node:assert/strict';
import { SendFailure } from '../../bot/domain/delivery';
import { runReminders, type ReminderDeps } from '../../bot/delivery/reminders';
import { SendPipeline } from '../../bot/delivery/send-pipeline';
import { FakeMessenger } from '../helpers/fake-messenger';
import { AAD, fixtureRound } from '../helpers/questionnaire-fixtures';
import { testStores } from '../helpers/stores';

const TENANT = 'tenant-1';

describe('reminder job', () => {
  let stores: ReturnType<typeof testStores>;
  let messenger: FakeMessenger;
  let now: Date;
  let councilPosts: number;
  let councilLinked: boolean;

  const deps = (): ReminderDeps => ({
    stores,
    rounds: stores.rounds,
    messenger,
    pipeline: new SendPipeline({ sleep: async () => {} }),
    clock: { now: () => now },
    timeZone: 'Europe/Helsinki',
    reminderCard: ({ organisation, slot }) => ({
      type: 'AdaptiveCard',
      organisation: organisation.id,
      slot,
    }),
    postCouncilSummary: async () => {
      if (!councilLinked) return false;
      councilPosts++;
      return true;
    },
  });

  beforeEach(async () => {
    stores = testStores();
    messenger = new FakeMessenger();
    councilPosts = 0;
    councilLinked = true;
    await stores.rounds.save(
      fixtureRound({
        reminders: {
          before: ['P7D', 'P2D'],
          window: { from: '08:00', to: '16:00', days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
        },
      }),
    );
    for (const [aad, conv] of [
      [AAD.ben, 'a:ben'],
      [AAD.siri, 'a:siri'],
    ] as const) {
      await stores.conversations.saveUser({
        reference: { conversation: { id: conv } },
        tenantId: TENANT,
        conversationType: 'personal',
        aadObjectId: aad,
        updatedAt: '2025-09-01T00:00:00Z',
      });
    }
    messenger.rosters.set('anna@kuopio.fi', 'a:anna');
    now = new Date('2025-09-08T07:00:00Z'); // Mon 10:00: P2D has fallen
  });

  const launch = () =>
    stores.roundState.setLaunchOnce({
      roundId: 'pohjois-savo-2025',
      tenantId: TENANT,
      launchedBy: 'Olli',
      launchedAt: '2025-09-01T08:00:00Z',
    });

  it('reminds nobody before the round is launched', async () => {
    assert.deepEqual(await runReminders(deps()), { sent: 0, skipped: 0, failed: 0 });
  });

  it('reminds each respondent of a non-submitter once, and a submitter never', async () => {
    await launch();
    await stores.responses.saveResponse(
      { roundId: 'pohjois-savo-2025', organisationId: 'larsmo', state: 'submitted' },
      undefined,
    );
    const first = await runReminders(deps());
    assert.deepEqual(first, { sent: 2, skipped: 0, failed: 0 });
    assert.deepEqual(messenger.sent.sort(), ['a:anna', 'a:ben']);
    assert.deepEqual(
      messenger.cards.map((c) => (c as { slot: string }).slot),
      ['P2D', 'P2D'],
    );
    const second = await runReminders(deps());
    assert.equal(second.sent, 0);
    assert.equal(messenger.sent.length, 2);
  });

  it('retries a failed send on the next run', async () => {
    await launch();
    messenger.failures.set(
      'a:ben',
      Array.from({ length: 6 }, () => new SendFailure('server error', 500, undefined)),
    );
    const first = await runReminders(deps());
    assert.equal(first.failed, 1);
    const second = await runReminders(deps());
    assert.equal(second.sent, 1);
    assert.equal(messenger.sent.filter((x) => x === 'a:ben').length, 1);
  });

  it('posts the koonti to the council once after the deadline, and waits for a channel', async () => {
    await launch();
    now = new Date('2025-09-09T14:00:00Z');
    councilLinked = false;
    assert.equal((await runReminders(deps())).sent, 0);
    councilLinked = true;
    assert.equal((await runReminders(deps())).sent, 1);
    assert.equal((await runReminders(deps())).sent, 0);
    assert.equal(councilPosts, 1);
    assert.equal(messenger.sent.length, 0, 'no respondent reminders after the deadline');
  });

  it('posts the council koonti through the send pipeline: a 429 is retried, a shutdown gives the claim back', async () => {
    await launch();
    now = new Date('2025-09-09T14:00:00Z');
    let throttled = 1;
    const shutdown = new AbortController();
    const base = deps();
    const withFaults: ReminderDeps = {
      ...base,
      pipeline: new SendPipeline({ sleep: async () => {}, signal: shutdown.signal }),
      postCouncilSummary: async () => {
        if (throttled-- > 0) throw new SendFailure('throttled', 429, undefined, 1000);
        shutdown.abort();
        throw new SendFailure('unavailable', 503, undefined);
      },
    };
    // The retry after the 429 meets a 503 while shutdown begins: nothing was posted.
    assert.deepEqual(await runReminders(withFaults), { sent: 0, skipped: 1, failed: 0 });
    assert.equal(
      await stores.deliveries.get('pohjois-savo-2025', 'council|deadline', '-', 'council'),
      undefined,
      'the claim was given back',
    );
    assert.equal((await runReminders(deps())).sent, 1, 'the next run posts it');
    assert.equal(councilPosts, 1);
  });
});
