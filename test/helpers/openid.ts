import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type KeyObject, createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import {
  ServiceClientCredentialsFactory,
  type ServiceClientCredentials,
  TokenCredentials,
} from 'botframework-connector';

export const APP_ID = '00000000-aaaa-bbbb-cccc-000000000001';
export const ISSUER = 'https://api.botframework.test';
const KID = 'test-key-1';

/**
 * A local OpenID provider standing in for the Bot Framework's: metadata and a JWKS with the
 * `msteams` endorsement, and a signer for tokens the way the channel issues them.
 */
export class OpenIdServer {
  url = '';
  private server = http.createServer((req, res) => this.handle(req, res));
  private keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  publicJwk: Record<string, unknown> = {
    ...this.keys.publicKey.export({ format: 'jwk' }),
    kid: KID,
    use: 'sig',
    alg: 'RS256',
  };

  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const json = (value: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (req.url === '/.well-known/openid-configuration') {
      return json({
        issuer: ISSUER,
        jwks_uri: `${this.url}/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
    }
    if (req.url === '/keys')
      return json({ keys: [{ ...this.publicJwk, endorsements: ['msteams'] }] });
    res.writeHead(404).end();
  }

  /** The botbuilder configuration keys pointing at this server (all of them, or none work). */
  botAuth(): Record<string, string> {
    const metadata = `${this.url}/.well-known/openid-configuration`;
    return {
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-used-outbound-is-stubbed',
      ToBotFromChannelOpenIdMetadataUrl: metadata,
      ToBotFromChannelTokenIssuer: ISSUER,
      ToBotFromEmulatorOpenIdMetadataUrl: metadata,
      ToChannelFromBotLoginUrl: `${this.url}/login`,
      ToChannelFromBotOAuthScope: ISSUER,
      OAuthUrl: this.url,
      CallerId: 'urn:botframework:test',
      ValidateAuthority: 'false',
    };
  }

  /** A channel token; `claims` override the defaults (audience, issuer, serviceurl, expiry). */
  async token(
    claims: Record<string, unknown> & { serviceurl: string },
    key: KeyObject = this.keys.privateKey,
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const payload = {
      aud: APP_ID,
      iss: ISSUER,
      iat: now - 60,
      nbf: now - 60,
      exp: now + 3600,
      ...claims,
    };
    return signRs256({ alg: 'RS256', kid: KID, typ: 'JWT' }, payload, key);
  }
}

export const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

export function signRs256(header: object, payload: object, key: KeyObject): string {
  const input = `${b64url(header)}.${b64url(payload)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

/** A fresh key the OpenID server does not know (for forged signatures). */
export function strangerKey(): KeyObject {
  return createPrivateKey(
    generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
      format: 'pem',
      type: 'pkcs8',
    }),
  );
}

/** Outbound credentials that never reach for a real token (the connector is local). */
export class StubCredentialsFactory extends ServiceClientCredentialsFactory {
  async isValidAppId(appId: string): Promise<boolean> {
    return appId === APP_ID;
  }
  async isAuthenticationDisabled(): Promise<boolean> {
    return false;
  }
  async createCredentials(): Promise<ServiceClientCredentials> {
    return new TokenCredentials('outbound-test-token');
  }
}
