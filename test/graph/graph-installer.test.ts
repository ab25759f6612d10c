import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphConfig } from '../../bot/config';
import { SendFailure } from '../../bot/domain/delivery';
import { type Installer, type Through, direct } from '../../bot/domain/ports';
import { SendPipeline } from '../../bot/delivery';
import { createGraphInstaller, graphCredentials } from '../../bot/graph';
import { GraphEmulator } from '../helpers/graph';
import { selfSignedCertificate, trustInProcess } from '../helpers/tls';

const APP = '00000000-aaaa-bbbb-cccc-000000000001';
const SECRET = 'app-password';
const HOME = 'aaaaaaaa-0000-4000-8000-00000000000a';
const KUOPIO = 'bbbbbbbb-0000-4000-8000-00000000000b';
const id = (n: number) => `0000000${n}-0000-4000-8000-000000000000`;

describe('Microsoft Graph installer (against a local Graph and login server over HTTPS)', () => {
  let graph: GraphEmulator;
  let config: GraphConfig;
  const cert = selfSignedCertificate();

  before(() => trustInProcess(cert.cert));
  beforeEach(async () => {
    graph = await new GraphEmulator(cert, { appId: APP, secret: SECRET }).start();
    graph.tenant(HOME, {
      users: [
        { id: id(1), userPrincipalName: 'paula@pshva.fi', mail: 'paula@pshva.fi' },
        {
          id: id(2),
          userPrincipalName: 'nina_jarjesto.example.org#EXT#@pshva.onmicrosoft.com',
          mail: 'nina@jarjesto.example.org',
          userType: 'Guest',
        },
        { id: id(3), userPrincipalName: 'estetty@pshva.fi' },
        { id: id(4), userPrincipalName: 'jo@pshva.fi' },
      ],
      blocked: new Set([id(3)]),
      installed: new Map([[id(4), 'inst-earlier']]),
    });
    config = {
      url: graph.graphUrl,
      loginUrl: graph.url,
      teamsServiceUrl: 'https://smba.example/teams/',
      appId: APP,
      password: SECRET,
    };
  });
  afterEach(() => graph.close());

  const reach = async (installer: Installer, tenant: string, person: object, through = direct) => {
    const user = await installer.findUser(tenant, person as { email: string }, through);
    if ('problem' in user) return user.problem;
    const done = await installer.install(tenant, user.id, through);
    return 'problem' in done ? done.problem : done.chatId;
  };

  it('installs for a member by object id and returns the 1:1 chat, every call app-only in its tenant', async () => {
    const installer = createGraphInstaller(config);
    assert.equal(await reach(installer, HOME, { aadObjectId: id(1) }), graph.chatId(id(1)));
    assert.deepEqual(
      graph.graphCalls().map((c) => `${c.method} ${c.path} ${c.status}`),
      [
        `GET /v1.0/users/${id(1)} 200`,
        `GET /v1.0/appCatalogs/teamsApps?$filter=externalId eq '${APP}' 200`,
        `POST /v1.0/users/${id(1)}/teamwork/installedApps 201`,
        `GET /v1.0/users/${id(1)}/teamwork/installedApps?$expand=teamsApp&$filter=teamsApp/externalId eq '${APP}' 200`,
        `GET /v1.0/users/${id(1)}/teamwork/installedApps/inst-${id(1)}/chat 200`,
      ],
    );
    assert.ok(graph.graphCalls().every((c) => c.tenant === HOME));
    assert.deepEqual(graph.tokenRequests, [
      { tenant: HOME, scope: 'https://graph.microsoft.com/.default', issued: true },
    ]);
    assert.equal(graph.calls.filter((c) => /openid-configuration/.test(c.path)).length, 1);
  });

  it('finds a guest of the home tenant by mail when the address is not their user name', async () => {
    const installer = createGraphInstaller(config);
    const chat = await reach(installer, HOME, { email: 'nina@jarjesto.example.org' });
    assert.equal(chat, graph.chatId(id(2)));
    assert.deepEqual(
      graph.graphCalls('GET', /users(\/nina|\?)/).map((c) => `${c.path} ${c.status}`),
      [
        '/v1.0/users/nina@jarjesto.example.org 404',
        "/v1.0/users?$filter=mail eq 'nina@jarjesto.example.org' 200",
      ],
    );
  });

  it('names why someone cannot be reached: not found, blocked, not in the catalog, no consent', async () => {
    graph.tenant(KUOPIO, {
      catalogId: undefined,
      users: [{ id: id(5), userPrincipalName: 'a@kuopio.fi' }],
    });
    const installer = createGraphInstaller(config);
    assert.equal(await reach(installer, HOME, { email: "o'poissa@pshva.fi" }), 'notFound');
    assert.equal(await reach(installer, HOME, { aadObjectId: id(9) }), 'notFound');
    assert.equal(await reach(installer, HOME, { aadObjectId: id(3) }), 'installBlocked');
    assert.equal(await reach(installer, KUOPIO, { aadObjectId: id(5) }), 'appNotInCatalog');
    const elsewhere = 'cccccccc-0000-4000-8000-00000000000c';
    graph.tenant(elsewhere, { consent: false });
    assert.equal(await reach(installer, elsewhere, { aadObjectId: id(6) }), 'noConsent');
    assert.equal(await reach(installer, elsewhere, { aadObjectId: id(7) }), 'noConsent');
    // An OData literal keeps its quote doubled; a refusing tenant is asked once a minute.
    assert.ok(graph.graphCalls('GET', /mail eq 'o''poissa@pshva\.fi'/).length === 1);
    assert.equal(graph.tokenRequests.filter((r) => r.tenant === elsewhere).length, 1);
    assert.equal(graph.graphCalls().filter((c) => c.tenant === elsewhere).length, 0);
  });

  it('goes on when the app is installed already (409) and reads its chat', async () => {
    const installer = createGraphInstaller(config);
    assert.equal(await reach(installer, HOME, { email: 'jo@pshva.fi' }), graph.chatId(id(4)));
    assert.equal(graph.graphCalls('POST')[0]?.status, 409);
  });

  it('asks the catalog once per tenant, and again when the catalog id went stale', async () => {
    const installer = createGraphInstaller(config);
    await reach(installer, HOME, { aadObjectId: id(1) });
    await reach(installer, HOME, { email: 'nina@jarjesto.example.org' });
    assert.equal(graph.graphCalls('GET', /appCatalogs/).length, 1);
    // The app was updated: its catalog id changed, and an install with the old one is a 404.
    graph.tenants.get(HOME)!.catalogId = 'catalog-v2';
    graph.tenants.get(HOME)!.installed.clear();
    assert.equal(await reach(installer, HOME, { aadObjectId: id(1) }), graph.chatId(id(1)));
    assert.equal(graph.graphCalls('GET', /appCatalogs/).length, 2);
    assert.deepEqual(
      graph.graphCalls('POST').map((c) => c.status),
      [201, 201, 404, 201],
    );
  });

  it('throws 429 and 503 with Retry-After for the pipeline, which waits it out in the tenant lane', async () => {
    graph.failNext({
      method: 'POST',
      path: /installedApps$/,
      status: 429,
      times: 1,
      retryAfterSeconds: 1,
    });
    graph.failNext({ method: 'GET', path: /\/chat$/, status: 503, times: 1, retryAfterSeconds: 0 });
    const installer = createGraphInstaller(config);
    await assert.rejects(
      reach(installer, HOME, { aadObjectId: id(1) }),
      (e) => e instanceof SendFailure && e.status === 429 && e.retryAfterMs === 1000,
    );
    const pipeline = new SendPipeline({ perTenantPerSecond: 50 });
    const through: Through = async (where, call) => (await pipeline.send(where, call)).result;
    assert.equal(
      await reach(installer, HOME, { aadObjectId: id(1) }, through),
      graph.chatId(id(1)),
    );
    const posts = graph.graphCalls('POST');
    assert.deepEqual(
      posts.map((c) => c.status),
      [429, 201],
    );
    // The 429 went to the caller without a pipeline; through it, the chat's 503 was retried.
    assert.equal(
      graph
        .graphCalls('GET', /\/chat$/)
        .map((c) => c.status)
        .join(),
      '503,200',
    );
  });

  it('honours Retry-After through the pipeline', async () => {
    graph.failNext({
      method: 'POST',
      path: /installedApps$/,
      status: 429,
      times: 1,
      retryAfterSeconds: 1,
    });
    const installer = createGraphInstaller(config);
    const pipeline = new SendPipeline({ perTenantPerSecond: 50 });
    const through: Through = async (where, call) => (await pipeline.send(where, call)).result;
    assert.equal(
      await reach(installer, HOME, { aadObjectId: id(1) }, through),
      graph.chatId(id(1)),
    );
    const [throttled, retried] = graph.graphCalls('POST');
    assert.ok(retried!.at - throttled!.at >= 1000, `${retried!.at - throttled!.at} ms`);
  });

  it('reports a wrong app password as a failure, not as a tenant without consent', async () => {
    const installer = createGraphInstaller({ ...config, password: 'wrong' });
    await assert.rejects(
      reach(installer, HOME, { aadObjectId: id(1) }),
      (e) => e instanceof SendFailure && e.status === 401 && !e.retryable,
    );
  });

  it('with a managed identity, gets the home tenant token from it and reaches no other tenant', async () => {
    const requests: string[] = [];
    const msi = http.createServer((req, res) => {
      requests.push(`${req.url} ${req.headers['x-identity-header']}`);
      res.writeHead(200, { 'content-type': 'application/json' });
      // The managed identity's token, as Graph would take it in the home tenant.
      const token = (graph as unknown as { issued: Map<string, unknown> }).issued;
      token.set('msi-token', { tenant: HOME, scope: 'https://graph.microsoft.com/.default' });
      res.end(
        JSON.stringify({
          access_token: 'msi-token',
          expires_on: String(Math.floor(Date.now() / 1000) + 3600),
          resource: 'https://graph.microsoft.com',
          token_type: 'Bearer',
        }),
      );
    });
    await new Promise<void>((r) => msi.listen(0, '127.0.0.1', r));
    const saved = { endpoint: process.env.IDENTITY_ENDPOINT, header: process.env.IDENTITY_HEADER };
    process.env.IDENTITY_ENDPOINT = `http://127.0.0.1:${(msi.address() as AddressInfo).port}/msi/token`;
    process.env.IDENTITY_HEADER = 'app-service-secret';
    try {
      const msiConfig = { ...config, password: undefined, managedIdentityTenantId: HOME };
      const installer = createGraphInstaller(msiConfig, {
        credentialFor: graphCredentials(msiConfig),
      });
      assert.equal(await reach(installer, HOME, { aadObjectId: id(1) }), graph.chatId(id(1)));
      assert.equal(await reach(installer, KUOPIO, { aadObjectId: id(1) }), 'noConsent');
      assert.equal(requests.length, 1);
      assert.match(
        requests[0]!,
        /resource=https%3A%2F%2Fgraph\.microsoft\.com&client_id=00000000-aaaa.* app-service-secret$/,
      );
      assert.equal(graph.tokenRequests.length, 0, 'no client secret anywhere');
    } finally {
      for (const [k, v] of [
        ['IDENTITY_ENDPOINT', saved.endpoint],
        ['IDENTITY_HEADER', saved.header],
      ] as const)
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      msi.closeAllConnections();
      await new Promise<void>((r) => msi.close(() => r()));
    }
  });
});
