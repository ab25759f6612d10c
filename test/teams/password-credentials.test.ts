import assert from 'node:assert/strict';
import { passwordCredentials } from '../../bot/teams/adapter';
import { PasswordCredentialsFactory, loginAuthority } from '../../bot/teams/password-credentials';
import { BOT_SCOPE, GraphEmulator } from '../helpers/graph';
import { selfSignedCertificate, trustInProcess } from '../helpers/tls';

const APP = '00000000-aaaa-bbbb-cccc-000000000001';
const TENANT = 'aaaaaaaa-0000-4000-8000-00000000000a';

describe('password-mode credentials for the Bot Framework', () => {
  it('takes the login URL as given; the default one goes to a single-tenant app’s own tenant', () => {
    assert.deepEqual(loginAuthority('https://127.0.0.1:8443/botframework.com'), {
      host: 'https://127.0.0.1:8443',
      tenant: 'botframework.com',
    });
    assert.deepEqual(loginAuthority('https://login.example/sub/path/' + TENANT + '/', 'other'), {
      host: 'https://login.example/sub/path',
      tenant: TENANT,
    });
    assert.deepEqual(
      loginAuthority('https://login.microsoftonline.com/botframework.com/', TENANT),
      {
        host: 'https://login.microsoftonline.com',
        tenant: TENANT,
      },
    );
    assert.equal(
      loginAuthority('https://login.microsoftonline.com/botframework.com').tenant,
      'botframework.com',
    );
  });

  it('is used with a password unless the bot runs as a managed identity', () => {
    const base = { MicrosoftAppId: APP, MicrosoftAppPassword: 'pw' };
    assert.ok(passwordCredentials(base) instanceof PasswordCredentialsFactory);
    assert.ok(
      passwordCredentials({
        ...base,
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: TENANT,
      }),
    );
    assert.equal(passwordCredentials({ ...base, MicrosoftAppType: 'UserAssignedMSI' }), undefined);
    assert.equal(passwordCredentials({ MicrosoftAppId: APP }), undefined);
    assert.equal(passwordCredentials({}), undefined);
  });

  it('signs requests with a token from the local login server, asked once', async () => {
    const cert = selfSignedCertificate();
    trustInProcess(cert.cert);
    const login = await new GraphEmulator(cert, { appId: APP, secret: 'pw' }).start();
    try {
      const factory = new PasswordCredentialsFactory({ appId: APP, password: 'pw' });
      assert.equal(await factory.isValidAppId(APP), true);
      assert.equal(await factory.isValidAppId('someone-else'), false);
      assert.equal(await factory.isAuthenticationDisabled(), false);
      await assert.rejects(
        factory.createCredentials('x', undefined, `${login.url}/botframework.com`),
      );
      const credentials = await factory.createCredentials(
        APP,
        'https://api.botframework.com',
        `${login.url}/botframework.com`,
      );
      for (let i = 0; i < 2; i++) {
        const headers = new Map<string, string>();
        await credentials.signRequest({
          url: 'https://smba.example/v3',
          headers: { set: (k: string, v: string) => headers.set(k, v) },
        } as never);
        assert.ok(login.isBotToken(headers.get('authorization')));
      }
      assert.deepEqual(login.tokenRequests, [
        { tenant: 'botframework.com', scope: BOT_SCOPE, issued: true },
      ]);
      assert.deepEqual(
        login.calls.map((c) => c.path.split('?')[0]),
        [
          '/botframework.com/v2.0/.well-known/openid-configuration',
          '/botframework.com/oauth2/v2.0/token',
        ],
      );
    } finally {
      await login.close();
    }
  });
});
