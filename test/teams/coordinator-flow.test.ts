import assert from 'node:assert/strict';
import { Round } from '../../bot/domain/round';
import { type Card, Verbs } from '../../cards';
import { TENANT, invoke, message } from '../helpers/activities';
import { createApp } from '../../bot/app';
import { createLogger } from '../../bot/log';
import { type TestBot, azuriteStores, post, startBot } from '../helpers/bot-server';
import { assertValidCard, cardTexts } from '../helpers/card-check';
import { ConnectorEmulator } from '../helpers/connector';
import { AAD, fixtureRound } from '../helpers/questionnaire-fixtures';
import { actionData, executeActions } from '../helpers/card-actions';

const olli = { aadObjectId: AAD.olli, name: 'Olli O' };
const ben = { aadObjectId: AAD.ben, name: 'Ben B' };
const texts = (card: unknown) => cardTexts(card).join('\n');
const aad = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

/** 15 organisations, 40 respondents; respondents 36–39 are in no team the bot is in. */
function launchRound(): Round {
  const base = fixtureRound();
  return Round.parse({
    ...base,
    organisations: Array.from({ length: 15 }, (_, o) => ({
      id: `org-${o}`,
      name: `Organisaatio ${o}`,
      kind: o < 10 ? 'municipality' : 'ngo',
      respondents: Array.from({ length: o < 10 ? 3 : 2 }, (_, r) => {
        const i = o < 10 ? o * 3 + r : 30 + (o - 10) * 2 + r;
        return i % 2 ? { email: `person${i}@example.fi` } : { aadObjectId: aad(i) };
      }),
    })),
  });
}

