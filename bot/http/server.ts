import { createHash, timingSafeEqual } from 'node:crypto';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import restify, { type Request, type Response, type Server } from 'restify';
import { type Lang, langFromLocale } from '../domain/localized-text';
import type { Logger } from '../log';
import type { ReportFormat } from '../report';
import { verifyReportLink } from './report-links';

/** Teams activities are small; card submissions with long texts stay far below this. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface ServerDeps {
  adapter: CloudAdapter;
  bot: { run(context: TurnContext): Promise<void> };
  /** Throws StorageUnavailableError with a reason when storage does not answer. */
  ping(): Promise<void>;
  log: Logger;
  maxBodyBytes?: number;
  /** `/api/jobs/*` for external timers; absent secret = the routes answer 404. */
  jobs?: { secret?: string; reminders(): Promise<unknown> };
  /** `/reports/{roundId}[.csv|.xlsx|.md]` behind signed links; absent = 404. */
  reports?: {
    secret: string;
    now(): Date;
    render(
      roundId: string,
      format: ReportFormat,
      lang: Lang,
    ): Promise<{ body: string | Buffer; contentType: string } | undefined>;
  };
}

/** Constant-time comparison of a bearer token with the configured secret. */
export function bearerMatches(header: string | undefined, secret: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!m?.[1]) return false;
  const a = createHash('sha256').update(m[1]).digest();
  const b = createHash('sha256').update(secret).digest();
  return timingSafeEqual(a, b);
}

/** botbuilder answers some forged tokens with 500 and the validation error: those are 401s. */
const TOKEN_PROBLEM =
  /token|signature|jwt|jws|issuer|audience|signing key|endorse|algorithm|claim|unauthori[sz]ed/i;

/** Collects what CloudAdapter writes, so the status can be corrected before it is sent. */
function recorder() {
  const out: { status: number; body: unknown; headers: Record<string, unknown> } = {
    status: 200,
    body: undefined,
    headers: {},
  };
  return {
    out,
    res: {
      socket: undefined,
      status: (code: number) => void (out.status = code),
      header: (name: string, value: unknown) => void (out.headers[name] = value),
      send: (body: unknown) => void (out.body = body),
      end: () => undefined,
    },
  };
}

async function messages(deps: ServerDeps, req: Request, res: Response): Promise<void> {
  if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body)) {
    res.send(400, { error: 'the body must be a JSON activity' });
    return;
  }
  const { out, res: recorded } = recorder();
  let ran = false;
  try {
    await deps.adapter.process(req, recorded, async (context) => {
      ran = true;
      await deps.bot.run(context);
    });
  } catch (e) {
    // A body that is JSON but not an activity (botbuilder's schema parse throws).
    deps.log.info({ err: e }, 'rejected a malformed activity');
    res.send(400, { error: 'malformed activity' });
    return;
  }
  if (out.status === 500 && !ran && TOKEN_PROBLEM.test(String(out.body))) {
    deps.log.warn(
      { reason: String(out.body).slice(0, 200) },
      'rejected a request with a bad token',
    );
    res.send(401, { error: 'unauthorized' });
    return;
  }
  if (out.status === 401) {
    res.send(401, { error: 'unauthorized' });
    return;
  }
  if (out.body === undefined) res.send(out.status);
  else res.send(out.status, out.body);
}

/** The HTTP surface: Bot Framework messages and health; more routes are added by the caller. */
export function createServer(deps: ServerDeps, server: Server = restify.createServer()): Server {
  server.use(
    restify.plugins.bodyParser({
      maxBodySize: deps.maxBodyBytes ?? MAX_BODY_BYTES,
      mapParams: false,
      mapFiles: false,
      rejectUnknown: true,
    }),
  );
  server.post('/api/messages', async (req: Request, res: Response) => messages(deps, req, res));
  server.get('/healthz', async (_req: Request, res: Response) => {
    try {
      await deps.ping();
      res.send(200, { status: 'ok' });
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      res.send(503, { status: 'unavailable', reason });
    }
  });
  server.get('/reports/:file', async (req: Request, res: Response) => {
    const reports = deps.reports;
    const m = /^([a-z0-9][a-z0-9-]{0,62})(?:\.(csv|xlsx|md|html))?$/.exec(String(req.params.file));
    if (!reports || !m) {
      res.send(404, { error: 'not found' });
      return;
    }
    const [, roundId = '', ext = 'html'] = m;
    const query = new URL(req.url ?? '', 'http://x').searchParams;
    const ok = verifyReportLink(
      reports.secret,
      roundId,
      query.get('exp') ?? undefined,
      query.get('sig') ?? undefined,
      reports.now(),
    );
    if (!ok) {
      res.send(403, { error: 'the link is not valid or has expired' });
      return;
    }
    const lang = langFromLocale(query.get('lang') ?? undefined) ?? 'fi';
    const out = await reports.render(roundId, ext as ReportFormat, lang);
    if (!out) {
      res.send(404, { error: 'not found' });
      return;
    }
    const headers: Record<string, string> = {
      'content-type': out.contentType,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
      // The page is static: no scripts, nothing loaded from elsewhere.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    };
    if (ext !== 'html') headers['content-disposition'] = `attachment; filename="${roundId}.${ext}"`;
    res.writeHead(200, headers);
    res.end(out.body);
  });
  server.post('/api/jobs/reminders', async (req: Request, res: Response) => {
    const secret = deps.jobs?.secret;
    if (!deps.jobs || !secret) {
      res.send(404, { error: 'not found' });
      return;
    }
    if (!bearerMatches(req.headers.authorization, secret)) {
      deps.log.warn({ url: req.url }, 'job call with a wrong or missing secret');
      res.send(401, { error: 'unauthorized' });
      return;
    }
    try {
      res.send(200, await deps.jobs.reminders());
    } catch (e) {
      deps.log.error({ err: e }, 'reminder job failed');
      res.send(503, { error: e instanceof Error ? e.message : 'failed' });
    }
  });
  server.on(
    'restifyError',
    (req: Request, _res: Response, err: Error & { statusCode?: number }, cb: () => void) => {
      if ((err.statusCode ?? 500) >= 500) deps.log.error({ err, url: req.url }, 'request failed');
      cb();
    },
  );
  return server;
}

export function listen(server: Server, port: number, host = '0.0.0.0'): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(address.port);
    });
  });
}
