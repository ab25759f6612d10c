import assert from 'node:assert/strict';
import { SendFailure } from '../../bot/domain/delivery';
import type {
  DirectoryUser,
  Installer,
  InstallProblem,
  Refused,
  Stores,
} from '../../bot/domain/ports';
import type { Person } from '../../bot/domain/round';
import { allRecipients, deliverAll } from '../../bot/delivery/deliver';
import { installedByBot } from '../../bot/delivery/graph-reach';
import { runReminders } from '../../bot/delivery/reminders';
import { SendPipeline } from '../../bot/delivery/send-pipeline';
import { FakeMessenger } from '../helpers/fake-messenger';
import { AAD, fixtureRound } from '../helpers/questionnaire-fixtures';
import { testStores } from '../helpers/stores';

const TENANT = 'tenant-1';
const user = (n: number) => `00000000-0000-4000-b000-00000000000${n}`;

/** Graph as a table: who is found, who is blocked; records what was asked, and when. */
class FakeInstaller implements Installer {
  readonly asked: string[] = [];
  installRecorded: boolean[] = [];
  constructor(
    private readonly stores: Stores,
    private readonly people: Record<string, string | InstallProblem | SendFailure>,
  ) {}
  async findUser(_tenantId: string, person: Person): Promise<DirectoryUser | Refused> {
    const key = 'email' in person ? person.email : person.aadObjectId;
    this.asked.push(`find ${key}`);
    const found = this.people[key];
    if (found instanceof SendFailure) throw found;
    if (!found || !found.startsWith('0000'))
      return { problem: (found ?? 'notFound') as InstallProblem };
    return { id: found, mail: 'email' in person ? person.email : undefined };
  }
  async install(tenantId: string, userId: string): Promise<{ chatId: string } | Refused> {
    this.asked.push(`install ${userId}`);
    // The install is recorded before it is made: Teams' event may come at once.
    this.installRecorded.push(!!(await this.stores.conversations.getInstall(tenantId, userId)));
    return { chatId: `19:${userId}_app@unq.gbl.spaces` };
  }
}

