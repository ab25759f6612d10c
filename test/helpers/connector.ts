import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the bot made to the connector. */
export interface ConnectorCall {
  method: string;
  path: string;
  body: Record<string, unknown>;
  /** The Authorization header the bot sent (a Bot Framework token when authenticated). */
  authorization?: string;
}

export interface Member {
  id: string;
  aadObjectId: string;
  name?: string;
  email?: string;
  /** Defaults to `email`; a B2B guest's is `name_domain#EXT#@host`. */
  userPrincipalName?: string;
}

/**
 * A local stand-in for the Bot Connector service: records what the bot sends
 * (`POST /v3/conversations/:id/activities[/:replyToId]`, updates, member lookups) and
 * answers like Teams does.
 */
export interface ConnectorLimits {
  /** Teams: 7 messages a second per conversation (429 with Retry-After beyond). */
  perConversationPerSecond?: number;
  /** Teams: 50 requests a second per app. */
  perAppPerSecond?: number;
  /** Share of sends answered with a random 429 or 503 (0..1). */
  randomFailures?: number;
  /** Share of 1:1 chat creates answered with a random 429 (Retry-After) or 503 (0..1). */
  createFailures?: number;
  /** Seconds in the Retry-After of a 429 (default 1). */
  retryAfterSeconds?: number;
  random?: () => number;
  /**
   * The tenant this service URL serves (one emulator per tenant): a 1:1 chat asked for with
   * another tenant id is refused with 403, as Teams does.
   */
  tenantId?: string;
}

/** Answers the next `times` requests matching `method` and `path` with `status`. */
export interface ScriptedFailure {
  method: string;
  path: RegExp;
  status: number;
  times: number;
  retryAfterSeconds?: number;
}

export class ConnectorEmulator {
  readonly calls: ConnectorCall[] = [];
  readonly members = new Map<string, Member>();
  /** Members of one team or group chat, by conversation id; others list every member. */
  readonly rosters = new Map<string, Member[]>();
  /** Answers the next sends with this status (e.g. 500) while set. */
  failWith: number | undefined;
  /** Conversation ids whose user blocked the bot (403 MessageWritesBlocked). */
  readonly blocked = new Set<string>();
  /** Sends answered 200, per conversation (what users actually received). */
  readonly delivered = new Map<string, number>();
  /** Failures to answer before anything else, in order (see `failNext`). */
  readonly script: ScriptedFailure[] = [];
  /** Files users attached in chat, by id, served at `/files/{id}` as SharePoint serves them. */
  readonly files = new Map<string, Buffer>();
  /** Every request for an attached file (path), served or not. */
  readonly fileRequests: string[] = [];
  private recent: number[] = [];
  private recentByConversation = new Map<string, number[]>();

  constructor(private readonly limits: ConnectorLimits = {}) {}

  /** Puts `members` in the roster of the team or chat `conversationId` (and in `members`). */
  roster(conversationId: string, members: Member[]): this {
    this.rosters.set(conversationId, members);
    for (const m of members) this.members.set(m.aadObjectId, m);
    return this;
  }

