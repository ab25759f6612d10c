import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { message } from '../helpers/activities';
import { type TestBot, post, startBot } from '../helpers/bot-server';
import { ConnectorEmulator } from '../helpers/connector';
import { APP_ID, OpenIdServer, StubCredentialsFactory, strangerKey } from '../helpers/openid';
import { AAD } from '../helpers/questionnaire-fixtures';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

describe('Bot Framework authentication (local OpenID server)', () => {
  let openid: OpenIdServer;
  let connector: ConnectorEmulator;
  let bot: TestBot;
  let activity: Record<string, unknown>;
  const now = () => Math.floor(Date.now() / 1000);

  const consoleError = console.error;
  before(async () => {
    openid = await new OpenIdServer().start();
    // botbuilder prints every rejected token to the console; the assertions are on the answers.
    console.error = () => {};
  });
  after(async () => {
    console.error = consoleError;
    await openid.close();
  });
  beforeEach(async () => {
    connector = await new ConnectorEmulator().start();
    bot = await startBot({
      botAuth: openid.botAuth(),
      credentialsFactory: new StubCredentialsFactory(),
    });
    activity = message('ohje', { aadObjectId: AAD.ben }, { serviceUrl: connector.url });
  });
  afterEach(async () => {
    await bot.close();
    await connector.close();
  });

  const send = (authorization?: string) =>
    post(`${bot.url}/api/messages`, activity, authorization ? { authorization } : {});

  async function refused(authorization: string | undefined): Promise<void> {
    const res = await send(authorization);
    assert.equal(res.status, 401, JSON.stringify(res.body));
    assert.doesNotMatch(JSON.stringify(res.body), /at .*\.js|stack/i, 'no internals leak');
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(connector.calls.length, 0, 'the bot logic must not run');
  }

  it('accepts a valid channel token and answers through the connector', async () => {
    const token = await openid.token({ serviceurl: connector.url });
    const res = await send(`Bearer ${token}`);
    assert.equal(res.status, 200);
    await connector.waitForActivities(1);
  });

  it('refuses a request without a token', async () => {
    await refused(undefined);
  });

  it('refuses an unsigned token (alg none)', async () => {
    const t = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ aud: APP_ID, iss: 'https://api.botframework.test', serviceurl: connector.url, exp: now() + 600 })}.`;
    await refused(`Bearer ${t}`);
  });

  it('refuses a token signed by another key under the same key id', async () => {
    await refused(`Bearer ${await openid.token({ serviceurl: connector.url }, strangerKey())}`);
  });

  it('refuses an HS256 token signed with the public key as the secret', async () => {
    const header = b64({ alg: 'HS256', typ: 'JWT', kid: 'test-key-1' });
    const payload = b64({
      aud: APP_ID,
      iss: 'https://api.botframework.test',
      serviceurl: connector.url,
      exp: now() + 600,
      nbf: now() - 60,
    });
    const sig = createHmac('sha256', JSON.stringify(openid.publicJwk))
      .update(`${header}.${payload}`)
      .digest('base64url');
    await refused(`Bearer ${header}.${payload}.${sig}`);
  });

  it('refuses a token expired beyond the 5-minute clock skew', async () => {
    const t = await openid.token({
      serviceurl: connector.url,
      exp: now() - 600,
      nbf: now() - 3600,
      iat: now() - 3600,
    });
    await refused(`Bearer ${t}`);
  });

  it('refuses a token for another audience', async () => {
    await refused(
      `Bearer ${await openid.token({ serviceurl: connector.url, aud: 'someone-else' })}`,
    );
  });

  it('refuses a token from another issuer', async () => {
    await refused(
      `Bearer ${await openid.token({ serviceurl: connector.url, iss: 'https://evil.test' })}`,
    );
  });

  it('refuses a token whose serviceurl differs from the activity', async () => {
    await refused(`Bearer ${await openid.token({ serviceurl: 'https://elsewhere.test/' })}`);
  });

  it('refuses garbage in the Authorization header', async () => {
    await refused('Bearer not.a.jwt');
    await refused('Basic dXNlcjpwYXNz');
  });
});
