import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

/** A user in one tenant's directory. */
export interface GraphUser {
  id: string;
  userPrincipalName: string;
  mail?: string;
  displayName?: string;
  userType?: 'Member' | 'Guest';
}

/** One tenant as Graph and its login server see it. */
export interface GraphTenant {
  /** An administrator consented to the app registration: the tenant issues it tokens. */
  consent: boolean;
  /** The app's id in the tenant's catalog; none = not uploaded there. */
  catalogId?: string;
  users: GraphUser[];
  /** Users for whom an app policy blocks the app (403 on install). */
  blocked: Set<string>;
  /** Installations of the app, by user id. */
  installed: Map<string, string>;
}

/** One request to Graph or the login server, as answered. */
export interface GraphCall {
  method: string;
  /** Path and query, decoded (e.g. `/v1.0/users?$filter=mail eq 'x'`). */
  path: string;
  /** The tenant of the token the call carried (login calls: the tenant in the path). */
  tenant?: string;
  status: number;
  at: number;
}

export interface GraphFaults {
  /** Share of Graph calls (not token requests) answered with a random 429 or 503 (0..1). */
  randomFailures?: number;
  /** Seconds in the Retry-After of a 429 or 503 (default 1). */
  retryAfterSeconds?: number;
  random?: () => number;
}

interface Scripted {
  method: string;
  path: RegExp;
  status: number;
  times: number;
  retryAfterSeconds?: number;
}

interface Held {
  method: string;
  path: RegExp;
  reached: () => void;
  released: Promise<void>;
}

/** Tokens the login server issued: who for, which tenant, which resource. */
interface Issued {
  tenant: string;
  scope: string;
}

export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
export const BOT_SCOPE = 'https://api.botframework.com/.default';

/**
 * Microsoft Graph and the Entra login server on loopback, over HTTPS (MSAL speaks nothing
 * else): per-tenant consent, catalog, users (guests by mail), installedApps and their chats;
 * 404, 403, 409 and 429/503 with Retry-After as Graph answers them. Tokens are opaque and name
 * their tenant: a Graph call acts in the tenant of its token, as with real app-only tokens.
 */
export class GraphEmulator {
  readonly tenants = new Map<string, GraphTenant>();
  readonly calls: GraphCall[] = [];
  /** Token requests: tenant in the path, scope, and whether a token was issued. */
  readonly tokenRequests: Array<{ tenant: string; scope: string; issued: boolean }> = [];
  /** Called after each successful install (Teams would now send an installationUpdate). */
  onInstall?: (tenantId: string, user: GraphUser, chatId: string) => void | Promise<void>;
  private readonly issued = new Map<string, Issued>();
  private readonly script: Scripted[] = [];
  private readonly held: Held[] = [];
  private server: https.Server;
  private n = 0;
  /** `https://127.0.0.1:port`: the login base (HYTE_GRAPH_LOGIN_URL). */
  url = '';

  constructor(
    tls: { key: string; cert: string },
    readonly app: { appId: string; secret: string },
    private readonly faults: GraphFaults = {},
  ) {
    this.server = https.createServer(
      { key: fs.readFileSync(tls.key), cert: fs.readFileSync(tls.cert) },
      (req, res) => void this.handle(req, res),
    );
  }

  /** HYTE_GRAPH_URL. */
  get graphUrl(): string {
    return `${this.url}/v1.0`;
  }

  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  /** Adds (or replaces) a tenant: consenting, with the app in its catalog, unless told. */
  tenant(id: string, t: Partial<GraphTenant> = {}): GraphTenant {
    const tenant: GraphTenant = {
      consent: true,
      catalogId: `catalog-${id.slice(0, 8)}`,
      users: [],
      blocked: new Set(),
      installed: new Map(),
      ...t,
    };
    this.tenants.set(id.toLowerCase(), tenant);
    return tenant;
  }

  /** The 1:1 chat of the bot with `userId`, as Graph names it. */
  chatId(userId: string): string {
    return `19:${userId}_${this.app.appId}@unq.gbl.spaces`;
  }

  /** Answers the next `times` calls matching `method` and `path` with `status`. */
  failNext(failure: Scripted): this {
    this.script.push({ ...failure });
    return this;
  }

