import assert from 'node:assert/strict';
import { fixtureRound, AAD, BEFORE_DEADLINE } from '../helpers/questionnaire-fixtures';
import { activity, installed, invoke, message, TENANT } from '../helpers/activities';
import { type TestBot, post, startBot } from '../helpers/bot-server';
import { ConnectorEmulator } from '../helpers/connector';
import { assertValidCard, cardTexts } from '../helpers/card-check';
import { executeActions } from '../helpers/card-actions';
import { createStores } from '../../storage';
import { AzureTableService } from '../../storage/azure-table';
import { startAzurite } from '../../storage/azurite';

const clock = { now: () => BEFORE_DEADLINE };
const anna = { aadObjectId: AAD.anna, name: 'Anna A' };
const ben = { aadObjectId: AAD.ben, name: 'Ben B' };
const olli = { aadObjectId: AAD.olli, name: 'Olli O' };

const texts = (card: unknown) => cardTexts(card).join('\n');

describe('bot over HTTP (restify + CloudAdapter, connector emulator)', () => {
  let connector: ConnectorEmulator;
  let bot: TestBot;
  let where: { serviceUrl: string };

  beforeEach(async () => {
    connector = await new ConnectorEmulator().start();
    connector.members.set(AAD.anna, {
      id: `29:${AAD.anna}`,
      aadObjectId: AAD.anna,
      email: 'anna@kuopio.fi',
    });
    bot = await startBot({ clock, allowedTenants: [TENANT] });
    await bot.stores.rounds.save(fixtureRound());
    where = { serviceUrl: connector.url };
  });
  afterEach(async () => {
    await bot.close();
    await connector.close();
  });

  it('answers help with the help card in Finnish, and in Swedish for a Swedish client', async () => {
    const res = await post(`${bot.url}/api/messages`, message('ohje', ben, where));
    assert.equal(res.status, 200);
    await post(`${bot.url}/api/messages`, message('help', ben, { ...where, locale: 'sv-SE' }));
    await connector.waitForActivities(2);
    const [fi, sv] = connector.cards;
    assertValidCard(fi!);
    assert.match(texts(fi), /Mitä voin tehdä\?/);
    assert.doesNotMatch(
      texts(fi),
      /HYTE-koordinaattorille/,
      'respondents see no coordinator commands',
    );
    assert.doesNotMatch(texts(sv), /Mitä voin tehdä/);
    assert.match(connector.calls[0]!.path, /^\/v3\/conversations\/a:personal-.*\/activities/);
  });

  it('shows coordinator commands to a coordinator and answers unknown text with help', async () => {
    await post(`${bot.url}/api/messages`, message('mitä tämä on?', olli, where));
    await connector.waitForActivities(1);
    assert.match(texts(connector.cards[0]), /HYTE-koordinaattorille/);
  });

  it('opens the questionnaire on "aloita" for a respondent named by object id', async () => {
    await post(`${bot.url}/api/messages`, message('aloita', ben, where));
    await connector.waitForActivities(1);
    const card = connector.cards[0]!;
    assertValidCard(card);
    assert.match(texts(card), /HYTE-neuvottelut 2025/);
    assert.ok(executeActions(card).some((a) => a.verb === 'goal.open'));
  });

  it('answers a Universal Action invoke with the next card in the HTTP response, not a message', async () => {
    const res = await post(`${bot.url}/api/messages`, invoke('questionnaire.open', {}, ben, where));
    assert.equal(res.status, 200);
    const body = res.body as { statusCode: number; type: string; value: Record<string, unknown> };
    assert.equal(body.statusCode, 200);
    assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(texts(body.value), /Kuopion kaupunki/);
    assert.equal(connector.activities.length, 0);
  });

  it('resolves a respondent named by e-mail through the Teams member API', async () => {
    const res = await post(
      `${bot.url}/api/messages`,
      invoke('questionnaire.open', {}, anna, where),
    );
    const body = res.body as { value: Record<string, unknown> };
    assert.match(texts(body.value), /Kuopion kaupunki/);
    const saved = await bot.stores.conversations.getUser(TENANT, AAD.anna);
    assert.equal(saved?.email, 'anna@kuopio.fi');
  });

  it('runs the Action.Submit fallback (verb in the data) and updates the card it came from', async () => {
    const a = message('', ben, where, {
      value: { verb: 'questionnaire.open' },
      replyToId: 'card-1',
    });
    await post(`${bot.url}/api/messages`, a);
    await connector.waitForActivities(1);
    assert.equal(connector.calls[0]?.method, 'PUT');
    assert.match(connector.calls[0]!.path, /\/activities\/card-1$/);
    assert.match(texts(connector.cards[0]), /HYTE-neuvottelut 2025/);
  });

  it('answers an unknown verb with a card saying the card is out of date', async () => {
    const res = await post(`${bot.url}/api/messages`, invoke('measure.explode', {}, ben, where));
    const body = res.body as { value: Record<string, unknown> };
    assert.match(texts(body.value), /Tätä toimintoa ei tunnisteta/);
  });

  it('saves the personal conversation reference on install and greets with help', async () => {
    await post(`${bot.url}/api/messages`, installed(ben, where));
    await connector.waitForActivities(1);
    const saved = await bot.stores.conversations.getUser(TENANT, AAD.ben);
    assert.equal(saved?.conversationType, 'personal');
    assert.equal((saved?.reference.conversation as { id: string }).id, `a:personal-${AAD.ben}`);
    assert.equal((saved?.reference as { serviceUrl: string }).serviceUrl, connector.url);
  });

  it('saves a channel reference keyed by the channel when mentioned there', async () => {
    const channel = { ...where, conversationType: 'channel' as const, channelId: 'council' };
    await post(`${bot.url}/api/messages`, message('<at>hyte-bot</at> ohje', olli, channel));
    await connector.waitForActivities(1);
    const saved = await bot.stores.conversations.getConversation(TENANT, '19:council@thread.tacv2');
    assert.equal(saved?.conversationType, 'channel');
    assert.match(texts(connector.cards[0]), /Mitä voin tehdä/);
  });

  it('refuses another tenant without reading or storing anything', async () => {
    const foreign = { ...where, tenant: 'ffffffff-ffff-ffff-ffff-ffffffffffff' };
    await post(`${bot.url}/api/messages`, installed(ben, foreign));
    const res = await post(
      `${bot.url}/api/messages`,
      invoke('questionnaire.open', {}, ben, foreign),
    );
    assert.match(texts((res.body as { value: unknown }).value), /organisaatiostasi/);
    assert.equal(await bot.stores.conversations.getUser(foreign.tenant, AAD.ben), undefined);
    await post(`${bot.url}/api/messages`, message('aloita', ben, foreign));
    await connector.waitForActivities(1);
    assert.match(texts(connector.cards[0]), /Tätä bottia ei voi käyttää organisaatiostasi/);
  });

  it('answers malformed and oversize requests with 4xx and keeps serving', async () => {
    assert.equal((await post(`${bot.url}/api/messages`, '{"type": "message", ')).status, 400);
    assert.equal((await post(`${bot.url}/api/messages`, '[1,2,3]')).status, 400);
    assert.equal((await post(`${bot.url}/api/messages`, { type: 42, from: 'x' })).status, 400);
    const huge = message('x'.repeat(300_000), ben, where);
    assert.equal((await post(`${bot.url}/api/messages`, huge)).status, 413);
    const res = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hello',
    });
    assert.equal(res.status, 415);
    assert.equal((await post(`${bot.url}/api/messages`, message('ohje', ben, where))).status, 200);
  });

  it('reports health as 200 when storage answers', async () => {
    const res = await fetch(`${bot.url}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
  });

  it('ignores conversation updates it has nothing to do with', async () => {
    const res = await post(`${bot.url}/api/messages`, activity('typing', ben, where));
    assert.equal(res.status, 200);
    assert.equal(connector.activities.length, 0);
  });
});

describe('bot when storage goes away', () => {
  it('answers 503 on /healthz and a "temporarily unavailable" card, then recovers', async () => {
    const azurite = await startAzurite();
    const stores = createStores(
      new AzureTableService({ connectionString: azurite.connectionString }, 'outage'),
    );
    const connector = await new ConnectorEmulator().start();
    const bot = await startBot({ stores, clock });
    const where = { serviceUrl: connector.url };
    try {
      await stores.rounds.save(fixtureRound());
      assert.equal((await fetch(`${bot.url}/healthz`)).status, 200);
      await azurite.stop();

      const health = await fetch(`${bot.url}/healthz`);
      assert.equal(health.status, 503);
      assert.equal(((await health.json()) as { status: string }).status, 'unavailable');
      await post(`${bot.url}/api/messages`, message('aloita', ben, where));
      const res = await post(
        `${bot.url}/api/messages`,
        invoke('questionnaire.open', {}, ben, where),
      );
      assert.equal(res.status, 200);
      assert.match(texts((res.body as { value: unknown }).value), /tilapäisesti poissa käytöstä/);
      await connector.waitForActivities(1);
      assert.match(texts(connector.cards[0]), /tilapäisesti poissa käytöstä/);

      // The same port again, but empty: the service answers again (data was in memory).
      const back = await startAzurite({ port: azurite.port });
      try {
        assert.equal((await fetch(`${bot.url}/healthz`)).status, 200);
      } finally {
        await back.stop();
      }
    } finally {
      await bot.close();
      await connector.close();
      await azurite.stop();
    }
  });
});
