import assert from 'node:assert/strict';
import { Verbs } from '../../cards';
import { TABLES, createStores } from '../../storage';
import { AzureTableService } from '../../storage/azure-table';
import { invoke, message } from '../helpers/activities';
import { azuriteConnectionString, uniquePrefix } from '../helpers/azurite';
import { type TestBot, post, startBot } from '../helpers/bot-server';
import { ConnectorEmulator } from '../helpers/connector';
import { dumpTables } from '../helpers/dump';
import { AAD, BEFORE_DEADLINE, fixtureRound } from '../helpers/questionnaire-fixtures';

const ben = { aadObjectId: AAD.ben, name: 'Ben' };

describe('refused requests leave storage exactly as it was (full table dumps)', () => {
  let bot: TestBot;
  let connector: ConnectorEmulator;
  let tables: AzureTableService;
  let where: { serviceUrl: string };

  beforeEach(async () => {
    connector = await new ConnectorEmulator().start();
    tables = new AzureTableService({ connectionString: azuriteConnectionString() }, uniquePrefix());
    bot = await startBot({
      stores: createStores(tables),
      clock: { now: () => BEFORE_DEADLINE },
      allowedTenants: ['11111111-2222-3333-4444-555555555555'],
    });
    where = { serviceUrl: connector.url };
    await bot.stores.rounds.save(fixtureRound());
    // Ben has been here before: his reference and a draft measure exist.
    await post(`${bot.url}/api/messages`, message('ohje', ben, where));
    await bot.stores.responses.saveResponse(
      { roundId: 'pohjois-savo-2025', organisationId: 'kuopio', state: 'draft' },
      undefined,
    );
  });
  afterEach(async () => {
    await bot.close();
    await connector.close();
  });

  async function unchanged(run: () => Promise<void>): Promise<void> {
    // Everything but conversation references, which every message refreshes by design.
    const before = await dumpTables(tables, [TABLES.conversations]);
    await run();
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(await dumpTables(tables, [TABLES.conversations]), before);
  }

  it('a foreign tenant', async () => {
    const foreign = { ...where, tenant: 'ffffffff-ffff-ffff-ffff-ffffffffffff' };
    await unchanged(async () => {
      await post(`${bot.url}/api/messages`, message('aloita', ben, foreign));
      await post(
        `${bot.url}/api/messages`,
        invoke(
          Verbs.measureSave,
          { goalId: 'terveyserot', measureId: 'foreign-0001', description: 'x', owner: 'y' },
          ben,
          foreign,
        ),
      );
      await post(`${bot.url}/api/messages`, invoke(Verbs.roundLaunch, {}, ben, foreign));
    });
  });

  it('a respondent calling every coordinator verb and command', async () => {
    await unchanged(async () => {
      for (const verb of [
        Verbs.roundLaunch,
        Verbs.roundRemind,
        Verbs.roundSummary,
        Verbs.roundStatus,
      ]) {
        const res = await post(
          `${bot.url}/api/messages`,
          invoke(verb, { roundId: 'pohjois-savo-2025' }, ben, where),
        );
        assert.match(JSON.stringify(res.body), /Vain HYTE-koordinaattorille/);
      }
      for (const command of ['käynnistä', 'muistuta', 'koonti']) {
        await post(`${bot.url}/api/messages`, message(command, ben, where));
      }
      await post(
        `${bot.url}/api/messages`,
        message('<at>bot</at> liitä kanava', ben, {
          ...where,
          conversationType: 'channel',
          channelId: 'x',
        }),
      );
    });
  });

  it('a respondent addressing another organisation or round through edited card data', async () => {
    await unchanged(async () => {
      for (const data of [
        {
          roundId: 'pohjois-savo-2025',
          organisationId: 'larsmo',
          goalId: 'terveyserot',
          measureId: 'forged-0001',
          description: 'x',
          owner: 'y',
        },
        {
          roundId: 'other-round',
          organisationId: 'kuopio',
          goalId: 'terveyserot',
          measureId: 'forged-0002',
          description: 'x',
          owner: 'y',
        },
      ]) {
        await post(`${bot.url}/api/messages`, invoke(Verbs.measureSave, data, ben, where));
        await post(
          `${bot.url}/api/messages`,
          invoke(Verbs.organisationSave, { ...data, comments: 'x' }, ben, where),
        );
        await post(`${bot.url}/api/messages`, invoke(Verbs.responseSubmit, data, ben, where));
        await post(
          `${bot.url}/api/messages`,
          invoke(Verbs.measureDelete, { ...data, confirm: true }, ben, where),
        );
      }
    });
  });

  it('a 1 MB payload and prototype-pollution keys', async () => {
    await unchanged(async () => {
      const big = await post(
        `${bot.url}/api/messages`,
        invoke(Verbs.measureSave, { description: 'x'.repeat(1024 * 1024) }, ben, where),
      );
      assert.equal(big.status, 413);
      const polluted = JSON.parse(
        `{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "goalId": "terveyserot", "measureId": "proto-00001"}`,
      );
      const res = await post(
        `${bot.url}/api/messages`,
        invoke(Verbs.measureSave, polluted, { aadObjectId: AAD.stranger }, where),
      );
      assert.equal(res.status, 200);
    });
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
