import {
  ClientSecretCredential,
  ManagedIdentityCredential,
  type TokenCredential,
} from '@azure/identity';
import type { GraphConfig } from '../config';
import { SendFailure } from '../domain/delivery';

/** App-only tokens for Microsoft Graph, whatever base URL Graph is reached at. */
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
/** A token is renewed this long before it expires. */
const EARLY_MS = 5 * 60_000;
/** A tenant that refused the token is asked again after this long (consent may come). */
const REFUSED_MS = 60_000;

/** A tenant's token, or its refusal (no admin consent there, or no identity for it). */
export type TenantToken = { token: string } | { refused: true };

/** The credential for one tenant, or none when this installation cannot ask it at all. */
export type CredentialFor = (tenantId: string) => TokenCredential | undefined;

/**
 * Password mode: the app registration's client credentials at the configured login server,
 * which is used as given (no instance discovery elsewhere). With a managed identity: the
 * home tenant only, the one tenant an identity lives in.
 */
export function graphCredentials(config: GraphConfig): CredentialFor {
  return (tenantId) => {
    if (config.managedIdentityTenantId !== undefined)
      return tenantId.toLowerCase() === config.managedIdentityTenantId
        ? new ManagedIdentityCredential({ clientId: config.appId })
        : undefined;
    if (!config.password) return undefined;
    return new ClientSecretCredential(tenantId, config.appId, config.password, {
      authorityHost: config.loginUrl,
      disableInstanceDiscovery: true,
    });
  };
}

/** Secret wrong or expired: no tenant can help, so it is a failure rather than "no consent". */
const BAD_SECRET = /AADSTS7000215|AADSTS7000222/;
/** The login server answered, and said no: the tenant has not consented (or does not exist). */
const REFUSAL =
  /invalid_client|unauthorized_client|invalid_request|invalid_grant|invalid_resource|access_denied|AADSTS\d+/;

/**
 * One token per tenant, shared by everyone who needs it: asked once while in flight, kept
 * until shortly before it expires; a refusal is kept a minute. A failure to reach the login
 * server is thrown as a retryable SendFailure.
 */
export class GraphTokens {
  private readonly credentials = new Map<string, TokenCredential | undefined>();
  private readonly cache = new Map<string, { value: Promise<TenantToken>; until: number }>();

  constructor(
    private readonly credentialFor: CredentialFor,
    private readonly now: () => number = Date.now,
  ) {}

  get(tenantId: string): Promise<TenantToken> {
    const cached = this.cache.get(tenantId);
    if (cached && this.now() < cached.until) return cached.value;
    const entry: { value: Promise<TenantToken>; until: number } = {
      value: Promise.resolve({ refused: true }),
      until: Infinity,
    };
    entry.value = this.ask(tenantId).then(
      (t) => {
        entry.until = 'token' in t ? t.expiresAt - EARLY_MS : this.now() + REFUSED_MS;
        return 'token' in t ? { token: t.token } : t;
      },
      (e: unknown) => {
        if (this.cache.get(tenantId) === entry) this.cache.delete(tenantId);
        throw e;
      },
    );
    this.cache.set(tenantId, entry);
    return entry.value;
  }

  /** Graph did not take the tenant's token: the next call asks for a new one. */
  forget(tenantId: string): void {
    this.cache.delete(tenantId);
  }

  private async ask(
    tenantId: string,
  ): Promise<{ token: string; expiresAt: number } | { refused: true }> {
    if (!this.credentials.has(tenantId))
      this.credentials.set(tenantId, this.credentialFor(tenantId));
    const credential = this.credentials.get(tenantId);
    if (!credential) return { refused: true };
    try {
      const token = await credential.getToken(GRAPH_SCOPE);
      if (!token) throw new Error('no token');
      return { token: token.token, expiresAt: token.expiresOnTimestamp };
    } catch (e) {
      const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      if (BAD_SECRET.test(text))
        throw new SendFailure('Graph token: the app password is wrong or expired', 401, 'Secret');
      if (REFUSAL.test(text) && !/endpoints_resolution_error/.test(text)) return { refused: true };
      throw new SendFailure(`Graph token: ${text.slice(0, 200)}`, undefined, undefined);
    }
  }
}
