import assert from 'node:assert/strict';
import { Verbs } from '../../cards';
import { TABLES, createStores } from '../../storage';
import { AzureTableService } from '../../storage/azure-table';
import { EMAIL_MAX_AGE_MS } from '../../bot/teams/references';
import { invoke, message } from '../helpers/activities';
import { azuriteConnectionString, uniquePrefix } from '../helpers/azurite';
import { type TestBot, post, startBot } from '../helpers/bot-server';
import type { ConnectorEmulator } from '../helpers/connector';
import { dumpTables } from '../helpers/dump';
import {
  ALLOWED,
  COUNTY_TEAM,
  EMAIL,
  HOME,
  IISALMI,
  KUOPIO,
  P,
  botAddedToTeam,
  tenantConnectors,
  tenantRound,
  typed,
} from '../helpers/tenant-fixtures';

const ROUND = 'pohjois-savo-2025';
const api = (bot: TestBot) => `${bot.url}/api/messages`;
const said = (res: { body: unknown }) => JSON.stringify(res.body);
/** A typed command is answered in the chat: the last card that tenant's connector got. */
async function answer(bot: TestBot, connector: ConnectorEmulator, activity: unknown) {
  const n = connector.cards.length;
  await post(api(bot), activity);
  await connector.waitForActivities(1);
  return JSON.stringify(connector.cards.slice(n));
}

