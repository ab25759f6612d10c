import assert from 'node:assert/strict';
import { runCli } from '../../bot/cli';
import { type Card, Verbs } from '../../cards';
import { installed, invoke } from '../helpers/activities';
import { type TestBot, post, startBot } from '../helpers/bot-server';
import { cardTexts } from '../helpers/card-check';
import type { ConnectorEmulator } from '../helpers/connector';
import {
  ALLOWED,
  COUNTY_TEAM,
  HOME,
  KUOPIO,
  KUOPIO_TEAM,
  P,
  botAddedToTeam,
  tenantConnectors,
  tenantRound,
} from '../helpers/tenant-fixtures';

const ROUND = 'pohjois-savo-2025';
const seeded = (seed: number) => () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;

async function waitFor(check: () => boolean | Promise<boolean>, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Cards each conversation received, per connector (each connector is one tenant). */
const deliveredTo = (c: ConnectorEmulator) => Object.fromEntries(c.delivered);

describe('launch over several tenants (one connector per tenant, over HTTP on Azurite)', () => {
  let bot: TestBot;
  let net: Awaited<ReturnType<typeof tenantConnectors>>;

  beforeEach(async () => {
    net = await tenantConnectors({ randomFailures: 0.1, random: seeded(11) });
    bot = await startBot({
      allowedTenants: ALLOWED,
      pipeline: { baseDelayMs: 5, maxDelayMs: 20, perTenantPerSecond: 200 },
    });
    await bot.stores.rounds.save(tenantRound());
    await botAddedToTeam(bot.url, net.county, HOME, COUNTY_TEAM, P.koordinaattori);
    await botAddedToTeam(bot.url, net.kuopio, KUOPIO, KUOPIO_TEAM, P.matti);
    // Kaisa installed the app for herself in Kuopio's tenant: the bot got her 1:1 chat there.
    await post(
      `${bot.url}/api/messages`,
      installed(P.kaisa, { serviceUrl: net.kuopio.url, tenant: KUOPIO }),
    );
    for (const c of net.all) {
      c.calls.length = 0;
      c.delivered.clear();
    }
  });
  afterEach(async () => {
    await bot.close();
    await Promise.all(net.all.map((c) => c.close()));
  });

  it('reaches each respondent exactly once in their own tenant and reports the unreachable one', async () => {
    const from = { serviceUrl: net.county.url, tenant: HOME };
    const res = await post(
      `${bot.url}/api/messages`,
      invoke(Verbs.roundLaunch, {}, P.koordinaattori, from),
    );
    assert.equal(res.status, 200);
    await waitFor(
      async () =>
        (await bot.stores.deliveries.list(ROUND, 'launch')).filter((d) => d.state !== 'sending')
          .length === 6,
    );
    // Kuopio's people in Kuopio's tenant: Kaisa in her saved chat, Matti and Liisa from the team.
    assert.deepEqual(deliveredTo(net.kuopio), {
      [`a:personal-${P.kaisa.aadObjectId}`]: 1,
      'a:created-29:matti': 1,
      'a:created-29:liisa': 1,
    });
    const kuopioCreates = net.kuopio.creates.filter(
      (c, i, all) => all.findIndex((x) => x.memberId === c.memberId) === i,
    );
    assert.deepEqual(kuopioCreates.map((c) => [c.memberId, c.tenantId]).sort(), [
      ['29:liisa', KUOPIO],
      ['29:matti', KUOPIO],
    ]);
    // The NGO's guest (no e-mail, only the guest UPN) and the county's own in the home tenant.
    assert.deepEqual(deliveredTo(net.county), { 'a:created-29:nina': 1, 'a:created-29:paula': 1 });
    assert.ok(net.county.creates.every((c) => c.tenantId === HOME));
    assert.equal(net.iisalmi.calls.length, 0, 'no tenant outside the round is asked anything');

    const records = await bot.stores.deliveries.list(ROUND, 'launch');
    assert.deepEqual(
      records.filter((d) => d.state !== 'sent').map((d) => [d.person, d.state, d.reason]),
      [['email:poissa@kuopio.fi', 'unreachable', 'notInstalled']],
    );

    const lines: string[] = [];
    const code = await runCli(['round', 'status', ROUND, '--json'], {
      stores: bot.stores,
      timeZone: 'Europe/Helsinki',
      tenants: { allowedTenants: ALLOWED },
      out: (l) => lines.push(l),
      err: (l) => lines.push(l),
    });
    assert.equal(code, 0);
    const json = JSON.parse(lines.join('\n')) as {
      organisations: Array<{ id: string; respondents: Array<Record<string, unknown>> }>;
    };
    const kuopio = json.organisations.find((o) => o.id === 'kuopio')!;
    assert.deepEqual(
      kuopio.respondents.find((r) => r.email === 'poissa@kuopio.fi'),
      {
        email: 'poissa@kuopio.fi',
        delivery: 'not-reached',
        tenantId: KUOPIO,
        reason: 'notInstalled',
      },
    );
    assert.ok(
      kuopio.respondents.filter((r) => r.delivery === 'sent').every((r) => r.tenantId === KUOPIO),
    );
    const nina = json.organisations.find((o) => o.id === 'jarjesto')!.respondents[0];
    assert.deepEqual(nina, {
      email: 'nina@jarjesto.example.org',
      delivery: 'sent',
      tenantId: HOME,
    });

    const status = await post(
      `${bot.url}/api/messages`,
      invoke(Verbs.roundStatus, {}, P.koordinaattori, from),
    );
    const text = cardTexts((status.body as { value: Card }).value).join('\n');
    assert.match(text, /poissa@kuopio\.fi: ei tavoitettu/);
    assert.match(
      text,
      new RegExp(`organisaation Kuopion kaupunki Teams-ylläpitäjää.*\\(${KUOPIO}\\)`),
    );

    // Launching again sends nothing twice in any tenant.
    await post(`${bot.url}/api/messages`, invoke(Verbs.roundLaunch, {}, P.koordinaattori, from));
    await new Promise((r) => setTimeout(r, 400));
    for (const c of net.all) assert.ok([...c.delivered.values()].every((n) => n === 1));
  });
});
