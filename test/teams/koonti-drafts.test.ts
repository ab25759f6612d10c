import assert from 'node:assert/strict';
import { type Card, Verbs } from '../../cards';
import { invoke, message } from '../helpers/activities';
import { type TestBot, post, startBot } from '../helpers/bot-server';
import { assertValidCard, cardTexts } from '../helpers/card-check';
import { press } from '../helpers/card-actions';
import { ConnectorEmulator } from '../helpers/connector';
import { blankMeasure } from '../helpers/measure-fixtures';
import { AAD, BEFORE_DEADLINE, fixtureRound } from '../helpers/questionnaire-fixtures';

describe('drafts in the koonti, over HTTP', () => {
  let connector: ConnectorEmulator;
  let bot: TestBot;
  const olli = { aadObjectId: AAD.olli, name: 'Olli' };

  beforeEach(async () => {
    connector = await new ConnectorEmulator().start();
    bot = await startBot({ clock: { now: () => BEFORE_DEADLINE } });
    await bot.stores.rounds.save(fixtureRound());
    await bot.stores.responses.createMeasure(
      'pohjois-savo-2025',
      'kuopio',
      blankMeasure({ description: 'Tallennettu, ei lähetetty' }),
    );
  });
  afterEach(async () => {
    await bot.close();
    await connector.close();
  });

  it('the status card’s toggle posts the koonti with drafts, each marked as not submitted', async () => {
    const channel = {
      serviceUrl: connector.url,
      conversationType: 'channel' as const,
      channelId: 'council',
    };
    await post(
      `${bot.url}/api/messages`,
      message('<at>HYTE-botti</at> liitä kanava', olli, channel),
    );
    const status = await post(
      `${bot.url}/api/messages`,
      invoke(Verbs.roundStatus, {}, olli, { serviceUrl: connector.url }),
    );
    const card = (status.body as { value: Card }).value;
    assertValidCard(card, 'status');
    assert.match(JSON.stringify(card), /"type":"Input.Toggle","id":"includeDrafts"/);

    const count = connector.cards.length;
    await post(
      `${bot.url}/api/messages`,
      invoke(Verbs.roundSummary, press(card, Verbs.roundSummary), olli, {
        serviceUrl: connector.url,
      }),
    );
    await connector.waitForActivities(count + 1);
    assert.doesNotMatch(cardTexts(connector.cards.at(-1)).join('\n'), /luonnokset/);

    const before = connector.cards.length;
    await post(
      `${bot.url}/api/messages`,
      invoke(Verbs.roundSummary, press(card, Verbs.roundSummary, { includeDrafts: 'true' }), olli, {
        serviceUrl: connector.url,
      }),
    );
    await connector.waitForActivities(before + 1);
    const posted = connector.cards.at(-1) as Card;
    assertValidCard(posted, 'koonti with drafts');
    assert.match(cardTexts(posted).join('\n'), /Mukana myös organisaatioiden luonnokset/);
    const goal = await post(
      `${bot.url}/api/messages`,
      invoke(
        Verbs.roundSummary,
        press(posted, Verbs.roundSummary),
        { aadObjectId: AAD.anna, name: 'Anna' },
        channel,
      ),
    );
    assert.match(
      cardTexts((goal.body as { value: Card }).value).join('\n'),
      /Kuopion kaupunki \(luonnos – ei lähetetty\)/,
    );
  });
});
