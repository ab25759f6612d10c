import assert from 'node:assert/strict';
import { type App, createApp } from '../../bot/app';
import { createLogger } from '../../bot/log';
import type { Stores } from '../../bot/domain/ports';
import { TENANT } from '../helpers/activities';
import { azuriteStores } from '../helpers/bot-server';
import { ConnectorEmulator } from '../helpers/connector';
import { AAD, fixtureRound } from '../helpers/questionnaire-fixtures';

describe('reminders with two server instances on one Azurite', () => {
  let stores: Stores;
  let connector: ConnectorEmulator;
  let apps: App[];
  // Monday 8.9.2025 10:00 Helsinki: the P2D reminder (moved to Mon 08:00) is due.
  const clock = { now: () => new Date('2025-09-08T07:00:00Z') };

  beforeEach(async () => {
    stores = azuriteStores();
    connector = await new ConnectorEmulator().start();
    await stores.rounds.save(
      fixtureRound({
        reminders: {
          before: ['P7D', 'P2D'],
          window: { from: '08:00', to: '16:00', days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
        },
        organisations: [
          {
            id: 'kuopio',
            name: 'Kuopion kaupunki',
            kind: 'municipality',
            respondents: [{ aadObjectId: AAD.anna }, { aadObjectId: AAD.ben }],
          },
          {
            id: 'larsmo',
            name: 'Larsmo kommun',
            kind: 'municipality',
            language: 'sv',
            respondents: [{ aadObjectId: AAD.siri }],
          },
          {
            id: 'mtr',
            name: 'Mielenterveysyhdistys ry',
            kind: 'ngo',
            respondents: [{ aadObjectId: AAD.olli }],
          },
        ],
      }),
    );
    for (const aad of [AAD.anna, AAD.ben, AAD.siri, AAD.olli]) {
      await stores.conversations.saveUser({
        reference: {
          conversation: { id: `a:${aad}` },
          serviceUrl: connector.url,
          channelId: 'msteams',
          bot: { id: '28:bot' },
        },
        tenantId: TENANT,
        conversationType: 'personal',
        aadObjectId: aad,
        updatedAt: '2025-09-01T00:00:00Z',
      });
    }
    await stores.roundState.setLaunchOnce({
      roundId: 'pohjois-savo-2025',
      tenantId: TENANT,
      launchedBy: 'Olli',
      launchedAt: '2025-09-01T08:00:00Z',
    });
    await stores.responses.saveResponse(
      { roundId: 'pohjois-savo-2025', organisationId: 'mtr', state: 'submitted' },
      undefined,
    );
    apps = [0, 1].map(() =>
      createApp({
        config: { botAuth: {}, allowedTenants: [], timeZone: 'Europe/Helsinki' },
        stores,
        log: createLogger('silent'),
        clock,
        pipeline: { baseDelayMs: 5, maxDelayMs: 20 },
      }),
    );
  });
  afterEach(async () => {
    await Promise.all(apps.map((a) => a.close(100)));
    await connector.close();
  });

  it('sends every non-submitter exactly one reminder when both run the job at the same moment', async () => {
    const results = await Promise.all(apps.map((a) => a.runReminders()));
    assert.equal(
      results.reduce((n, r) => n + r.sent, 0),
      3,
    );
    assert.deepEqual(
      [...connector.delivered].sort(),
      [
        [`a:${AAD.anna}`, 1],
        [`a:${AAD.ben}`, 1],
        [`a:${AAD.siri}`, 1],
      ].sort(),
    );
    assert.equal(connector.delivered.get(`a:${AAD.olli}`), undefined, 'the submitter gets none');
    // Running again changes nothing.
    await Promise.all(apps.map((a) => a.runReminders()));
    assert.ok([...connector.delivered.values()].every((n) => n === 1));
    // The reminder history is in the status.
    const history = (await stores.deliveries.list('pohjois-savo-2025', 'reminder|')).map(
      (d) => `${d.organisationId}:${d.purpose}:${d.state}`,
    );
    assert.deepEqual(history.sort(), [
      'kuopio:reminder|P2D:sent',
      'kuopio:reminder|P2D:sent',
      'larsmo:reminder|P2D:sent',
    ]);
  });

  it('retries a send the connector failed with 500 on the next run', async () => {
    connector.failWith = 500;
    const first = await apps[0]!.runReminders();
    assert.equal(first.sent, 0);
    assert.equal(first.failed, 3);
    assert.equal(connector.calls.length, 3 * 6, 'one retry layer: six attempts per message');
    connector.failWith = undefined;
    const second = await apps[1]!.runReminders();
    assert.equal(second.sent, 3);
    assert.equal(connector.delivered.size, 3);
  });
});
