import assert from 'node:assert/strict';
import { createLogger } from '../../bot/log';
import { allRecipients, deliverAll } from '../../bot/delivery/deliver';
import { SendPipeline } from '../../bot/delivery/send-pipeline';
import { createAdapter } from '../../bot/teams/adapter';
import { TeamsMessenger } from '../../bot/teams/teams-messenger';
import { ConnectorEmulator } from '../helpers/connector';
import { AAD, fixtureRound } from '../helpers/questionnaire-fixtures';
import { testStores } from '../helpers/stores';

const TENANT = 'tenant-1';
const CREATE = /^\/v3\/conversations$/;

/**
 * Opening 1:1 chats and reading rosters through the real CloudAdapter against the connector
 * emulator: every call to Teams goes through the send pipeline.
 */
describe('Teams messenger through the send pipeline', () => {
  let connector: ConnectorEmulator;
  let stores: ReturnType<typeof testStores>;
  let sleeps: number[];

  beforeEach(async () => {
    connector = await new ConnectorEmulator().start();
    stores = testStores();
    sleeps = [];
    await stores.conversations.saveConversation('19:team@thread.tacv2', {
      reference: {
        conversation: { id: '19:team@thread.tacv2', conversationType: 'channel' },
        serviceUrl: connector.url,
        channelId: 'msteams',
        bot: { id: '28:bot', name: 'bot' },
      },
      tenantId: TENANT,
      conversationType: 'channel',
      updatedAt: '2025-09-01T00:00:00Z',
    });
    for (const [who, email] of [
      ['anna', 'anna@kuopio.fi'],
      ['ben', 'ben@kuopio.fi'],
      ['siri', 'siri@larsmo.fi'],
    ] as const)
      connector.members.set(AAD[who], {
        id: `29:${who}`,
        aadObjectId: AAD[who],
        email,
        name: who,
      });
  });
  afterEach(() => connector.close());

  const launch = () => {
    const log = createLogger('silent');
    const messenger = new TeamsMessenger(
      createAdapter({ botAuth: {} }, log),
      '',
      stores.conversations,
      log,
    );
    // Time moves by the pipeline's sleeps alone, so each wait is exactly what it asked for.
    let t = 0;
    const pipeline = new SendPipeline({
      now: () => t,
      sleep: async (ms) => {
        sleeps.push(ms);
        t += ms;
      },
      random: () => 1,
      baseDelayMs: 100,
    });
    const round = fixtureRound();
    return deliverAll(
      // One at a time, so the scripted failures meet the respondents in round order.
      { stores, messenger, pipeline, clock: { now: () => new Date() }, concurrency: 1 },
      {
        round,
        tenantId: TENANT,
        purpose: 'launch',
        recipients: allRecipients(round),
        card: () => ({ type: 'AdaptiveCard', version: '1.5', body: [] }),
      },
    );
  };

  it('retries opening a chat answered 429 (honouring Retry-After) or 503, and a roster page answered 429', async () => {
    connector
      .failNext({
        method: 'GET',
        path: /pagedmembers/,
        status: 429,
        times: 1,
        retryAfterSeconds: 2,
      })
      .failNext({ method: 'POST', path: CREATE, status: 429, times: 1, retryAfterSeconds: 3 })
      .failNext({ method: 'POST', path: CREATE, status: 503, times: 1 });
    const p = await launch();
    assert.equal(p.sent, 3);
    assert.deepEqual(p.problems, []);
    assert.ok(sleeps.includes(2000), 'Retry-After of the roster page honoured');
    assert.ok(sleeps.includes(3000), 'Retry-After of the create honoured');
    assert.ok(sleeps.includes(200), 'a 503 (second attempt) backs off exponentially');
    assert.deepEqual([...connector.created].sort(), [
      '29:anna',
      '29:anna',
      '29:anna',
      '29:ben',
      '29:siri',
    ]);
    for (const who of ['anna', 'ben', 'siri'])
      assert.equal(connector.delivered.get(`a:created-29:${who}`), 1, `${who} got one card`);
  });

  it('records a chat that cannot be opened as that respondent’s failure, and the run goes on', async () => {
    connector.failNext({ method: 'POST', path: CREATE, status: 503, times: 6 });
    const p = await launch();
    assert.equal(p.done, true);
    assert.equal(p.sent, 2);
    assert.deepEqual(
      p.problems.map((x) => [x.person, x.kind, x.reason]),
      [['email:anna@kuopio.fi', 'failed', 'HTTP 503']],
    );
    const records = await stores.deliveries.list('pohjois-savo-2025', 'launch');
    assert.deepEqual(records.map((d) => d.state).sort(), ['failed', 'sent', 'sent']);
    const failed = records.find((d) => d.state === 'failed');
    assert.equal(failed?.reason, 'HTTP 503');

    const again = await launch();
    assert.equal(again.sent, 1, 'the next launch opens the chat and sends');
    assert.equal(again.alreadySent, 2);
  });

  it('records a roster look-up that keeps failing for the respondent it was for, and the next one reads it again', async () => {
    connector.failNext({ method: 'GET', path: /pagedmembers/, status: 503, times: 6 });
    const p = await launch();
    assert.equal(p.done, true);
    assert.deepEqual(
      p.problems.map((x) => [x.person, x.kind, x.reason]),
      [['email:anna@kuopio.fi', 'failed', 'HTTP 503']],
    );
    assert.equal(p.sent, 2, 'a failed roster is not kept: the next respondent reads it again');
  });
});
