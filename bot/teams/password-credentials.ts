import { ClientSecretCredential, type TokenCredential } from '@azure/identity';
import {
  ServiceClientCredentialsFactory,
  type ServiceClientCredentials,
} from 'botframework-connector';

/** Where botbuilder asks for tokens unless ToChannelFromBotLoginUrl says otherwise. */
const PUBLIC_LOGIN = 'https://login.microsoftonline.com/botframework.com';
const DEFAULT_AUDIENCE = 'https://api.botframework.com';

/** The app registration a password-mode bot runs as. */
export interface AppPassword {
  appId: string;
  password: string;
  /** `SingleTenant`: the default login goes to this tenant instead of botframework.com. */
  singleTenantId?: string;
}

/**
 * `https://host/prefix/tenant` → the authority host and the tenant, as given; botbuilder's
 * default login URL goes to the app's own tenant for a single-tenant app, as botbuilder does.
 */
export function loginAuthority(
  loginEndpoint: string,
  singleTenantId?: string,
): { host: string; tenant: string } {
  const url = new URL(loginEndpoint);
  const parts = url.pathname.split('/').filter(Boolean);
  const named = parts.pop() ?? 'botframework.com';
  const isDefault = loginEndpoint.replace(/\/+$/, '').toLowerCase() === PUBLIC_LOGIN;
  const tenant = singleTenantId && isDefault ? singleTenantId : named;
  return { host: `${url.origin}${parts.length ? `/${parts.join('/')}` : ''}`, tenant };
}

/**
 * Outbound Bot Framework tokens for a bot that runs with its app registration's password
 * (MultiTenant or SingleTenant), from @azure/identity's ClientSecretCredential at the login
 * URL botbuilder is configured with (`ToChannelFromBotLoginUrl`), used as given: it reads only
 * that server's openid-configuration and token endpoint. botbuilder's own MSAL client asks
 * login.microsoftonline.com for instance discovery first, whatever the login URL.
 */
export class PasswordCredentialsFactory extends ServiceClientCredentialsFactory {
  private readonly credentials = new Map<string, TokenCredential>();

  constructor(private readonly app: AppPassword) {
    super();
  }

  async isValidAppId(appId: string): Promise<boolean> {
    return appId === this.app.appId;
  }

  async isAuthenticationDisabled(): Promise<boolean> {
    return false;
  }

  async createCredentials(
    appId: string,
    audience: string | undefined,
    loginEndpoint: string,
  ): Promise<ServiceClientCredentials> {
    if (appId !== this.app.appId) throw new Error('Invalid appId.');
    const { host, tenant } = loginAuthority(loginEndpoint || PUBLIC_LOGIN, this.app.singleTenantId);
    const key = `${host}\n${tenant}`;
    let credential = this.credentials.get(key);
    if (!credential) {
      credential = new ClientSecretCredential(tenant, appId, this.app.password, {
        authorityHost: host,
        disableInstanceDiscovery: true,
      });
      this.credentials.set(key, credential);
    }
    const scope = `${(audience || DEFAULT_AUDIENCE).replace(/\/+$/, '')}/.default`;
    const token = credential;
    return {
      async signRequest(webResource) {
        const got = await token.getToken(scope);
        if (!got) throw new Error('no Bot Framework token');
        webResource.headers.set('authorization', `Bearer ${got.token}`);
        return webResource;
      },
    };
  }
}
