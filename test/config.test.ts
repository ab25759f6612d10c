import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../bot/config';

const APP_ID = '11111111-2222-3333-4444-555555555555';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    return e.problems;
  }
  assert.fail('expected a ConfigError');
}

describe('loadConfig', () => {
  it('runs with an empty environment: embedded storage, defaults, unauthenticated', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3978);
    assert.equal(config.authenticated, false);
    assert.deepEqual(config.storage, { kind: 'embedded', dataDir: '.data', tablePrefix: 'hyte' });
    assert.equal(config.timeZone, 'Europe/Helsinki');
    assert.equal(config.reminderIntervalSeconds, 60);
    assert.deepEqual(config.allowedTenants, []);
  });

  it('treats empty strings as unset', () => {
    const config = loadConfig({ PORT: '', MicrosoftAppId: '', HYTE_TABLE_PREFIX: '  ' });
    assert.equal(config.port, 3978);
    assert.equal(config.authenticated, false);
    assert.equal(config.storage.tablePrefix, 'hyte');
  });

  it('lists every bad key at once', () => {
    const list = problems({
      PORT: 'eighty',
      MicrosoftAppId: 'not-a-guid',
      HYTE_ALLOWED_TENANTS: 'abc',
      HYTE_TIMEZONE: 'Mars/Olympus',
      HYTE_REMINDER_INTERVAL: '-1',
      HYTE_TABLE_PREFIX: '1bad-prefix',
    });
    for (const key of [
      'PORT',
      'MicrosoftAppId',
      'HYTE_ALLOWED_TENANTS',
      'HYTE_TIMEZONE',
      'HYTE_REMINDER_INTERVAL',
      'HYTE_TABLE_PREFIX',
    ]) {
      assert.ok(
        list.some((p) => p.startsWith(key)),
        `${key} missing from ${JSON.stringify(list)}`,
      );
    }
  });

  it('refuses production without MicrosoftAppId or allowed tenants, naming both', () => {
    const list = problems({ NODE_ENV: 'production' });
    assert.ok(list.some((p) => p.startsWith('MicrosoftAppId: required when NODE_ENV=production')));
    assert.ok(list.some((p) => p.startsWith('HYTE_ALLOWED_TENANTS: required')));
    const blankTenants = problems({
      NODE_ENV: 'production',
      MicrosoftAppId: APP_ID,
      HYTE_ALLOWED_TENANTS: ' , ',
    });
    assert.deepEqual(
      blankTenants.map((p) => p.split(':')[0]),
      ['HYTE_ALLOWED_TENANTS'],
    );
    const config = loadConfig({
      NODE_ENV: 'production',
      MicrosoftAppId: APP_ID,
      HYTE_ALLOWED_TENANTS: APP_ID,
    });
    assert.equal(config.production, true);
  });

  it('listens on loopback only without MicrosoftAppId, on every interface with it', () => {
    assert.equal(loadConfig({}).host, '127.0.0.1');
    assert.equal(loadConfig({ MicrosoftAppId: '' }).host, '127.0.0.1');
    assert.equal(loadConfig({ MicrosoftAppId: APP_ID }).host, '0.0.0.0');
  });

  it('refuses both a connection string and an endpoint', () => {
    const list = problems({
      AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
      AZURE_TABLES_ENDPOINT: 'https://acct.table.core.windows.net',
    });
    assert.ok(list.some((p) => p.startsWith('AZURE_TABLES_ENDPOINT')));
  });

  it('chooses storage from the connection string or the endpoint', () => {
    assert.equal(
      loadConfig({ AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' }).storage.kind,
      'connectionString',
    );
    const endpoint = loadConfig({
      AZURE_TABLES_ENDPOINT: 'https://acct.table.core.windows.net',
      HYTE_TABLE_PREFIX: 'test1',
    });
    assert.deepEqual(endpoint.storage, {
      kind: 'endpoint',
      endpoint: 'https://acct.table.core.windows.net',
      tablePrefix: 'test1',
    });
  });

  it('parses allowed tenants and passes bot auth keys through unchanged', () => {
    const config = loadConfig({
      HYTE_ALLOWED_TENANTS: ` ${APP_ID.toUpperCase()} , `,
      MicrosoftAppId: APP_ID,
      MicrosoftAppType: 'UserAssignedMSI',
      MicrosoftAppTenantId: APP_ID,
      ToBotFromChannelTokenIssuer: 'https://issuer.test',
      ValidateAuthority: 'false',
    });
    assert.deepEqual(config.allowedTenants, [APP_ID]);
    assert.equal(config.botAuth.ToBotFromChannelTokenIssuer, 'https://issuer.test');
    assert.equal(config.botAuth.ValidateAuthority, 'false');
    assert.equal(config.botAuth.MicrosoftAppType, 'UserAssignedMSI');
  });

  it('requires a tenant for managed identity and a link secret for public URLs', () => {
    assert.ok(
      problems({ MicrosoftAppType: 'UserAssignedMSI' }).some((p) =>
        p.startsWith('MicrosoftAppTenantId'),
      ),
    );
    assert.ok(
      problems({ HYTE_PUBLIC_URL: 'https://hyte.example.fi' }).some((p) =>
        p.startsWith('HYTE_LINK_SECRET'),
      ),
    );
  });

  it('refuses a Key Vault reference App Service left unresolved, for every secret it names', () => {
    const ref = (name: string) =>
      `@Microsoft.KeyVault(SecretUri=https://hyte-kv.vault.azure.net/secrets/${name})`;
    const list = problems({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: ref('bot-app-password'),
      HYTE_JOBS_SECRET: ref('hyte-jobs-secret'),
      HYTE_PUBLIC_URL: 'https://hyte.example.fi',
      HYTE_LINK_SECRET: ref('hyte-link-secret'),
    });
    assert.deepEqual(
      list.map((p) => p.split(':')[0]),
      ['MicrosoftAppPassword', 'HYTE_JOBS_SECRET', 'HYTE_LINK_SECRET'],
    );
    assert.ok(list.every((p) => p.includes('Key Vault Secrets User')));
    // A resolved one is the secret itself.
    const config = loadConfig({
      HYTE_JOBS_SECRET: 'a'.repeat(32),
      HYTE_LINK_SECRET: 'b'.repeat(32),
    });
    assert.equal(config.jobsSecret, 'a'.repeat(32));
  });

  it('installs through Microsoft Graph only when asked, with the app registration it runs as', () => {
    assert.equal(loadConfig({}).graph, undefined);
    const graph = loadConfig({
      HYTE_GRAPH_INSTALL: 'true',
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'secret',
      MicrosoftAppType: 'MultiTenant',
      HYTE_GRAPH_URL: 'https://127.0.0.1:8443/v1.0/',
      HYTE_GRAPH_LOGIN_URL: 'https://127.0.0.1:8443',
    }).graph;
    assert.deepEqual(graph, {
      url: 'https://127.0.0.1:8443/v1.0',
      loginUrl: 'https://127.0.0.1:8443',
      teamsServiceUrl: 'https://smba.trafficmanager.net/teams/',
      appId: APP_ID,
      password: 'secret',
    });
    const msi = loadConfig({
      HYTE_GRAPH_INSTALL: 'true',
      MicrosoftAppId: APP_ID,
      MicrosoftAppType: 'UserAssignedMSI',
      MicrosoftAppTenantId: 'AAAAAAAA-0000-4000-8000-00000000000A',
    }).graph;
    assert.equal(msi?.url, 'https://graph.microsoft.com/v1.0');
    assert.equal(msi?.loginUrl, 'https://login.microsoftonline.com');
    assert.equal(msi?.managedIdentityTenantId, 'aaaaaaaa-0000-4000-8000-00000000000a');
    assert.equal(msi?.password, undefined);
  });

  it('names what HYTE_GRAPH_INSTALL=true needs, beside every other bad key', () => {
    const list = problems({
      HYTE_GRAPH_INSTALL: 'yes',
      HYTE_GRAPH_URL: 'graph',
      HYTE_TEAMS_SERVICE_URL: 'smba',
    });
    assert.deepEqual(list.map((p) => p.split(':')[0]).sort(), [
      'HYTE_GRAPH_INSTALL',
      'HYTE_GRAPH_URL',
      'HYTE_TEAMS_SERVICE_URL',
    ]);
    const missing = problems({ HYTE_GRAPH_INSTALL: 'true' });
    assert.ok(
      missing.some((p) => /^MicrosoftAppId: required with HYTE_GRAPH_INSTALL=true/.test(p)),
    );
    assert.ok(
      missing.some((p) => /^MicrosoftAppPassword: required with HYTE_GRAPH_INSTALL=true/.test(p)),
    );
  });
});
