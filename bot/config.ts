import { z } from 'zod';
import type { Person } from './domain/round';
import { peopleEntries, personOf } from './domain/setup/people-input';
import { formatPath } from './domain/zod-issues';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const opt = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess(blankToUndefined, schema.optional());
const withDefault = <T extends z.ZodTypeAny>(schema: T, value: z.input<T>) =>
  z.preprocess(blankToUndefined, schema.prefault(value as never));

const Guid = z.string().regex(/^[0-9a-fA-F-]{36}$/, 'must be a GUID');
const Url = z.url({ message: 'must be a URL' });

/** Keys botbuilder's ConfigurationBotFrameworkAuthentication reads, passed through unchanged. */
export const BOT_AUTH_KEYS = [
  'MicrosoftAppId',
  'MicrosoftAppPassword',
  'MicrosoftAppTenantId',
  'MicrosoftAppType',
  'ToBotFromChannelOpenIdMetadataUrl',
  'ToBotFromChannelTokenIssuer',
  'ToBotFromEmulatorOpenIdMetadataUrl',
  'ToChannelFromBotLoginUrl',
  'ToChannelFromBotOAuthScope',
  'OAuthUrl',
  'CallerId',
  'ValidateAuthority',
] as const;

/**
 * What App Service leaves in a setting whose Key Vault reference it could not resolve (no
 * access, no such secret): the reference itself. Taken as a secret it would be one anyone who
 * reads the template could present, so such a value stops the start instead.
 */