  /**
   * Holds the next call matching `method` and `path` until released; `reached` resolves
   * when it arrives.
   */
  hold(method: string, path: RegExp): { reached: Promise<void>; release: () => void } {
    let reached!: () => void;
    let release!: () => void;
    const arrived = new Promise<void>((r) => (reached = r));
    const released = new Promise<void>((r) => (release = r));
    this.held.push({ method, path, reached, released });
    return { reached: arrived, release };
  }

  /** Graph calls (not token requests) matching `method` and a path pattern. */
  graphCalls(method?: string, path?: RegExp): GraphCall[] {
    return this.calls.filter(
      (c) =>
        c.path.startsWith('/v1.0/') &&
        (!method || c.method === method) &&
        (!path || path.test(c.path)),
    );
  }

  /** Whether `token` is one this server issued for the Bot Framework (the connector checks). */
  isBotToken(authorization: string | undefined): boolean {
    const issued = this.issued.get((authorization ?? '').replace(/^Bearer /, ''));
    return issued?.scope === BOT_SCOPE;
  }

  private async handle(
    req: import('node:http').IncomingMessage,
    res: import('node:http').ServerResponse,
  ) {
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    const url = new URL(req.url ?? '/', this.url);
    const path = decodeURIComponent(url.pathname) + decodeURIComponent(url.search);
    const method = req.method ?? 'GET';
    const call: GraphCall = { method, path, status: 0, at: Date.now() };
    this.calls.push(call);
    const json = (status: number, value?: unknown, headers: Record<string, string> = {}) => {
      call.status = status;
      res.writeHead(status, {
        ...(value === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      });
      res.end(value === undefined ? undefined : JSON.stringify(value));
    };
    const login =
      /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|oauth2\/v2\.0\/token)$/.exec(
        url.pathname,
      );
    if (login) {
      const tenant = login[1]!;
      call.tenant = tenant;
      if (login[2]!.startsWith('v2.0')) return json(200, this.openIdConfiguration(tenant));
      return this.token(tenant, new URLSearchParams(raw), json);
    }
    if (!url.pathname.startsWith('/v1.0/')) return json(404, { error: { code: 'NotFound' } });
    const issued = this.issued.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (!issued || issued.scope !== GRAPH_SCOPE)
      return json(401, { error: { code: 'InvalidAuthenticationToken' } });
    call.tenant = issued.tenant;
    const held = this.held.find((h) => h.method === method && h.path.test(path));
    if (held) {
      this.held.splice(this.held.indexOf(held), 1);
      held.reached();
      await held.released;
    }
    const scripted = this.script.find(
      (f) => f.times > 0 && f.method === method && f.path.test(path),
    );
    const retry = (s?: number) => ({
      'retry-after': String(s ?? this.faults.retryAfterSeconds ?? 1),
    });
    if (scripted) {
      scripted.times--;
      return json(
        scripted.status,
        { error: { code: `Scripted${scripted.status}` } },
        retry(scripted.retryAfterSeconds),
      );
    }
    const random = this.faults.random ?? Math.random;
    if (this.faults.randomFailures && random() < this.faults.randomFailures) {
      return random() < 0.5
        ? json(429, { error: { code: 'TooManyRequests' } }, retry())
        : json(503, { error: { code: 'ServiceUnavailable' } }, retry());
    }
    const tenant = this.tenants.get(issued.tenant.toLowerCase());
    if (!tenant) return json(401, { error: { code: 'InvalidAuthenticationToken' } });
    return this.graph(tenant, issued.tenant, method, url, raw, json);
  }

  private openIdConfiguration(tenant: string) {
    const base = `${this.url}/${tenant}`;
    return {
      issuer: `${base}/v2.0`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_types_supported: ['code'],
    };
  }

