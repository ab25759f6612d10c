import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ALL_VERBS } from '../../cards';
import { AzureTableService } from '../../storage/azure-table';
import { createStores } from '../../storage';
import { invoke } from '../helpers/activities';
import { dumpTables } from '../helpers/dump';
import { type TestBot, post, startBot } from '../helpers/bot-server';
import { azuriteConnectionString, uniquePrefix } from '../helpers/azurite';
import { ConnectorEmulator } from '../helpers/connector';
import { AAD, BEFORE_DEADLINE, fixtureRound } from '../helpers/questionnaire-fixtures';

const dump = dumpTables;

const hostileKeys = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'roundId',
  'organisationId',
  'goalId',
  'measureId',
  'etag',
  'page',
  'description',
  'owner',
  'partners',
  'confirm',
  'base',
);
const values = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom(
    'kuopio',
    'larsmo',
    'pohjois-savo-2025',
    'terveyserot',
    'x'.repeat(5000),
    '\u0000',
    '<at>x</at>',
    '${round.id}',
  ),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 10 }), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);
const payload = fc.oneof(
  fc.dictionary(fc.oneof(hostileKeys, fc.string({ maxLength: 8 })), values, { maxKeys: 8 }),
  fc.anything(),
);

describe('fuzzed card actions (fast-check)', () => {
  let bot: TestBot;
  let connector: ConnectorEmulator;
  let tables: AzureTableService;

  before(async () => {
    connector = await new ConnectorEmulator().start();
    tables = new AzureTableService({ connectionString: azuriteConnectionString() }, uniquePrefix());
    bot = await startBot({ stores: createStores(tables), clock: { now: () => BEFORE_DEADLINE } });
    await bot.stores.rounds.save(fixtureRound());
  });
  after(async () => {
    await bot.close();
    await connector.close();
  });

  it('never answers 5xx, never crashes, and changes nothing for payloads it refuses', async function () {
    this.timeout(120_000);
    // A stranger's actions are all refused: storage must stay exactly as it was.
    const stranger = { aadObjectId: AAD.stranger, name: 'X' };
    await post(
      `${bot.url}/api/messages`,
      invoke('questionnaire.open', {}, stranger, { serviceUrl: connector.url }),
    );
    const before = await dump(tables);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ALL_VERBS, 'nonsense.verb'),
        payload,
        async (verb, data) => {
          const res = await post(
            `${bot.url}/api/messages`,
            invoke(verb, data as Record<string, unknown>, stranger, { serviceUrl: connector.url }),
          );
          assert.ok(
            res.status < 500,
            `HTTP ${res.status} for ${verb} ${String(JSON.stringify(data)).slice(0, 200)}`,
          );
        },
      ),
      { numRuns: 150 },
    );
    assert.equal(await dump(tables), before);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('lets a respondent send anything without a 5xx or a corrupt record', async function () {
    this.timeout(120_000);
    const ben = { aadObjectId: AAD.ben, name: 'Ben' };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ALL_VERBS), payload, async (verb, data) => {
        const res = await post(
          `${bot.url}/api/messages`,
          invoke(verb, data as Record<string, unknown>, ben, { serviceUrl: connector.url }),
        );
        assert.ok(res.status < 500, `HTTP ${res.status} for ${verb}`);
      }),
      { numRuns: 150 },
    );
    // Whatever was stored still reads back through the schemas.
    const sheet = await bot.stores.responses.getSheet('pohjois-savo-2025', 'kuopio');
    for (const m of sheet.measures) assert.ok(m.value.description.length <= 4000);
  });
});
