import { z } from 'zod';
import { SendFailure } from '../domain/delivery';
import {
  type DirectoryUser,
  type Installer,
  type Refused,
  type Through,
  isRefused,
} from '../domain/ports';
import type { Person } from '../domain/round';
import { type GraphAnswer, type GraphHttp, unexpected } from './graph-http';

const Guid = z
  .string()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/);
const User = z.object({
  id: Guid,
  mail: z.string().nullish(),
  displayName: z.string().nullish(),
});
const Listed = <T extends z.ZodTypeAny>(item: T) => z.object({ value: z.array(item) });
const CatalogApp = z.object({ id: z.string().min(1).max(200) });
const Installation = z.object({ id: z.string().min(1).max(500) });
const Chat = z.object({ id: z.string().min(1).max(500) });

/** How long a tenant's catalog id is kept; a miss is asked again sooner (an upload may come). */
const CATALOG_TTL_MS = 60 * 60_000;
const CATALOG_MISS_TTL_MS = 60_000;

/** An OData string literal: quotes doubled. */
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
const filter = (expression: string) => `$filter=${encodeURIComponent(expression)}`;

const toUser = (body: unknown): DirectoryUser | undefined => {
  const u = User.safeParse(body);
  if (!u.success) return undefined;
  return {
    id: u.data.id.toLowerCase(),
    ...(u.data.mail ? { mail: u.data.mail } : {}),
    ...(u.data.displayName ? { displayName: u.data.displayName } : {}),
  };
};

/**
 * Installs the bot for a user through Microsoft Graph, as Company Communicator did, with the
 * least permissions (TeamsAppInstallation.ReadWriteSelfForUser.All, User.ReadBasic.All,
 * AppCatalog.Read.All): the app's catalog id once per tenant, the user, the install (201 or
 * 409), the installation and its chat. Each call goes `through` the tenant's lane.
 */
export class GraphInstaller implements Installer {
  private readonly catalog = new Map<string, { until: number; id: Promise<string | Refused> }>();

  constructor(
    private readonly http: GraphHttp,
    /** The Teams app's manifest id (the bot's app id): its `externalId` in every catalog. */
    private readonly appId: string,
    /** Graph's base URL, for the `teamsApp@odata.bind` of an install. */
    private readonly base: string,
    private readonly now: () => number = Date.now,
  ) {}

  async findUser(
    tenantId: string,
    person: Person,
    through: Through,
  ): Promise<DirectoryUser | Refused> {
    const key = 'aadObjectId' in person ? person.aadObjectId : person.email;
    const site = { tenantId, conversationId: `graph:user:${key}` };
    const direct = await through(site, () =>
      this.http.call(tenantId, 'GET', `/users/${encodeURIComponent(key)}`),
    );
    if (isRefused(direct)) return direct;
    if (direct.status === 200) return toUser(direct.body) ?? { problem: 'notFound' };
    // Without User.ReadBasic.All the tenant's consent does not cover reading users.
    if (direct.status === 403) return { problem: 'noConsent' };
    if (direct.status !== 404 && direct.status !== 400) throw unexpected('user', direct);
    if (!('email' in person)) return { problem: 'notFound' };
    // A guest's user principal name is the #EXT# form; their mail is the address they have.
    const byMail = await through(site, () =>
      this.http.call(tenantId, 'GET', `/users?${filter(`mail eq ${literal(person.email)}`)}`),
    );
    if (isRefused(byMail)) return byMail;
    if (byMail.status === 403) return { problem: 'noConsent' };
    if (byMail.status !== 200) throw unexpected('users by mail', byMail);
    const found = Listed(z.unknown()).safeParse(byMail.body);
    const users = found.success ? found.data.value.map(toUser) : [];
    // Two users with one mail would be a guess: nobody is reached on a guess.
    return users.length === 1 && users[0] ? users[0] : { problem: 'notFound' };
  }