  private token(
    tenant: string,
    form: URLSearchParams,
    json: (status: number, value?: unknown) => void,
  ) {
    const scope = form.get('scope') ?? '';
    const refuse = (error: string, description: string) => {
      this.tokenRequests.push({ tenant, scope, issued: false });
      return json(400, { error, error_description: description, error_codes: [700016] });
    };
    if (form.get('grant_type') !== 'client_credentials')
      return refuse('unsupported_grant_type', 'AADSTS70003: grant type not supported');
    if (form.get('client_id') !== this.app.appId || form.get('client_secret') !== this.app.secret)
      return refuse('invalid_client', 'AADSTS7000215: Invalid client secret provided.');
    const graph = scope === GRAPH_SCOPE;
    if (!graph && scope !== BOT_SCOPE) return refuse('invalid_scope', 'AADSTS70011: bad scope');
    if (graph && !this.tenants.get(tenant.toLowerCase())?.consent)
      return refuse(
        'unauthorized_client',
        `AADSTS700016: Application with identifier '${this.app.appId}' was not found in the directory '${tenant}'.`,
      );
    const token = `${graph ? 'graph' : 'bot'}.${tenant}.${++this.n}`;
    this.issued.set(token, { tenant, scope });
    this.tokenRequests.push({ tenant, scope, issued: true });
    return json(200, { token_type: 'Bearer', expires_in: 3599, access_token: token });
  }

  private graph(
    t: GraphTenant,
    tenantId: string,
    method: string,
    url: URL,
    raw: string,
    json: (status: number, value?: unknown) => void,
  ) {
    const p = decodeURIComponent(url.pathname).slice('/v1.0'.length);
    const filter = url.searchParams.get('$filter') ?? '';
    const quoted = (field: string) =>
      new RegExp(`^${field.replace('/', '\\/')} eq '((?:[^']|'')*)'$`)
        .exec(filter)?.[1]
        ?.replace(/''/g, "'");
    const notFound = () => json(404, { error: { code: 'Request_ResourceNotFound' } });
    const user = (key: string) =>
      t.users.find(
        (u) =>
          u.id === key.toLowerCase() || u.userPrincipalName.toLowerCase() === key.toLowerCase(),
      );
    if (method === 'GET' && p === '/appCatalogs/teamsApps') {
      const external = quoted('externalId');
      const apps =
        t.catalogId && external === this.app.appId
          ? [
              {
                id: t.catalogId,
                externalId: this.app.appId,
                displayName: 'HYTE-botti',
                distributionMethod: 'organization',
              },
            ]
          : [];
      return json(200, { value: apps });
    }
    if (method === 'GET' && p === '/users') {
      const mail = quoted('mail')?.toLowerCase();
      return json(200, { value: t.users.filter((u) => mail && u.mail?.toLowerCase() === mail) });
    }
    const one = /^\/users\/([^/]+)$/.exec(p);
    if (method === 'GET' && one) {
      const u = user(one[1]!);
      return u ? json(200, u) : notFound();
    }
    const apps = /^\/users\/([^/]+)\/teamwork\/installedApps$/.exec(p);
    if (apps) {
      const u = user(apps[1]!);
      if (!u || u.id !== apps[1]) return notFound();
      if (method === 'POST') {
        const bind = (JSON.parse(raw || '{}') as Record<string, unknown>)['teamsApp@odata.bind'];
        if (!t.catalogId || bind !== `${this.graphUrl}/appCatalogs/teamsApps/${t.catalogId}`)
          return notFound();
        if (t.blocked.has(u.id))
          return json(403, { error: { code: 'Forbidden', message: 'app permission policy' } });
        if (t.installed.has(u.id)) return json(409, { error: { code: 'Conflict' } });
        t.installed.set(u.id, `inst-${u.id}`);
        json(201);
        void this.onInstall?.(tenantId, u, this.chatId(u.id));
        return;
      }
      const external = quoted('teamsApp/externalId');
      const id = t.installed.get(u.id);
      const value =
        id && external === this.app.appId && url.searchParams.get('$expand') === 'teamsApp'
          ? [{ id, teamsApp: { id: t.catalogId, externalId: this.app.appId } }]
          : [];
      return json(200, { value });
    }
    const chat = /^\/users\/([^/]+)\/teamwork\/installedApps\/([^/]+)\/chat$/.exec(p);
    if (method === 'GET' && chat) {
      const u = user(chat[1]!);
      if (!u || t.installed.get(u.id) !== chat[2]) return notFound();
      return json(200, { id: this.chatId(u.id), chatType: 'oneOnOne' });
    }
    return notFound();
  }
}
