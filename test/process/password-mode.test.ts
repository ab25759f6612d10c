import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { Round } from '../../bot/domain/round';
import { createStores } from '../../storage';
import { AzureTableService } from '../../storage/azure-table';
import { freePort } from '../../storage/azurite';
import { message } from '../helpers/activities';
import { azuriteConnectionString, uniquePrefix } from '../helpers/azurite';
import { post } from '../helpers/bot-server';
import { ConnectorEmulator } from '../helpers/connector';
import { BOT_SCOPE, GRAPH_SCOPE, GraphEmulator } from '../helpers/graph';
import { APP_ID, OpenIdServer } from '../helpers/openid';
import { fixtureRoundInput } from '../helpers/questionnaire-fixtures';
import { HOME, P } from '../helpers/tenant-fixtures';
import { selfSignedCertificate } from '../helpers/tls';

const ROOT = path.resolve(__dirname, '..', '..');
const NEW = { id: '00000000-0000-4000-a000-000000000001', upn: 'uusi@pshva.fi' };

async function waitFor(check: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The bot as the multi-tenant set-up runs it: its app registration's password, for the Bot
 * Framework and for Graph, both against a local HTTPS login server trusted only through
 * NODE_EXTRA_CA_CERTS (read at process start, hence a process of its own).
 */
describe('password mode: Bot Framework and Graph tokens from a local login server (own process)', function () {
  this.timeout(120_000);
  const cert = selfSignedCertificate();
  let graph: GraphEmulator;
  let openid: OpenIdServer;
  let connector: ConnectorEmulator;
  let child: ChildProcess | undefined;
  const output: string[] = [];
  const kill = () => child?.exitCode === null && child.kill('SIGKILL');

  before(async () => {
    process.on('exit', kill);
    graph = await new GraphEmulator(cert, { appId: APP_ID, secret: 'the-app-password' }).start();
    graph.tenant(HOME, { users: [{ id: NEW.id, userPrincipalName: NEW.upn, mail: NEW.upn }] });
    openid = await new OpenIdServer().start();
    connector = await new ConnectorEmulator({ tenantId: HOME }).start();
  });
  after(async () => {
    kill();
    process.off('exit', kill);
    await Promise.all([graph.close(), openid.close(), connector.close()]);
  });

  it('sends the launch to a person installed through Graph, with tokens from nowhere else', async () => {
    const prefix = uniquePrefix();
    const stores = createStores(
      new AzureTableService({ connectionString: azuriteConnectionString() }, prefix),
    );
    await stores.rounds.save(
      Round.parse({
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
            respondents: [{ email: NEW.upn }],
          },
        ],
      }),
    );
    const port = await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', 'bot/index.ts'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        PORT: String(port),
        LOG_LEVEL: 'warn',
        NODE_EXTRA_CA_CERTS: cert.cert,
        AZURE_STORAGE_CONNECTION_STRING: azuriteConnectionString(),
        HYTE_TABLE_PREFIX: prefix,
        HYTE_REMINDER_INTERVAL: '0',
        HYTE_ALLOWED_TENANTS: HOME,
        ...openid.botAuth(),
        MicrosoftAppType: 'MultiTenant',
        MicrosoftAppPassword: 'the-app-password',
        ToChannelFromBotLoginUrl: `${graph.url}/botframework.com`,
        ToChannelFromBotOAuthScope: 'https://api.botframework.com',
        HYTE_GRAPH_INSTALL: 'true',
        HYTE_GRAPH_URL: graph.graphUrl,
        HYTE_GRAPH_LOGIN_URL: graph.url,
        HYTE_TEAMS_SERVICE_URL: `${connector.url}elsewhere/`,
      },
    });
    child.stdout!.on('data', (b: Buffer) => output.push(b.toString()));
    child.stderr!.on('data', (b: Buffer) => output.push(b.toString()));
    const url = `http://127.0.0.1:${port}`;
    await waitFor(
      () =>
        fetch(`${url}/healthz`).then(
          (r) => r.ok,
          () => false,
        ),
      60_000,
    ).catch((e: unknown) => assert.fail(`${String(e)}\n${output.join('')}`));

    // The coordinator types `käynnistä` in their 1:1 chat; the channel signs the request.
    const where = { serviceUrl: connector.url, tenant: HOME };
    const token = await openid.token({ serviceurl: connector.url });
    const res = await post(`${url}/api/messages`, message('käynnistä', P.koordinaattori, where), {
      authorization: `Bearer ${token}`,
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const chat = graph.chatId(NEW.id);
    await waitFor(() => (connector.delivered.get(chat) ?? 0) > 0).catch((e: unknown) =>
      assert.fail(`${String(e)}\n${output.join('')}`),
    );

    // Every call to the connector carried a Bot Framework token the local login server issued.
    const sent = connector.calls.filter((c) => c.method === 'POST' || c.method === 'PUT');
    assert.ok(sent.length >= 2, 'the progress card and the intro');
    for (const c of sent)
      assert.ok(graph.isBotToken(c.authorization), `${c.path}: ${c.authorization}`);
    // The intro went to the service URL the tenant's activities name, not to the default.
    assert.ok(sent.some((c) => c.path.startsWith(`/v3/conversations/${chat}/activities`)));
    assert.ok(sent.every((c) => !c.path.startsWith('/elsewhere/')));
    assert.deepEqual(graph.tokenRequests.map((r) => [r.tenant, r.scope, r.issued]).sort(), [
      [HOME, GRAPH_SCOPE, true],
      ['botframework.com', BOT_SCOPE, true],
    ]);
    assert.ok(
      graph.calls.some((c) => c.path === '/botframework.com/v2.0/.well-known/openid-configuration'),
    );
    assert.deepEqual(
      graph.graphCalls().map((c) => `${c.method} ${c.path.split('?')[0]} ${c.status}`),
      [
        `GET /v1.0/users/${NEW.upn} 200`,
        'GET /v1.0/appCatalogs/teamsApps 200',
        `POST /v1.0/users/${NEW.id}/teamwork/installedApps 201`,
        `GET /v1.0/users/${NEW.id}/teamwork/installedApps 200`,
        `GET /v1.0/users/${NEW.id}/teamwork/installedApps/inst-${NEW.id}/chat 200`,
      ],
    );
    await waitFor(
      async () => (await stores.deliveries.list('pohjois-savo-2025'))[0]?.state === 'sent',
    );
    assert.equal((await stores.deliveries.list('pohjois-savo-2025'))[0]?.via, 'graph');

    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  });
});
