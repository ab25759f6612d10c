import assert from 'node:assert/strict';
import type { GraphConfig } from '../../bot/config';
import type { Stores } from '../../bot/domain/ports';
import { Round } from '../../bot/domain/round';
import { runCli } from '../../bot/cli';
import { type Card, Verbs } from '../../cards';
import { activity, invoke } from '../helpers/activities';
import { type TestBot, azuriteStores, post, startBot } from '../helpers/bot-server';
import { assertValidCard, cardTexts } from '../helpers/card-check';
import type { ConnectorEmulator } from '../helpers/connector';
import { GraphEmulator, type GraphUser } from '../helpers/graph';
import {
  ALLOWED,
  COUNTY_TEAM,
  HOME,
  IISALMI,
  KUOPIO,
  KUOPIO_TEAM,
  P,
  botAddedToTeam,
  tenantConnectors,
} from '../helpers/tenant-fixtures';
import { fixtureRoundInput } from '../helpers/questionnaire-fixtures';
import { selfSignedCertificate, trustInProcess } from '../helpers/tls';

const APP = '00000000-aaaa-bbbb-cccc-000000000001';
const ROUND = 'pohjois-savo-2025';
const id = (n: number) => `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`;
const seeded = (seed: number) => () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;

/** People only Graph can reach (no saved chat, in no roster), one per outcome. */
const G = {
  uusi: {
    id: id(1),
    userPrincipalName: 'uusi@pshva.fi',
    mail: 'uusi@pshva.fi',
    displayName: 'Uusi Työntekijä',
  },
  vieras: {
    id: id(2),
    userPrincipalName: 'vieras_jarjesto.example.org#EXT#@pshva.onmicrosoft.com',
    mail: 'vieras@jarjesto.example.org',
    displayName: 'Vieras Järjestö',
    userType: 'Guest' as const,
  },
  estetty: { id: id(3), userPrincipalName: 'estetty@pshva.fi', displayName: 'Estetty' },
  jo: {
    id: id(4),
    userPrincipalName: 'jo@pshva.fi',
    mail: 'jo@pshva.fi',
    displayName: 'Jo Asennettu',
  },
  kuopiolainen: { id: id(5), userPrincipalName: 'uusi@kuopio.fi', mail: 'uusi@kuopio.fi' },
  iisalmelainen: { id: id(6), userPrincipalName: 'eve@iisalmi.fi', mail: 'eve@iisalmi.fi' },
} satisfies Record<string, GraphUser>;

/** A round over three tenants with a person in each state, beside two the rosters reach. */
function graphRound(): Round {
  return Round.parse({
    ...fixtureRoundInput(),
    deadline: '2099-09-09T16:00:00+03:00',
    meetingAt: '2099-09-16T09:00:00+03:00',
    tenantId: HOME,
    coordinators: [{ aadObjectId: P.koordinaattori.aadObjectId }],
    organisations: [
      {
        id: 'pshva',
        name: 'Pohjois-Savon hyvinvointialue',
        kind: 'county',
        respondents: [
          { aadObjectId: P.paula.aadObjectId }, // in the county's team: the roster reaches her
          { email: G.uusi.mail }, // a member nobody reached yet: installed through Graph
          { aadObjectId: G.estetty.id }, // a policy blocks the app for her
          { email: 'poissa@pshva.fi' }, // no such user
          { email: G.jo.mail }, // installed the app before, but no reference was kept (409)
        ],
      },
      {
        id: 'jarjesto',
        name: 'Järjestö ry',
        kind: 'ngo',
        respondents: [{ email: G.vieras.mail }], // a guest of the county, found by mail
      },
      {
        id: 'kuopio',
        name: 'Kuopion kaupunki',
        kind: 'municipality',
        tenantId: KUOPIO,
        respondents: [{ aadObjectId: P.matti.aadObjectId }, { email: G.kuopiolainen.mail }],
      },
      {
        id: 'iisalmi',
        name: 'Iisalmen kaupunki',
        kind: 'municipality',
        tenantId: IISALMI,
        respondents: [{ email: G.iisalmelainen.mail }],
      },
    ],
  });
}

