import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the bot made to the connector. */
export interface ConnectorCall {
  method: string;
  path: string;
  body: Record<string, unknown>;
}

export interface Member {
  id: string;
  aadObjectId: string;
  name?: string;
  email?: string;
}

/**
 * A local stand-in for the Bot Connector service: records what the bot sends
 * (`POST /v3/conversations/:id/activities[/:replyToId]`, updates, member lookups) and
 * answers like Teams does.
 */
export class ConnectorEmulator {
  readonly calls: ConnectorCall[] = [];
  readonly members = new Map<string, Member>();
  /** Answers the next sends with this status (e.g. 500) while set. */
  failWith: number | undefined;
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
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    const path = decodeURIComponent(req.url ?? '');
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    const member = /\/v3\/conversations\/[^/]+\/members\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && member) {
      const m = [...this.members.values()].find(
        (x) => x.id === member[1] || x.aadObjectId === member[1],
      );
      if (!m) return json(404, { error: { code: 'MemberNotFoundInConversation' } });
      return json(200, { ...m, userPrincipalName: m.email });
    }
    this.calls.push({ method: req.method ?? '', path, body });
    this.waiters.splice(0).forEach((w) => w());
    if (this.failWith) return json(this.failWith, { error: { code: 'ServiceError' } });
    if (req.method === 'POST' && path === '/v3/conversations')
      return json(201, { id: `a:created-${++this.n}` });
    return json(200, { id: `activity-${++this.n}` });
  }
}