  /** 1:1 chats the bot asked to create: member id and the tenant id it gave. */
  get creates(): Array<{ memberId: string; tenantId: string | undefined }> {
    return this.calls
      .filter((c) => c.method === 'POST' && c.path === '/v3/conversations')
      .map((c) => ({
        memberId: String((c.body.members as Array<{ id?: string }> | undefined)?.[0]?.id),
        tenantId: (c.body.tenantId ??
          (c.body.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id) as
          string | undefined,
      }));
  }

  /** Sliding one-second windows; only accepted requests count, as throttled ones do not land. */
  private throttled(conversationId: string): boolean {
    const now = Date.now();
    const { perAppPerSecond, perConversationPerSecond } = this.limits;
    this.recent = this.recent.filter((t) => now - t < 1000);
    const conv = (this.recentByConversation.get(conversationId) ?? []).filter(
      (t) => now - t < 1000,
    );
    this.recentByConversation.set(conversationId, conv);
    if (perAppPerSecond && this.recent.length >= perAppPerSecond) return true;
    if (perConversationPerSecond && conv.length >= perConversationPerSecond) return true;
    this.recent.push(now);
    conv.push(now);
    return false;
  }
  private server = http.createServer((req, res) => void this.handle(req, res));
  private waiters: Array<() => void> = [];
  private n = 0;
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  /**
   * Keeps `body` as a file a user attached, and returns its download URL (what Teams puts in
   * the attachment's `content.downloadUrl`).
   */
  serveFile(body: Buffer | string, id = `f${this.files.size + 1}`): string {
    this.files.set(id, Buffer.from(body));
    return `${this.url}files/${id}`;
  }

  failNext(failure: ScriptedFailure): this {
    this.script.push({ ...failure });
    return this;
  }

  /** 1:1 chats the bot asked to create, by member id (Teams returns the same chat each time). */
  get created(): string[] {
    return this.calls
      .filter((c) => c.method === 'POST' && c.path === '/v3/conversations')
      .map((c) => String((c.body.members as Array<{ id?: string }> | undefined)?.[0]?.id));
  }

  /** Channel threads the bot started (create-conversation with a channel id), in order. */
  get threads(): Array<{ channelId: string; card: Record<string, unknown> | undefined }> {
    return this.calls
      .filter((c) => c.method === 'POST' && c.path === '/v3/conversations')
      .flatMap((c) => {
        const channelId = (c.body.channelData as { channel?: { id?: string } } | undefined)?.channel
          ?.id;
        const activity = c.body.activity as
          { attachments?: Array<{ content: Record<string, unknown> }> } | undefined;
        return channelId ? [{ channelId, card: activity?.attachments?.[0]?.content }] : [];
      });
  }

  /** Activities the bot sent or updated, in order. */
  get activities(): Array<Record<string, unknown>> {
    return this.calls.filter((c) => /\/activities/.test(c.path)).map((c) => c.body);
  }

  /** Adaptive cards the bot sent or updated, in order. */
  get cards(): Array<Record<string, unknown>> {
    return this.activities.flatMap((a) =>
      ((a.attachments as Array<{ content: Record<string, unknown> }> | undefined) ?? []).map(
        (x) => x.content,
      ),
    );
  }

  /** Resolves when at least `n` activities have arrived. */
  async waitForActivities(n: number, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.activities.length < n) {
      if (Date.now() > deadline)
        throw new Error(`expected ${n} activities, got ${this.activities.length}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 50);
      });
    }
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const file = /^\/files\/([^/?]+)/.exec(req.url ?? '');
    if (file) {
      this.fileRequests.push(req.url ?? '');
      const body = this.files.get(file[1] ?? '');
      res.writeHead(body ? 200 : 404, {
        'content-type': 'application/octet-stream',
        ...(body ? { 'content-length': String(body.length) } : {}),
      });
      res.end(body);
      return;
    }
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    const path = decodeURIComponent(req.url ?? '');
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const authorization = req.headers.authorization;
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    const retryAfter = (seconds = this.limits.retryAfterSeconds ?? 1) =>
      res.setHeader('retry-after', String(seconds));
    const scripted = this.script.find(
      (f) => f.times > 0 && f.method === req.method && f.path.test(path),
    );
    if (scripted) {
      scripted.times--;
      this.calls.push({ method: req.method ?? '', path, body, authorization });
      if (scripted.status === 429) retryAfter(scripted.retryAfterSeconds);
      return json(scripted.status, {
        error: { code: scripted.status === 429 ? 'Throttled' : 'ServiceError' },
      });
    }
    const paged = /\/v3\/conversations\/([^/]+)\/pagedmembers/.exec(path);
    if (req.method === 'GET' && paged) {
      const url = new URL(req.url ?? '', 'http://x');
      const size = Number(url.searchParams.get('pageSize') ?? 100);
      const start = Number(url.searchParams.get('continuationToken') ?? 0);
      const listed = this.rosters.get(paged[1] ?? '') ?? [...this.members.values()];
      const all = listed.map((m) => ({ ...m, userPrincipalName: m.userPrincipalName ?? m.email }));
      const page = all.slice(start, start + size);
      const next = start + size < all.length ? String(start + size) : undefined;
      return json(200, { members: page, ...(next ? { continuationToken: next } : {}) });
    }
    const member = /\/v3\/conversations\/[^/]+\/members\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && member) {
      const m = [...this.members.values()].find(
        (x) => x.id === member[1] || x.aadObjectId === member[1],
      );
      if (!m) return json(404, { error: { code: 'MemberNotFoundInConversation' } });
      return json(200, { ...m, userPrincipalName: m.userPrincipalName ?? m.email });
    }
    this.calls.push({ method: req.method ?? '', path, body, authorization });
    this.waiters.splice(0).forEach((w) => w());
    if (this.failWith) return json(this.failWith, { error: { code: 'ServiceError' } });
    const send = /^\/v3\/conversations\/([^/]+)\/activities/.exec(path);
    if (send && req.method === 'POST') {
      const conversationId = send[1] ?? '';
      if (this.blocked.has(conversationId))
        return json(403, { error: { code: 'MessageWritesBlocked', message: 'blocked' } });
      const random = this.limits.random ?? Math.random;
      if (this.limits.randomFailures && random() < this.limits.randomFailures) {
        if (random() < 0.5) {
          retryAfter();
          return json(429, { error: { code: 'Throttled' } });
        }
        return json(503, { error: { code: 'ServiceUnavailable' } });
      }
      if (this.throttled(conversationId)) {
        retryAfter();
        return json(429, { error: { code: 'Throttled' } });
      }
      this.delivered.set(conversationId, (this.delivered.get(conversationId) ?? 0) + 1);
    }
    if (req.method === 'POST' && path === '/v3/conversations') {
      const random = this.limits.random ?? Math.random;
      if (this.limits.createFailures && random() < this.limits.createFailures) {
        if (random() < 0.5) {
          retryAfter();
          return json(429, { error: { code: 'Throttled' } });
        }
        return json(503, { error: { code: 'ServiceUnavailable' } });
      }
      // A new thread in a channel, as Teams answers it: the id names the thread's first message.
      const channel = (body.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
      if (channel) {
        const activityId = String(1_700_000_000_000 + ++this.n);
        return json(201, { id: `${channel};messageid=${activityId}`, activityId });
      }
      const memberId = (body.members as Array<{ id?: string }> | undefined)?.[0]?.id;
      const asked = body.tenantId ?? (body.channelData as { tenant?: { id?: string } })?.tenant?.id;
      const known = [...this.members.values()].some((m) => m.id === memberId);
      if (this.limits.tenantId && (asked !== this.limits.tenantId || !known))
        return json(403, { error: { code: 'Forbidden', message: 'not a member of this tenant' } });
      return json(201, { id: `a:created-${memberId ?? ++this.n}` });
    }
    return json(200, { id: `activity-${++this.n}` });
  }
}