describe('delivery through Microsoft Graph (in memory)', () => {
  let stores: Stores;
  let messenger: FakeMessenger;
  const now = new Date('2025-09-08T07:00:00Z');

  beforeEach(async () => {
    stores = testStores();
    messenger = new FakeMessenger();
    await stores.rounds.save(fixtureRound());
  });

  const graph = (installer: Installer) => ({
    installer,
    appId: 'app',
    serviceUrl: 'https://smba.example/teams/',
  });

  it('installs for those no chat or roster reaches, records each reason, keeps the new chat', async () => {
    const installer = new FakeInstaller(stores, {
      'anna@kuopio.fi': user(1),
      [AAD.ben]: 'installBlocked',
      [AAD.siri]: new SendFailure('Graph GET: HTTP 503', 503, undefined),
    });
    const round = fixtureRound();
    const progress = await deliverAll(
      {
        stores,
        messenger,
        pipeline: new SendPipeline({ sleep: async () => {}, maxAttempts: 2 }),
        clock: { now: () => now },
        graph: graph(installer),
      },
      {
        round,
        tenantId: TENANT,
        purpose: 'launch',
        recipients: allRecipients(round),
        card: (r, reached) => ({ type: 'AdaptiveCard', to: r.organisation.id, ...reached }),
      },
    );
    assert.equal(progress.sent, 1);
    assert.deepEqual(messenger.sent, [`19:${user(1)}_app@unq.gbl.spaces`]);
    assert.deepEqual(messenger.cards, [{ type: 'AdaptiveCard', to: 'kuopio', installed: true }]);
    assert.deepEqual(installer.installRecorded, [true]);
    const records = await stores.deliveries.list(round.id, 'launch');
    const by = (p: string) => records.find((d) => d.person === p);
    assert.equal(by('email:anna@kuopio.fi')?.via, 'graph');
    assert.deepEqual(
      [by(`aad:${AAD.ben}`)?.state, by(`aad:${AAD.ben}`)?.reason],
      ['unreachable', 'installBlocked'],
    );
    assert.deepEqual(
      [by(`aad:${AAD.siri}`)?.state, by(`aad:${AAD.siri}`)?.reason],
      ['failed', 'HTTP 503'],
    );
    // The new chat is kept, findable by tenant and object id, with the e-mail the round named.
    const saved = await stores.conversations.getUser(TENANT, user(1));
    assert.equal(saved?.email, 'anna@kuopio.fi');
    assert.equal(saved?.reference.serviceUrl, 'https://smba.example/teams/');
    assert.equal((saved?.reference.conversation as { id: string }).id, messenger.sent[0]);
    const install = await stores.conversations.getInstall(TENANT, user(1));
    assert.deepEqual(install, {
      tenantId: TENANT,
      aadObjectId: user(1),
      email: 'anna@kuopio.fi',
      roundId: round.id,
      at: now.toISOString(),
    });
    // Within the hour an installation event from them is the bot's own; later, their own.
    assert.equal(
      await installedByBot(stores.conversations, { now: () => now })(TENANT, user(1)),
      true,
    );
    const later = { now: () => new Date(now.getTime() + 2 * 3600_000) };
    assert.equal(await installedByBot(stores.conversations, later)(TENANT, user(1)), false);
    assert.equal(await installedByBot(stores.conversations, later)(TENANT, AAD.ben), false);
  });

  it('uses the service URL the tenant already told, and keeps a reference Teams gave meanwhile', async () => {
    await stores.conversations.saveConversation('19:team@thread.tacv2', {
      reference: {
        conversation: { id: '19:team@thread.tacv2' },
        serviceUrl: 'https://smba.told/emea/',
      },
      tenantId: TENANT,
      conversationType: 'channel',
      updatedAt: '2025-09-01T00:00:00Z',
    });
    const installer = new FakeInstaller(stores, { 'anna@kuopio.fi': user(2) });
    // Teams' installation event saved the person's own reference before the intro went out.
    const own = {
      reference: { conversation: { id: 'a:own' }, serviceUrl: 'https://smba.told/emea/' },
      tenantId: TENANT,
      conversationType: 'personal',
      aadObjectId: user(2),
      updatedAt: '2025-09-08T07:00:00Z',
    };
    const sentRefs: unknown[] = [];
    const spy = new (class extends FakeMessenger {
      override async send(ref: Parameters<FakeMessenger['send']>[0], card: unknown) {
        sentRefs.push(ref.reference);
        await stores.conversations.saveUser(own);
        return super.send(ref, card);
      }
    })();
    const round = fixtureRound();
    await deliverAll(
      {
        stores,
        messenger: spy,
        pipeline: new SendPipeline({ sleep: async () => {} }),
        clock: { now: () => now },
        graph: graph(installer),
      },
      {
        round,
        tenantId: TENANT,
        purpose: 'launch',
        recipients: allRecipients(round).slice(0, 1),
        card: () => ({ type: 'AdaptiveCard' }),
      },
    );
    assert.equal((sentRefs[0] as { serviceUrl: string }).serviceUrl, 'https://smba.told/emea/');
    assert.deepEqual(
      (await stores.conversations.getUser(TENANT, user(2)))?.reference,
      own.reference,
    );
  });

  it('reminds through Graph too, saying who launched the round (their name, not an id)', async () => {
    for (const launchedBy of ['Olli Koordinaattori', AAD.olli]) {
      stores = testStores();
      await stores.rounds.save(fixtureRound({ reminders: { before: ['P2D'] } }));
      await stores.roundState.setLaunchOnce({
        roundId: 'pohjois-savo-2025',
        tenantId: TENANT,
        launchedBy,
        launchedAt: '2025-09-01T08:00:00Z',
      });
      const cards: unknown[] = [];
      const result = await runReminders({
        stores,
        rounds: stores.rounds,
        messenger: new FakeMessenger(),
        pipeline: new SendPipeline({ sleep: async () => {} }),
        clock: { now: () => now },
        timeZone: 'Europe/Helsinki',
        graph: graph(new FakeInstaller(stores, { 'anna@kuopio.fi': user(3), [AAD.ben]: user(4) })),
        reminderCard: ({ organisation, installed }) => {
          cards.push({ organisation: organisation.id, installed });
          return { type: 'AdaptiveCard' };
        },
        postCouncilSummary: async () => false,
      });
      assert.equal(result.sent, 2);
      const by = launchedBy === AAD.olli ? undefined : launchedBy;
      assert.deepEqual(cards, [
        { organisation: 'kuopio', installed: { by } },
        { organisation: 'kuopio', installed: { by } },
      ]);
    }
  });
});