describe('coordinator over HTTP on Azurite', () => {
  let connector: ConnectorEmulator;
  let bot: TestBot;
  let where: { serviceUrl: string };
  const channel = () => ({ ...where, conversationType: 'channel' as const, channelId: 'council' });

  async function waitFor(check: () => boolean | Promise<boolean>, ms = 15_000) {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  beforeEach(async () => {
    connector = await new ConnectorEmulator({ randomFailures: 0.1, random: seeded(7) }).start();
    for (let i = 0; i < 36; i++)
      connector.members.set(aad(i), {
        id: `29:user-${i}`,
        aadObjectId: aad(i),
        email: `person${i}@example.fi`,
        name: `Henkilö ${i}`,
      });
    bot = await startBot({
      pipeline: {
        baseDelayMs: 5,
        maxDelayMs: 20,
        perTenantPerSecond: 1000,
        perConversationPerSecond: 1000,
      },
    });
    where = { serviceUrl: connector.url };
  });
  afterEach(async () => {
    await bot.close();
    await connector.close();
  });

  /** Stores the round, then has the bot hear from the council's team (whose roster it uses). */
  async function setup(round: Round): Promise<void> {
    await bot.stores.rounds.save(round);
    await post(`${bot.url}/api/messages`, message('<at>HYTE-botti</at> ohje', olli, channel()));
    await connector.waitForActivities(1);
    connector.calls.length = 0;
    connector.delivered.clear();
  }

  it('launches to every reachable respondent exactly once, lists the unreachable, and can be run again', async () => {
    await setup(launchRound());
    const res = await post(`${bot.url}/api/messages`, invoke(Verbs.roundLaunch, {}, olli, where));
    const first = (res.body as { value: Card }).value;
    assertValidCard(first, 'launch progress');
    await waitFor(
      async () =>
        (await bot.stores.deliveries.list('pohjois-savo-2025', 'launch')).filter(
          (d) => d.state !== 'sending',
        ).length === 40,
    );
    const delivered = [...connector.delivered.entries()].filter(([id]) =>
      id.startsWith('a:created-'),
    );
    assert.equal(delivered.length, 36, 'each reachable respondent has a 1:1 chat with one card');
    assert.ok(
      delivered.every(([, n]) => n === 1),
      'no duplicates',
    );
    const records = await bot.stores.deliveries.list('pohjois-savo-2025', 'launch');
    assert.equal(records.filter((d) => d.state === 'unreachable').length, 4);
    const status = await post(
      `${bot.url}/api/messages`,
      invoke(Verbs.roundStatus, {}, olli, where),
    );
    const statusCard = (status.body as { value: Card }).value;
    assertValidCard(statusCard, 'status');
    assert.match(texts(statusCard), /0\/15 organisaatiota/);

    const again = await post(`${bot.url}/api/messages`, invoke(Verbs.roundLaunch, {}, olli, where));
    assert.equal(again.status, 200);
    await new Promise((r) => setTimeout(r, 500));
    const toRespondents = [...connector.delivered].filter(([id]) => id.startsWith('a:created-'));
    assert.equal(toRespondents.length, 36);
    assert.ok(
      toRespondents.every(([, n]) => n === 1),
      'a second launch sends nothing twice',
    );
    // The progress card was updated in place, never sent as new messages.
    assert.equal(connector.delivered.get(`a:personal-${AAD.olli}`), undefined);
    assert.ok(
      connector.calls.some(
        (c) => c.method === 'PUT' && c.path.endsWith('/activities/card-message-1'),
      ),
    );
    const sheets = await bot.stores.responses.listSheets('pohjois-savo-2025');
    assert.equal(
      [...sheets.values()].filter((s) => s.response?.value.state === 'sent').length,
      13,
      'two organisations have nobody reachable',
    );
  });

  it('finishes a launch interrupted by a shutdown on the next run, with no duplicate', async () => {
    await setup(launchRound());
    await bot.close();
    // A slow pipeline, so the shutdown lands in the middle of the launch.
    const slow = await startBot({
      stores: bot.stores,
      pipeline: { perTenantPerSecond: 20, baseDelayMs: 5, maxDelayMs: 20 },
    });
    await post(`${slow.url}/api/messages`, invoke(Verbs.roundLaunch, {}, olli, where));
    await waitFor(
      () => [...connector.delivered.keys()].filter((id) => id.startsWith('a:created-')).length >= 8,
    );
    await slow.app.close(1000);
    const halfway = [...connector.delivered.keys()].filter((id) =>
      id.startsWith('a:created-'),
    ).length;
    assert.ok(halfway < 36, `stopped halfway (${halfway} sent)`);

    bot = await startBot({
      stores: slow.stores,
      pipeline: { baseDelayMs: 5, maxDelayMs: 20, perTenantPerSecond: 1000 },
    });
    await post(`${bot.url}/api/messages`, invoke(Verbs.roundLaunch, {}, olli, where));
    await waitFor(
      async () =>
        (await bot.stores.deliveries.list('pohjois-savo-2025', 'launch')).filter(
          (d) => d.state === 'sent',
        ).length === 36,
    );
    const toRespondents = [...connector.delivered].filter(([id]) => id.startsWith('a:created-'));
    assert.equal(toRespondents.length, 36);
    assert.ok(
      toRespondents.every(([, n]) => n === 1),
      'nobody got the intro twice',
    );
  });

  it('refuses coordinator commands and verbs from a respondent, changing nothing', async () => {
    await setup(fixtureRound());
    const res = await post(
      `${bot.url}/api/messages`,
      invoke(Verbs.roundLaunch, { roundId: 'pohjois-savo-2025' }, ben, where),
    );
    assert.match(texts((res.body as { value: unknown }).value), /Vain HYTE-koordinaattorille/);
    await post(`${bot.url}/api/messages`, message('käynnistä', ben, where));
    await connector.waitForActivities(1);
    assert.match(texts(connector.cards[0]), /Vain HYTE-koordinaattorille/);
    assert.equal(await bot.stores.roundState.getLaunch('pohjois-savo-2025'), undefined);
    assert.equal((await bot.stores.deliveries.list('pohjois-savo-2025')).length, 0);
  });

  it('links the council channel, posts the koonti there, and opens a goal in place', async () => {
    await setup(fixtureRound());
    await bot.stores.responses.saveResponse(
      { roundId: 'pohjois-savo-2025', organisationId: 'kuopio', state: 'submitted' },
      undefined,
    );
    await post(
      `${bot.url}/api/messages`,
      message('<at>HYTE-botti</at> liitä kanava', olli, channel()),
    );
    await connector.waitForActivities(1);
    assert.match(texts(connector.cards[0]), /Kanava liitetty/);

    await post(`${bot.url}/api/messages`, message('koonti', olli, where));
    await connector.waitForActivities(3);
    const posted = connector.calls.find((c) =>
      c.path.startsWith('/v3/conversations/19:council@thread.tacv2/activities'),
    );
    assert.ok(posted, 'the koonti went to the council channel');
    const summary = (posted.body.attachments as Array<{ content: Card }>)[0]!.content;
    assertValidCard(summary, 'council summary');
    assert.match(texts(summary), /1\/4 organisaatiota vastasi \(25\u00a0%\)/);
    assert.match(texts(connector.cards[2]), /Koonti julkaistu/);

    // A council member (not a coordinator) opens a goal on the card in the channel.
    const member = { aadObjectId: AAD.stranger, name: 'Valtuutettu' };
    const open = await post(
      `${bot.url}/api/messages`,
      invoke(Verbs.roundSummary, actionData(summary, Verbs.roundSummary, 0), member, channel()),
    );
    const detail = (open.body as { value: Card }).value;
    assertValidCard(detail, 'goal detail');
    assert.match(texts(detail), /Terveyserojen kaventaminen/);
    assert.ok(executeActions(detail).some((a) => a.verb === Verbs.roundSummary));
    // The same button pressed outside the council channel by a non-coordinator is refused.
    const elsewhere = await post(
      `${bot.url}/api/messages`,
      invoke(Verbs.roundSummary, actionData(summary, Verbs.roundSummary, 0), member, where),
    );
    assert.match(
      texts((elsewhere.body as { value: unknown }).value),
      /Vain HYTE-koordinaattorille/,
    );
  });

  it('reminds the respondents of organisations that have not submitted', async () => {
    const round = fixtureRound();
    await setup(round);
    await bot.stores.responses.saveResponse(
      { roundId: round.id, organisationId: 'kuopio', state: 'submitted' },
      undefined,
    );
    connector.members.set(AAD.siri, {
      id: '29:siri',
      aadObjectId: AAD.siri,
      email: 'siri@larsmo.fi',
    });
    const res = await post(`${bot.url}/api/messages`, invoke(Verbs.roundRemind, {}, olli, where));
    assert.equal(res.status, 200);
    await waitFor(async () =>
      (await bot.stores.deliveries.list(round.id, 'reminder|')).some((d) => d.state === 'sent'),
    );
    const records = await bot.stores.deliveries.list(round.id, 'reminder|');
    assert.deepEqual(
      records.map((d) => [d.organisationId, d.state]),
      [['larsmo', 'sent']],
    );
  });
});

describe('reminder job endpoint', () => {
  it('refuses a wrong or missing secret with 401, runs with the right one, and 404s without a secret', async () => {
    const app = createApp({
      config: {
        botAuth: {},
        allowedTenants: [],
        timeZone: 'Europe/Helsinki',
        jobsSecret: 'a-very-long-test-secret',
      },
      stores: azuriteStores(),
      log: createLogger('silent'),
    });
    const { port } = await app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${port}/api/jobs/reminders`;
    try {
      assert.equal((await fetch(url, { method: 'POST' })).status, 401);
      assert.equal(
        (
          await fetch(url, {
            method: 'POST',
            headers: { authorization: 'Bearer wrong-secret-of-length' },
          })
        ).status,
        401,
      );
      const ok = await fetch(url, {
        method: 'POST',
        headers: { authorization: 'Bearer a-very-long-test-secret' },
      });
      assert.equal(ok.status, 200);
      assert.deepEqual(await ok.json(), { sent: 0, skipped: 0, failed: 0 });
    } finally {
      await app.close();
    }
    const closed = await startBot();
    try {
      assert.equal(
        (await fetch(`${closed.url}/api/jobs/reminders`, { method: 'POST' })).status,
        404,
      );
    } finally {
      await closed.close();
    }
  });
});

/** A small deterministic PRNG, so the injected failures are the same on every run. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) % 4294967296;
    return s / 4294967296;
  };
}

void TENANT;