async function waitFor(check: () => boolean | Promise<boolean>, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every launch record is final (nothing `sending`), and there are `n` of them. */
const settled = (stores: Stores, n: number) => async () => {
  const all = await stores.deliveries.list(ROUND, 'launch');
  return all.length === n && all.every((d) => d.state !== 'sending');
};

async function statusJson(stores: Stores) {
  const lines: string[] = [];
  const code = await runCli(['round', 'status', ROUND, '--json'], {
    stores,
    timeZone: 'Europe/Helsinki',
    tenants: { allowedTenants: ALLOWED },
    out: (l) => lines.push(l),
    err: (l) => lines.push(l),
  });
  assert.equal(code, 0, lines.join('\n'));
  const json = JSON.parse(lines.join('\n')) as {
    organisations: Array<{ id: string; respondents: Array<Record<string, unknown>> }>;
  };
  return Object.fromEntries(
    json.organisations.flatMap((o) =>
      o.respondents.map((r) => [String(r.email ?? r.aadObjectId), r]),
    ),
  );
}

describe('launch through Microsoft Graph (Graph, login server and connectors on loopback, Azurite)', () => {
  const cert = selfSignedCertificate();
  let graph: GraphEmulator;
  let net: Awaited<ReturnType<typeof tenantConnectors>>;
  let stores: Stores;
  let bot: TestBot;
  let graphConfig: GraphConfig;
  const from = () => ({ serviceUrl: net.county.url, tenant: HOME });
  const connectorOf = (tenantId: string): ConnectorEmulator =>
    tenantId === KUOPIO ? net.kuopio : tenantId === IISALMI ? net.iisalmi : net.county;

  before(() => trustInProcess(cert.cert));
  beforeEach(async () => {
    net = await tenantConnectors({ randomFailures: 0.1, random: seeded(7) });
    graph = await new GraphEmulator(
      cert,
      { appId: APP, secret: 'app-password' },
      { randomFailures: 0.1, retryAfterSeconds: 0, random: seeded(3) },
    ).start();
    graph.tenant(HOME, {
      users: [G.uusi, G.vieras, G.estetty, G.jo],
      blocked: new Set([G.estetty.id]),
      installed: new Map([[G.jo.id, 'inst-before']]),
    });
    graph.tenant(KUOPIO, { catalogId: undefined, users: [G.kuopiolainen] });
    graph.tenant(IISALMI, { consent: false, users: [G.iisalmelainen] });
    // Teams tells the bot of each install, from the new 1:1 chat, as it does after a Graph install.
    graph.onInstall = async (tenantId, user, chatId) => {
      await post(
        `${bot.url}/api/messages`,
        activity(
          'installationUpdate',
          { aadObjectId: user.id, id: `29:${user.id}`, name: user.displayName },
          { serviceUrl: connectorOf(tenantId).url, tenant: tenantId, conversationId: chatId },
          { action: 'add' },
        ),
      );
    };
    graphConfig = {
      url: graph.graphUrl,
      loginUrl: graph.url,
      teamsServiceUrl: net.iisalmi.url,
      appId: APP,
      password: 'app-password',
    };
    stores = azuriteStores();
    bot = await start();
    await stores.rounds.save(graphRound());
    await botAddedToTeam(bot.url, net.county, HOME, COUNTY_TEAM, P.koordinaattori);
    await botAddedToTeam(bot.url, net.kuopio, KUOPIO, KUOPIO_TEAM, P.matti);
    for (const c of net.all) {
      c.calls.length = 0;
      c.delivered.clear();
    }
  });
  afterEach(async () => {
    await bot.close();
    await graph.close();
    await Promise.all(net.all.map((c) => c.close()));
  });

  const start = () =>
    startBot({
      stores,
      allowedTenants: ALLOWED,
      graph: graphConfig,
      pipeline: { baseDelayMs: 5, maxDelayMs: 20, perTenantPerSecond: 200 },
    });
  const launch = () =>
    post(`${bot.url}/api/messages`, invoke(Verbs.roundLaunch, {}, P.koordinaattori, from()));

  it('reaches everyone with a Teams account in a consenting tenant, once, and says why of the rest', async () => {
    assert.equal((await launch()).status, 200);
    await waitFor(settled(stores, 9));

    // One intro in each Graph chat, none twice, the installation events answered with nothing.
    const chat = (u: { id: string }) => graph.chatId(u.id);
    const county = Object.fromEntries(net.county.delivered);
    for (const u of [G.uusi, G.vieras, G.jo]) assert.equal(county[chat(u)], 1, u.userPrincipalName);
    assert.equal(county['a:created-29:paula'], 1, 'the roster still comes first');
    assert.ok(Object.values(county).every((n) => n === 1));
    // Teams' installation event from the new chat was taken (its reference kept), unanswered.
    await waitFor(async () => {
      const ref = await stores.conversations.getUser(HOME, G.uusi.id);
      return (ref?.reference.user as { id?: string } | undefined)?.id === `29:${G.uusi.id}`;
    });
    const replies = net.county.calls.filter((c) =>
      c.path.startsWith(`/v3/conversations/${chat(G.uusi)}/`),
    );
    assert.equal(replies.filter((c) => c.body.type === 'message').length, 1, 'the intro alone');
    assert.deepEqual(Object.fromEntries(net.kuopio.delivered), { 'a:created-29:matti': 1 });
    assert.equal(net.iisalmi.delivered.size, 0);
    const intro = net.county.calls.find(
      (c) => c.path.includes(chat(G.uusi)) && c.method === 'POST',
    );
    const card = (intro?.body.attachments as Array<{ content: Card }>)[0]!.content;
    assertValidCard(card, 'intro after a Graph install');
    const text = cardTexts(card);
    const whyLine = text.findIndex((l) => l.startsWith('Miksi HYTE-botti ilmestyi Teamsiisi'));
    assert.match(
      text[whyLine] ?? '',
      /^Miksi HYTE-botti ilmestyi Teamsiisi: Kaija Koordinaattori käynnisti kierroksen ”HYTE-neuvottelut 2025”, ja olet siinä organisaation Pohjois-Savon hyvinvointialue vastaaja\.$/,
    );
    assert.ok(whyLine < text.findIndex((l) => l.startsWith('Hei!')), 'the first thing they read');
    const paulas = net.county.calls.find((c) => c.path.includes('a:created-29:paula'));
    const plain = (paulas?.body.attachments as Array<{ content: Card }>)[0]!.content;
    assert.doesNotMatch(cardTexts(plain).join('\n'), /ilmestyi Teamsiisi/);

    // Each install once (a throttled attempt retried aside), the answer kept per person.
    const installs = graph
      .graphCalls('POST')
      .filter((c) => c.status !== 429 && c.status !== 503)
      .map((c) => `${c.path.split('/')[3]} ${c.status}`);
    assert.deepEqual(installs.sort(), [
      `${G.uusi.id} 201`,
      `${G.vieras.id} 201`,
      `${G.estetty.id} 403`,
      `${G.jo.id} 409`,
    ]);
    assert.equal(graph.graphCalls(undefined, /^\/v1\.0\/users\/00000007/).length, 0);
    assert.ok(graph.tokenRequests.some((r) => r.tenant === IISALMI && !r.issued));
    assert.equal(graph.graphCalls().filter((c) => c.tenant === IISALMI).length, 0);

    const s = await statusJson(stores);
    assert.deepEqual(s[G.uusi.mail], {
      email: G.uusi.mail,
      delivery: 'sent',
      tenantId: HOME,
      via: 'graph',
    });
    assert.equal(s[G.vieras.mail]?.via, 'graph');
    assert.equal(s[G.jo.mail]?.via, 'graph');
    assert.equal(s[P.paula.aadObjectId]?.via, undefined);
    const why = (k: string) => [s[k]?.delivery, s[k]?.tenantId, s[k]?.reason];
    assert.deepEqual(why(G.estetty.id), ['not-reached', HOME, 'installBlocked']);
    assert.deepEqual(why('poissa@pshva.fi'), ['not-reached', HOME, 'notFound']);
    assert.deepEqual(why(G.kuopiolainen.mail), ['not-reached', KUOPIO, 'appNotInCatalog']);
    assert.deepEqual(why(G.iisalmelainen.mail), ['not-reached', IISALMI, 'noConsent']);

    // The status card says what to do, per reason and tenant.
    const status = await post(
      `${bot.url}/api/messages`,
      invoke(Verbs.roundStatus, {}, P.koordinaattori, from()),
    );
    const card2 = (status.body as { value: Card }).value;
    assertValidCard(card2, 'status after a Graph launch');
    const lines = cardTexts(card2).join('\n');
    assert.match(
      lines,
      /poissa@pshva\.fi: ei tavoitettu – ei löydy organisaationsa käyttäjähakemistosta/,
    );
    assert.match(lines, /Vierailija \(B2B\) pitää ensin kutsua hyvinvointialueen tenanttiin/);
    assert.match(
      lines,
      /sovelluskäytäntö estää HYTE-botin asentamisen hänelle\nPyydä hyvinvointialueen Teams-ylläpitäjää sallimaan/,
    );
    assert.match(
      lines,
      new RegExp(
        `Pyydä organisaation Kuopion kaupunki Teams-ylläpitäjää lataamaan sovelluspaketti hyte-bot\\.zip .*tenantissa ${KUOPIO}`,
      ),
    );
    assert.match(
      lines,
      new RegExp(
        `Pyydä organisaation Iisalmen kaupunki Entra-ylläpitäjää antamaan .*tenantissa ${IISALMI}`,
      ),
    );

    // Kuopio uploads the app, Iisalmi's administrator consents; the next day's launch reaches them.
    graph.tenants.get(KUOPIO)!.catalogId = 'catalog-kuopio';
    graph.tenants.get(IISALMI)!.consent = true;
    await bot.close();
    bot = await start();
    await launch();
    await waitFor(
      async () => (await statusJson(stores))[G.iisalmelainen.mail]?.delivery === 'sent',
    );
    await waitFor(settled(stores, 9));
    assert.deepEqual(Object.fromEntries(net.kuopio.delivered), {
      'a:created-29:matti': 1,
      [chat(G.kuopiolainen)]: 1,
    });
    // Iisalmi never told the bot its service URL: the configured default is used there.
    assert.deepEqual(Object.fromEntries(net.iisalmi.delivered), { [chat(G.iisalmelainen)]: 1 });
    for (const c of net.all) assert.ok([...c.delivered.values()].every((n) => n === 1));
    // Reached once means reached: a later launch asks Graph only about the two still missing.
    const before = graph.calls.length;
    await launch();
    const later = () =>
      graph
        .graphCalls()
        .slice(0)
        .filter((c) => graph.calls.indexOf(c) >= before);
    await waitFor(() => later().some((c) => c.method === 'POST' && c.status === 403));
    await waitFor(() =>
      later().some((c) => /mail eq 'poissa@pshva\.fi'/.test(c.path) && c.status === 200),
    );
    await waitFor(settled(stores, 9));
    const asked = later().map((c) => c.path);
    assert.ok(
      asked.every((p) => p.includes(G.estetty.id) || p.includes('poissa@pshva.fi')),
      asked.join('\n'),
    );
  });

  it("waits out one tenant's Graph Retry-After while the other tenants go on", async () => {
    const round = graphRound();
    await stores.rounds.save({ ...round, organisations: round.organisations.slice(0, 3) });
    graph.tenants.get(KUOPIO)!.catalogId = 'catalog-kuopio';
    graph.failNext({
      method: 'GET',
      path: new RegExp(`/users/${G.kuopiolainen.mail}$`),
      status: 429,
      times: 1,
      retryAfterSeconds: 2,
    });
    await launch();
    await waitFor(settled(stores, 8));
    const throttled = graph.graphCalls('GET', /uusi@kuopio\.fi$/);
    assert.deepEqual(
      throttled.map((c) => c.status),
      [429, 200],
    );
    const waited = throttled[1]!.at - throttled[0]!.at;
    assert.ok(waited >= 2000, `retried after ${waited} ms`);
    const records = await stores.deliveries.list(ROUND, 'launch');
    const home = records.filter((d) => d.via === 'graph' && d.organisationId !== 'kuopio');
    assert.equal(home.length, 3);
    for (const d of home)
      assert.ok(Date.parse(d.at) < throttled[1]!.at, `${d.person} did not wait for Kuopio`);
    assert.equal(records.find((d) => d.person === `email:${G.kuopiolainen.mail}`)?.state, 'sent');
  });

  it('greets a person once when the server stops in the middle of their install', async () => {
    const round = graphRound();
    await stores.rounds.save({ ...round, organisations: [round.organisations[0]!] });
    const held = graph.hold('POST', new RegExp(`/users/${G.uusi.id}/teamwork/installedApps$`));
    await launch();
    await held.reached;
    const closing = bot.close();
    await new Promise((r) => setTimeout(r, 50));
    held.release();
    await closing;
    const record = await stores.deliveries.get(ROUND, 'launch', 'pshva', `email:${G.uusi.mail}`);
    assert.notEqual(record?.value.state, 'sent', 'stopped before the intro');
    assert.equal(net.county.delivered.get(graph.chatId(G.uusi.id)) ?? 0, 0);

    bot = await start();
    await launch();
    await waitFor(settled(stores, 5));
    assert.equal(net.county.delivered.get(graph.chatId(G.uusi.id)), 1);
    const installs = graph
      .graphCalls('POST', new RegExp(`/users/${G.uusi.id}/`))
      .filter((c) => c.status !== 429 && c.status !== 503);
    assert.deepEqual(
      installs.map((c) => c.status),
      [201, 409],
    );
    const s = await statusJson(stores);
    assert.equal(s[G.uusi.mail]?.via, 'graph');
  });
});
