import assert from 'node:assert/strict';
import { MAX_POINT_CHARS } from '../../bot/domain/workshop-records';
import { type Card, Verbs } from '../../cards';
import { TENANT, invoke, message } from '../helpers/activities';
import { type TestBot, post, startBot } from '../helpers/bot-server';
import { assertValidCard, cardTexts } from '../helpers/card-check';
import { ConnectorEmulator } from '../helpers/connector';
import { AAD, fixtureRound } from '../helpers/questionnaire-fixtures';
import { press } from '../helpers/card-actions';

const ROUND = 'pohjois-savo-2025';
const CHANNEL = '19:council@thread.tacv2';
const olli = { aadObjectId: AAD.olli, name: 'Olli O' };
const ben = { aadObjectId: AAD.ben, name: 'Ben B' };
const siri = { aadObjectId: AAD.siri, name: 'Siri S' };
const texts = (card: unknown) => cardTexts(card).join('\n');
const mention = {
  entities: [{ type: 'mention', mentioned: { id: '28:hyte-bot' }, text: '<at>HYTE-botti</at>' }],
};

describe('the workshop in the council channel, over HTTP on Azurite', () => {
  let connector: ConnectorEmulator;
  let bot: TestBot;
  let serviceUrl: string;
  const channel = () => ({
    serviceUrl,
    conversationType: 'channel' as const,
    channelId: 'council',
  });
  const inThread = (conversationId: string) => ({ ...channel(), conversationId });
  const say = async (
    text: string,
    from: { aadObjectId: string; name: string } = olli,
    where: object = channel(),
    extra = {},
  ) => post(`${bot.url}/api/messages`, message(text, from, where as never, extra));
  const act = async (
    verb: string,
    data: Record<string, unknown>,
    from: { aadObjectId: string; name: string } = olli,
  ) => {
    const res = await post(`${bot.url}/api/messages`, invoke(verb, data, from, channel()));
    const card = (res.body as { value: Card }).value;
    assertValidCard(card, verb);
    return card;
  };
  const sentCards = () =>
    connector.calls
      .filter((c) => c.method === 'POST' && /\/activities/.test(c.path))
      .map((c) => (c.body.attachments as Array<{ content: Card }>)[0]?.content);

  beforeEach(async () => {
    connector = await new ConnectorEmulator().start();
    serviceUrl = connector.url;
    bot = await startBot();
    await bot.stores.rounds.save(fixtureRound());
    await say('<at>HYTE-botti</at> liitä kanava', olli, channel(), mention);
    await connector.waitForActivities(1);
    connector.calls.length = 0;
  });
  afterEach(async () => {
    await bot.close();
    await connector.close();
  });

  async function startWorkshop() {
    await say('<at>HYTE-botti</at> työpaja', olli, channel(), mention);
    await connector.waitForActivities(1);
    const threads = await bot.stores.workshops.listThreads(ROUND);
    const byGoal = new Map(threads.map((t) => [t.goalId, t]));
    return byGoal;
  }

  it('starts one new thread per goal in round order, and typing it again adds none', async () => {
    const byGoal = await startWorkshop();
    assert.deepEqual(
      connector.threads.map((t) => t.channelId),
      [CHANNEL, CHANNEL, CHANNEL],
      'create-conversation with the channel id, once per goal',
    );
    const titles = connector.threads.map((t) => texts(t.card).split('\n')[1]);
    assert.deepEqual(titles, [
      'Työpaja: Terveyserojen kaventaminen',
      'Työpaja: Osallisuuden vahvistaminen',
      'Työpaja: Elintavat',
    ]);
    const first = connector.threads[0]?.card;
    assert.ok(first);
    assertValidCard(first, 'thread card');
    assert.match(texts(first), /yhdyspintatyö/);
    assert.match(texts(first), /vuoteen 2029 mennessä/);
    assert.ok(press(first, Verbs.workshopNote).goalId === 'terveyserot');
    assert.equal(byGoal.size, 3);
    assert.match(
      byGoal.get('terveyserot')?.conversationId ?? '',
      /^19:council@thread\.tacv2;messageid=\d+$/,
    );
    const answer = sentCards().at(-1);
    assert.match(texts(answer), /Uusia ketjuja aloitettiin 3, aiemmin aloitettuja oli 0/);

    connector.calls.length = 0;
    await say('<at>HYTE-botti</at> työpaja', olli, channel(), mention);
    await connector.waitForActivities(1);
    assert.equal(connector.threads.length, 0, 'the same workshop continues');
    assert.match(texts(sentCards().at(-1)), /aloitettiin 0, aiemmin aloitettuja oli 3/);
  });

  it('refuses politely outside the council channel and for non-coordinators', async () => {
    await say('työpaja', olli, { serviceUrl });
    await connector.waitForActivities(1);
    assert.match(texts(sentCards().at(-1)), /neuvottelukunnan kanavalla/);
    await say('<at>HYTE-botti</at> työpaja', ben, channel(), mention);
    await connector.waitForActivities(2);
    assert.match(texts(sentCards().at(-1)), /HYTE-koordinaattoreille/);
    await say('<at>HYTE-botti</at> työpaja', olli, { ...channel(), channelId: 'general' }, mention);
    await connector.waitForActivities(3);
    assert.match(texts(sentCards().at(-1)), /neuvottelukunnan kanavalla/);
    assert.equal(connector.threads.length, 0);
  });

  it('records every reply in a thread as a point, in order, without answering; elsewhere nothing', async () => {
    const byGoal = await startWorkshop();
    const thread = byGoal.get('osallisuus');
    assert.ok(thread);
    connector.calls.length = 0;
    await say(
      'Asukasraatimalli on tärkeä <b>asiantuntijatuki</b> kunnille',
      ben,
      inThread(thread.conversationId),
    );
    await say(
      '<at>HYTE-botti</at> Lakisääteiset neuvostot pois, alueelliset tapaamiset säilyvät',
      siri,
      inThread(thread.conversationId),
      mention,
    );
    await say('=HYPERLINK("http://x") &lt;script&gt;', ben, inThread(thread.conversationId));
    // Not points: another thread of the channel, and the same thread from another tenant.
    await say('Tämä ei ole työpajan huomio', ben, inThread(`${CHANNEL};messageid=42`));
    await say('Vieras', ben, {
      ...inThread(thread.conversationId),
      tenant: '99999999-2222-3333-4444-555555555555',
    });
    const points = (await bot.stores.workshops.listPoints(ROUND)).get('osallisuus') ?? [];
    assert.deepEqual(
      points.map((p) => [p.text, p.author, p.via]),
      [
        ['Asukasraatimalli on tärkeä asiantuntijatuki kunnille', 'Ben B', 'reply'],
        ['Lakisääteiset neuvostot pois, alueelliset tapaamiset säilyvät', 'Siri S', 'reply'],
        ['=HYPERLINK("http://x") <script>', 'Ben B', 'reply'],
      ],
    );
    assert.equal((await bot.stores.workshops.listPoints(ROUND)).size, 1);
    assert.deepEqual(sentCards(), [], 'no message answers a point');
    const updates = connector.calls.filter((c) => c.method === 'PUT');
    assert.equal(updates.length, 3, 'the first card is updated with each point');
    assert.ok(updates.every((u) => u.path.endsWith(`/activities/${thread.activityId}`)));
    const last = (updates.at(-1)?.body.attachments as Array<{ content: Card }>)[0]?.content;
    assertValidCard(last ?? {}, 'updated thread card');
    assert.match(texts(last), /3 huomiota/);
    assert.match(texts(last), /=HYPERLINK\("http:\/\/x"\) <script>/);
  });

  it('adds a point from the card, refuses an empty or oversize note, and lets a coordinator remove one', async () => {
    const byGoal = await startWorkshop();
    const card = connector.threads[2]?.card;
    assert.ok(card && byGoal.get('elintavat'));
    const empty = await act(
      Verbs.workshopNote,
      press(card, Verbs.workshopNote, { note: '  ' }),
      ben,
    );
    assert.match(texts(empty), /Kirjoita huomio ennen/);
    const long = await act(
      Verbs.workshopNote,
      press(card, Verbs.workshopNote, { note: 'x'.repeat(MAX_POINT_CHARS + 1) }),
      ben,
    );
    assert.match(texts(long), /liian pitkä/);
    assert.equal((await bot.stores.workshops.listPoints(ROUND)).size, 0);
    const added = await act(
      Verbs.workshopNote,
      press(card, Verbs.workshopNote, { note: 'Liikuntaneuvonnan työnjako selkeäksi' }),
      ben,
    );
    assert.match(texts(added), /Huomio lisätty/);
    assert.match(texts(added), /1 huomio\b/);
    await act(
      Verbs.workshopNote,
      press(added, Verbs.workshopNote, { note: 'Kirjoitusvirhe' }),
      ben,
    );
    const refused = await act(Verbs.workshopRemove, press(added, Verbs.workshopRemove, {}, 0), ben);
    assert.match(texts(refused), /HYTE-koordinaattoreille/);
    const two = (await bot.stores.workshops.listPoints(ROUND)).get('elintavat') ?? [];
    assert.deepEqual(
      two.map((p) => p.via),
      ['note', 'note'],
    );
    const removed = await act(Verbs.workshopRemove, {
      roundId: ROUND,
      goalId: 'elintavat',
      seq: 1,
    });
    assert.match(texts(removed), /Huomio poistettu/);
    assert.deepEqual(
      ((await bot.stores.workshops.listPoints(ROUND)).get('elintavat') ?? []).map((p) => p.text),
      ['Liikuntaneuvonnan työnjako selkeäksi'],
    );
    const summary = await act(Verbs.roundSummary, { roundId: ROUND, goalId: 'elintavat' });
    assert.match(texts(summary), /Liikuntaneuvonnan työnjako selkeäksi/);
    void TENANT;
  });
});