describe('identity is (tenant, person): e-mails and object ids from other tenants match nobody', () => {
  let bot: TestBot;
  let tables: AzureTableService;
  let net: Awaited<ReturnType<typeof tenantConnectors>>;
  let now: number;

  beforeEach(async () => {
    net = await tenantConnectors();
    tables = new AzureTableService({ connectionString: azuriteConnectionString() }, uniquePrefix());
    now = Date.parse('2026-03-02T08:00:00Z');
    bot = await startBot({
      stores: createStores(tables),
      allowedTenants: ALLOWED,
      clock: { now: () => new Date(now) },
    });
    await bot.stores.rounds.save(tenantRound());
    await botAddedToTeam(bot.url, net.county, HOME, COUNTY_TEAM, P.koordinaattori);
  });
  afterEach(async () => {
    await bot.close();
    await Promise.all(net.all.map((c) => c.close()));
  });

  it("users of other allowed tenants with the coordinator's or a respondent's e-mail get nothing, and storage is unchanged", async () => {
    // Iisalmi's administrator gave Eve the coordinator's address; Kuopio's gave Kaisa's
    // colleague the county respondent Nina's address and Paula's object id is reused there.
    net.iisalmi.members.set(P.eve.aadObjectId, { ...P.eve, email: EMAIL.koordinaattori });
    const mallory = { aadObjectId: P.paula.aadObjectId, id: '29:mallory', name: 'Mallory' };
    net.kuopio.members.set(mallory.aadObjectId, { ...mallory, email: EMAIL.nina });
    const eve = (text: string) => typed(text, P.eve, net.iisalmi, IISALMI);
    const inIisalmi = { serviceUrl: net.iisalmi.url, tenant: IISALMI };
    const inKuopio = { serviceUrl: net.kuopio.url, tenant: KUOPIO };
    // Both have talked to the bot before, so their references exist and the dump compares
    // everything but the references each message refreshes.
    await post(api(bot), eve('ohje'));
    await post(api(bot), typed('ohje', mallory, net.kuopio, KUOPIO));
    const before = await dumpTables(tables, [TABLES.conversations]);
    const conversationsBefore = (await bot.stores.conversations.listConversations(HOME)).length;

    for (const command of ['tilanne', 'käynnistä', 'muistuta', 'koonti', 'kierrokset'])
      assert.match(await answer(bot, net.iisalmi, eve(command)), /Vain HYTE-koordinaattorille/);
    for (const verb of [
      Verbs.roundStatus,
      Verbs.roundLaunch,
      Verbs.roundRemind,
      Verbs.roundSummary,
    ])
      assert.match(
        said(await post(api(bot), invoke(verb, { roundId: ROUND }, P.eve, inIisalmi))),
        /Vain HYTE-koordinaattorille/,
      );
    const channel = { ...inIisalmi, conversationType: 'channel' as const, channelId: 'eves-own' };
    await post(api(bot), message('<at>HYTE-botti</at> liitä kanava', P.eve, channel));
    // Mallory: neither Nina (by e-mail) nor Paula (by object id) outside the home tenant.
    for (const who of [mallory]) {
      assert.match(
        await answer(bot, net.kuopio, typed('aloita', who, net.kuopio, KUOPIO)),
        /Et ole vastaajana/,
      );
      for (const organisationId of ['jarjesto', 'pshva'])
        assert.doesNotMatch(
          said(
            await post(
              api(bot),
              invoke(
                Verbs.measureSave,
                {
                  roundId: ROUND,
                  organisationId,
                  goalId: 'terveyserot',
                  measureId: 'm-0001',
                  description: 'x',
                  owner: 'y',
                },
                who,
                inKuopio,
              ),
            ),
          ),
          /Tallennettu|Sparat|Saved/,
        );
    }
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(await dumpTables(tables, [TABLES.conversations]), before);
    assert.equal(await bot.stores.roundState.getCouncil(ROUND), undefined);
    assert.equal(await bot.stores.roundState.getLaunch(ROUND), undefined);
    assert.equal(
      (await bot.stores.conversations.listConversations(HOME)).length,
      conversationsBefore,
    );
    assert.equal(
      net.county.created.length + net.kuopio.created.length,
      0,
      'nobody was launched to',
    );
  });

  it('the real coordinator in the home tenant is one, and a channel outside it cannot be linked', async () => {
    const home = { serviceUrl: net.county.url, tenant: HOME };
    assert.match(
      said(await post(api(bot), invoke(Verbs.roundStatus, {}, P.koordinaattori, home))),
      /Vastaustilanne/,
    );
    // The coordinator is a guest in Kuopio's team: there they are a Kuopio user, not the coordinator.
    net.kuopio.members.set(P.koordinaattori.aadObjectId, {
      ...P.koordinaattori,
      email: EMAIL.koordinaattori,
    });
    const kuopioChannel = {
      serviceUrl: net.kuopio.url,
      tenant: KUOPIO,
      conversationType: 'channel' as const,
      channelId: 'kuopio-hyte',
    };
    await post(
      api(bot),
      message('<at>HYTE-botti</at> liitä kanava', P.koordinaattori, kuopioChannel),
    );
    assert.equal(await bot.stores.roundState.getCouncil(ROUND), undefined);
    const homeChannel = {
      ...home,
      conversationType: 'channel' as const,
      channelId: 'neuvottelukunta',
    };
    await post(
      api(bot),
      message('<at>HYTE-botti</at> liitä kanava', P.koordinaattori, homeChannel),
    );
    assert.equal((await bot.stores.roundState.getCouncil(ROUND))?.ref.tenantId, HOME);
  });

  it('looks a stored e-mail up again after a few hours: a corrected directory ends the access', async () => {
    const home = { serviceUrl: net.county.url, tenant: HOME };
    const status = () => post(api(bot), invoke(Verbs.roundStatus, {}, P.koordinaattori, home));
    await post(api(bot), typed('ohje', P.koordinaattori, net.county, HOME));
    assert.match(said(await status()), /Vastaustilanne/);
    const saved = await bot.stores.conversations.getUser(HOME, P.koordinaattori.aadObjectId);
    assert.equal(saved?.email, EMAIL.koordinaattori);
    assert.equal(
      saved?.emailAt,
      new Date(now).toISOString(),
      'the e-mail carries its look-up time',
    );

    // The directory is corrected: this user's address was never the coordinator's.
    net.county.members.set(P.koordinaattori.aadObjectId, {
      ...P.koordinaattori,
      email: 'someone@pshva.fi',
    });
    now += EMAIL_MAX_AGE_MS - 60_000;
    assert.match(said(await status()), /Vastaustilanne/, 'a recent look-up still stands');
    now += 2 * 60_000;
    assert.match(said(await status()), /Vain HYTE-koordinaattorille/);
    const after = await bot.stores.conversations.getUser(HOME, P.koordinaattori.aadObjectId);
    assert.equal(after?.email, 'someone@pshva.fi');
    assert.equal(after?.emailAt, new Date(now).toISOString());

    // A reference stored before e-mails carried a time is looked up at once.
    await bot.stores.conversations.saveUser({
      ...after!,
      aadObjectId: after!.aadObjectId!,
      email: EMAIL.koordinaattori,
      emailAt: undefined,
    });
    now += 11 * 60_000; // past the in-process cache
    assert.match(said(await status()), /Vain HYTE-koordinaattorille/);
  });
});