const UNRESOLVED_KEY_VAULT_REFERENCE = /^\s*@Microsoft\.KeyVault\(/i;

const EnvSchema = z
  .object({
    NODE_ENV: opt(z.enum(['production', 'development', 'test'])),
    PORT: withDefault(z.coerce.number().int().min(0).max(65535), 3978),
    MicrosoftAppId: opt(Guid),
    MicrosoftAppPassword: opt(z.string()),
    MicrosoftAppTenantId: opt(Guid),
    MicrosoftAppType: opt(z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'])),
    IDENTITY_ENDPOINT: opt(Url),
    IDENTITY_HEADER: opt(z.string()),
    ToBotFromChannelOpenIdMetadataUrl: opt(Url),
    ToBotFromChannelTokenIssuer: opt(z.string()),
    ToBotFromEmulatorOpenIdMetadataUrl: opt(Url),
    ToChannelFromBotLoginUrl: opt(Url),
    ToChannelFromBotOAuthScope: opt(z.string()),
    OAuthUrl: opt(Url),
    CallerId: opt(z.string()),
    ValidateAuthority: opt(z.enum(['true', 'false'])),
    AZURE_STORAGE_CONNECTION_STRING: opt(
      z
        .string()
        .regex(
          /(AccountName=|TableEndpoint=|UseDevelopmentStorage=)/i,
          'not a storage connection string',
        ),
    ),
    AZURE_TABLES_ENDPOINT: opt(Url),
    HYTE_TABLE_PREFIX: withDefault(
      z
        .string()
        .regex(/^[A-Za-z][A-Za-z0-9]{0,30}$/, 'must be letters and digits, starting with a letter'),
      'hyte',
    ),
    HYTE_ALLOWED_TENANTS: withDefault(
      z
        .string()
        .transform((s) =>
          s
            .split(',')
            .map((t) => t.trim().toLowerCase())
            .filter(Boolean),
        )
        .pipe(z.array(Guid)),
      '',
    ),
    HYTE_JOBS_SECRET: opt(z.string().min(16, 'must be at least 16 characters')),
    HYTE_PUBLIC_URL: opt(Url),
    HYTE_LINK_SECRET: opt(z.string().min(32, 'must be at least 32 characters')),
    HYTE_TIMEZONE: withDefault(
      z.string().refine(isTimeZone, 'not an IANA time zone'),
      'Europe/Helsinki',
    ),
    HYTE_REMINDER_INTERVAL: withDefault(z.coerce.number().int().min(0).max(86400), 60),
    HYTE_SEND_PER_SECOND: withDefault(z.coerce.number().min(0.1).max(1000), 50),
    HYTE_SEND_PER_CONVERSATION_PER_SECOND: withDefault(z.coerce.number().min(0.1).max(100), 7),
    HYTE_DATA_DIR: withDefault(z.string(), '.data'),
    HYTE_GRAPH_INSTALL: withDefault(z.enum(['true', 'false']), 'false'),
    HYTE_GRAPH_URL: withDefault(Url, 'https://graph.microsoft.com/v1.0'),
    HYTE_GRAPH_LOGIN_URL: withDefault(Url, 'https://login.microsoftonline.com'),
    HYTE_TEAMS_SERVICE_URL: withDefault(Url, 'https://smba.trafficmanager.net/teams/'),
    HYTE_ORGANISERS: withDefault(
      z.string().transform((s, ctx) => {
        const people: Person[] = [];
        for (const entry of peopleEntries(s)) {
          const person = personOf(entry);
          if (person) people.push(person);
          else
            ctx.addIssue({ code: 'custom', message: `not an e-mail or Entra object id: ${entry}` });
        }
        return people;
      }),
      '',
    ),
    HYTE_FILE_HOSTS: withDefault(
      z
        .string()
        .transform((s) =>
          s
            .split(',')
            .map((h) => h.trim().toLowerCase())
            .filter(Boolean),
        )
        .pipe(
          z.array(
            z
              .string()
              .regex(
                /^([a-z0-9]([a-z0-9-]*[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/,
                'must be host or host:port',
              ),
          ),
        ),
      '',
    ),
    APPLICATIONINSIGHTS_CONNECTION_STRING: opt(
      z
        .string()
        .regex(
          /(^|;)\s*(InstrumentationKey|IngestionEndpoint)=/i,
          'not an Application Insights connection string (InstrumentationKey=…;IngestionEndpoint=…)',
        ),
    ),
    LOG_LEVEL: withDefault(
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
      'info',
    ),
  })
  .superRefine((env, ctx) => {
    for (const [key, value] of Object.entries(env)) {
      if (typeof value === 'string' && UNRESOLVED_KEY_VAULT_REFERENCE.test(value)) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message:
            'an unresolved Key Vault reference: App Service could not read the secret (the identity ' +
            'in keyVaultReferenceIdentity needs "Key Vault Secrets User" on the vault)',
        });
      }
    }
    if (env.NODE_ENV === 'production' && !env.MicrosoftAppId) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppId'],
        message: 'required when NODE_ENV=production',
      });
    }
    if (env.NODE_ENV === 'production' && env.HYTE_ALLOWED_TENANTS.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['HYTE_ALLOWED_TENANTS'],
        message: 'required when NODE_ENV=production (comma-separated Entra tenant ids)',
      });
    }
    if (env.AZURE_STORAGE_CONNECTION_STRING && env.AZURE_TABLES_ENDPOINT) {
      ctx.addIssue({
        code: 'custom',
        path: ['AZURE_TABLES_ENDPOINT'],
        message: 'set either AZURE_STORAGE_CONNECTION_STRING or AZURE_TABLES_ENDPOINT, not both',
      });
    }
    if (env.MicrosoftAppType === 'UserAssignedMSI' && !env.MicrosoftAppTenantId) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppTenantId'],
        message: 'required with UserAssignedMSI',
      });
    }
    if (env.HYTE_GRAPH_INSTALL === 'true') {
      if (!env.MicrosoftAppId)
        ctx.addIssue({
          code: 'custom',
          path: ['MicrosoftAppId'],
          message: 'required with HYTE_GRAPH_INSTALL=true (the app installed is the bot itself)',
        });
      if (env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword)
        ctx.addIssue({
          code: 'custom',
          path: ['MicrosoftAppPassword'],
          message:
            'required with HYTE_GRAPH_INSTALL=true unless MicrosoftAppType=UserAssignedMSI (Graph tokens come from the app registration)',
        });
    }
    if (env.HYTE_PUBLIC_URL && !env.HYTE_LINK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['HYTE_LINK_SECRET'],
        message: 'required with HYTE_PUBLIC_URL',
      });
    }
  });

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export type Env = z.infer<typeof EnvSchema>;

/** How storage is reached: a connection string, an endpoint with managed identity, or embedded Azurite. */
export type StorageConfig =
  | { kind: 'connectionString'; connectionString: string; tablePrefix: string }
  | { kind: 'endpoint'; endpoint: string; tablePrefix: string }
  | { kind: 'embedded'; dataDir: string; tablePrefix: string };

/**
 * Reaching people who never opened the app through Microsoft Graph (HYTE_GRAPH_INSTALL=true):
 * app-only tokens per tenant from the app registration's password, or in the home tenant from
 * the managed identity.
 */
export interface GraphConfig {
  /** Microsoft Graph base, without a trailing slash. */
  url: string;
  /** Entra login base for app-only tokens, without a trailing slash. */
  loginUrl: string;
  /** The Bot Connector service URL of a tenant from which no activity has told one yet. */
  teamsServiceUrl: string;
  /** The bot's app id: also the Teams app's (manifest) id and the token's client id. */
  appId: string;
  /** The app registration's password (password mode). */
  password?: string;
  /** With MicrosoftAppType=UserAssignedMSI: the home tenant, the only one the identity reaches. */
  managedIdentityTenantId?: string;
}