  /** The app's id in the tenant's catalog, once per tenant (a miss is asked again soon). */
  private catalogId(tenantId: string, through: Through): Promise<string | Refused> {
    const cached = this.catalog.get(tenantId);
    if (cached && this.now() < cached.until) return cached.id;
    const entry = { until: Infinity, id: Promise.resolve<string | Refused>('') };
    entry.id = through({ tenantId, conversationId: 'graph:catalog' }, () =>
      this.http.call(
        tenantId,
        'GET',
        `/appCatalogs/teamsApps?${filter(`externalId eq ${literal(this.appId)}`)}`,
      ),
    ).then(
      (a): string | Refused => {
        const id = isRefused(a) ? a : this.catalogAnswer(a);
        entry.until = this.now() + (typeof id === 'string' ? CATALOG_TTL_MS : CATALOG_MISS_TTL_MS);
        return id;
      },
      (e: unknown) => {
        if (this.catalog.get(tenantId) === entry) this.catalog.delete(tenantId);
        throw e;
      },
    );
    this.catalog.set(tenantId, entry);
    return entry.id;
  }

  private catalogAnswer(a: GraphAnswer): string | Refused {
    if (a.status === 403) return { problem: 'noConsent' };
    if (a.status !== 200) throw unexpected('catalog', a);
    const apps = Listed(CatalogApp).safeParse(a.body);
    const id = apps.success ? apps.data.value[0]?.id : undefined;
    return id ?? { problem: 'appNotInCatalog' };
  }

  async install(
    tenantId: string,
    userId: string,
    through: Through,
  ): Promise<{ chatId: string } | Refused> {
    const user = encodeURIComponent(userId);
    const site = (step: string) => ({ tenantId, conversationId: `graph:${step}:${userId}` });
    for (let attempt = 1; ; attempt++) {
      const app = await this.catalogId(tenantId, through);
      if (isRefused(app)) return app;
      const bind = `${this.base}/appCatalogs/teamsApps/${encodeURIComponent(app)}`;
      const res = await through(site('install'), () =>
        this.http.call(tenantId, 'POST', `/users/${user}/teamwork/installedApps`, {
          'teamsApp@odata.bind': bind,
        }),
      );
      if (isRefused(res)) return res;
      // 409: installed before (by the person, an administrator or an earlier run).
      if (res.status === 201 || res.status === 200 || res.status === 204 || res.status === 409)
        break;
      if (res.status === 403) return { problem: 'installBlocked' };
      if (res.status !== 404) throw unexpected('install', res);
      // The catalog id went stale (the app was updated or removed): ask the catalog again once.
      this.catalog.delete(tenantId);
      if (attempt >= 2) return { problem: 'notFound' };
    }
    const installation = await through(site('installation'), async () => {
      const a = await this.http.call(
        tenantId,
        'GET',
        `/users/${user}/teamwork/installedApps?$expand=teamsApp&${filter(
          `teamsApp/externalId eq ${literal(this.appId)}`,
        )}`,
      );
      if (isRefused(a)) return a;
      if (a.status !== 200) throw unexpected('installation', a);
      const listed = Listed(Installation).safeParse(a.body);
      const id = listed.success ? listed.data.value[0]?.id : undefined;
      // Just installed and not listed yet: a passing state, retried in the lane.
      if (!id) throw new SendFailure('Graph installation: not listed yet', undefined, undefined);
      return id;
    });
    if (isRefused(installation)) return installation;
    return through(site('chat'), async () => {
      const a = await this.http.call(
        tenantId,
        'GET',
        `/users/${user}/teamwork/installedApps/${encodeURIComponent(installation)}/chat`,
      );
      if (isRefused(a)) return a;
      if (a.status === 404)
        throw new SendFailure('Graph chat: not there yet', undefined, undefined);
      if (a.status !== 200) throw unexpected('chat', a);
      const chat = Chat.safeParse(a.body);
      if (!chat.success) throw unexpected('chat', a);
      return { chatId: chat.data.id };
    });
  }
}
