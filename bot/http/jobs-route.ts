import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'restify';
import type { Logger } from '../log';
import { requestPath } from './edge';

export interface JobsDeps {
  log: Logger;
  /** `/api/jobs/*` for external timers; absent secret = the routes answer 404. */
  jobs?: { secret?: string; reminders(): Promise<unknown> };
}

/** Constant-time comparison of a bearer token with the configured secret. */
export function bearerMatches(header: string | undefined, secret: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!m?.[1]) return false;
  const a = createHash('sha256').update(m[1]).digest();
  const b = createHash('sha256').update(secret).digest();
  return timingSafeEqual(a, b);
}

/**
 * `POST /api/jobs/reminders`. The secret is checked on the headers alone and the body is
 * never read (Node discards it), so `curl -X POST` with no body or content type works and an
 * unauthenticated upload costs nothing but the bytes on the wire.
 */
export async function remindersJobRoute(deps: JobsDeps, req: Request, res: Response) {
  const secret = deps.jobs?.secret;
  if (!deps.jobs || !secret) {
    res.send(404, { error: 'not found' });
    return;
  }
  if (!bearerMatches(req.headers.authorization, secret)) {
    deps.log.warn({ path: requestPath(req) }, 'job call with a wrong or missing secret');
    res.send(401, { error: 'unauthorized' });
    return;
  }
  try {
    res.send(200, await deps.jobs.reminders());
  } catch (e) {
    deps.log.error({ err: e, path: requestPath(req) }, 'reminder job failed');
    res.send(503, { error: 'unavailable' });
  }
}