export interface Config {
  env: Env;
  port: number;
  /**
   * Where the server listens: every interface when requests are authenticated; loopback only
   * without `MicrosoftAppId`, where anyone who reaches the port could make the bot call any
   * `serviceUrl` they name.
   */
  host: string;
  production: boolean;
  /** Raw values for botbuilder's ConfigurationBotFrameworkAuthentication. */
  botAuth: Partial<Record<(typeof BOT_AUTH_KEYS)[number], string>>;
  authenticated: boolean;
  storage: StorageConfig;
  allowedTenants: string[];
  jobsSecret?: string;
  /** `HYTE_ORGANISERS`: who may create rounds in chat (counted in the home tenant). */
  organisers: Person[];
  /** `HYTE_FILE_HOSTS`: hosts an attached file may be fetched from besides SharePoint. */
  fileHosts: string[];
  publicUrl?: string;
  linkSecret?: string;
  timeZone: string;
  reminderIntervalSeconds: number;
  /** Teams' bot limits: 50 requests/s per app per tenant, 7 messages/s per conversation. */
  sendLimits: { perTenantPerSecond: number; perConversationPerSecond: number };
  logLevel: Env['LOG_LEVEL'];
  /** Azure Monitor / Application Insights; absent = no telemetry module is loaded. */
  telemetry?: { connectionString: string };
  /** Installs through Microsoft Graph; absent unless HYTE_GRAPH_INSTALL=true. */
  graph?: GraphConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment once; throws ConfigError listing every bad key. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`));
  }
  const e = parsed.data;
  const botAuth: Config['botAuth'] = {};
  for (const key of BOT_AUTH_KEYS) {
    const value = e[key];
    if (value !== undefined) botAuth[key] = String(value);
  }
  const storage: StorageConfig = e.AZURE_STORAGE_CONNECTION_STRING
    ? {
        kind: 'connectionString',
        connectionString: e.AZURE_STORAGE_CONNECTION_STRING,
        tablePrefix: e.HYTE_TABLE_PREFIX,
      }
    : e.AZURE_TABLES_ENDPOINT
      ? { kind: 'endpoint', endpoint: e.AZURE_TABLES_ENDPOINT, tablePrefix: e.HYTE_TABLE_PREFIX }
      : { kind: 'embedded', dataDir: e.HYTE_DATA_DIR, tablePrefix: e.HYTE_TABLE_PREFIX };
  return {
    env: e,
    port: e.PORT,
    host: e.MicrosoftAppId ? '0.0.0.0' : '127.0.0.1',
    production: e.NODE_ENV === 'production',
    botAuth,
    authenticated: Boolean(e.MicrosoftAppId),
    storage,
    allowedTenants: e.HYTE_ALLOWED_TENANTS,
    jobsSecret: e.HYTE_JOBS_SECRET,
    organisers: e.HYTE_ORGANISERS,
    fileHosts: e.HYTE_FILE_HOSTS,
    publicUrl: e.HYTE_PUBLIC_URL,
    linkSecret: e.HYTE_LINK_SECRET,
    timeZone: e.HYTE_TIMEZONE,
    reminderIntervalSeconds: e.HYTE_REMINDER_INTERVAL,
    sendLimits: {
      perTenantPerSecond: e.HYTE_SEND_PER_SECOND,
      perConversationPerSecond: e.HYTE_SEND_PER_CONVERSATION_PER_SECOND,
    },
    logLevel: e.LOG_LEVEL,
    telemetry: e.APPLICATIONINSIGHTS_CONNECTION_STRING
      ? { connectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING }
      : undefined,
    graph: graphConfig(e),
  };
}

const noTrailingSlash = (url: string) => url.replace(/\/+$/, '');

function graphConfig(e: Env): GraphConfig | undefined {
  if (e.HYTE_GRAPH_INSTALL !== 'true' || !e.MicrosoftAppId) return undefined;
  const msi = e.MicrosoftAppType === 'UserAssignedMSI';
  return {
    url: noTrailingSlash(e.HYTE_GRAPH_URL),
    loginUrl: noTrailingSlash(e.HYTE_GRAPH_LOGIN_URL),
    teamsServiceUrl: e.HYTE_TEAMS_SERVICE_URL,
    appId: e.MicrosoftAppId,
    ...(msi ? { managedIdentityTenantId: e.MicrosoftAppTenantId?.toLowerCase() } : {}),
    ...(!msi && e.MicrosoftAppPassword ? { password: e.MicrosoftAppPassword } : {}),
  };
}

/**
 * For process entries (server, CLI): the config, or `undefined` after printing every problem
 * to stderr, so the caller can exit non-zero.
 */
export function loadConfigOrReport(
  env: Record<string, string | undefined> = process.env,
): Config | undefined {
  try {
    return loadConfig(env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(e.message);
    return undefined;
  }
}
