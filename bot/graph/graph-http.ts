import { SendFailure } from '../domain/delivery';
import type { Refused } from '../domain/ports';
import type { GraphTokens } from './graph-tokens';

/** One answer of Microsoft Graph that is not throttling or a passing fault. */
export interface GraphAnswer {
  status: number;
  body: unknown;
}

/** Longest a Graph call may take before it counts as a passing fault (and is retried). */
const TIMEOUT_MS = 30_000;

/** `Retry-After` in seconds or as an HTTP date, in milliseconds. */
function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

const errorCode = (body: unknown): string | undefined => {
  const code = (body as { error?: { code?: unknown } } | undefined)?.error?.code;
  return typeof code === 'string' ? code : undefined;
};

/** A Graph answer no step expects, as a failure the pipeline does not retry. */
export const unexpected = (what: string, a: GraphAnswer): SendFailure =>
  new SendFailure(`Graph ${what}: HTTP ${a.status}`, a.status, errorCode(a.body));

/**
 * Calls Microsoft Graph as the app in `tenantId`. Throttling (429), passing faults (5xx) and
 * an unreachable server are thrown as SendFailure with Retry-After, for the send pipeline to
 * retry in the tenant's lane; a refused token (no consent) and a 401 are `noConsent`.
 */
export class GraphHttp {
  constructor(
    private readonly base: string,
    private readonly tokens: GraphTokens,
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

  async call(
    tenantId: string,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<GraphAnswer | Refused> {
    const token = await this.tokens.get(tenantId);
    if ('refused' in token) return { problem: 'noConsent' };
    let res: Response;
    try {
      res = await this.fetchFn(`${this.base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token.token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (e) {
      throw new SendFailure(
        `Graph ${method}: ${e instanceof Error ? e.message : e}`,
        undefined,
        undefined,
      );
    }
    const text = await res.text().catch(() => '');
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (res.status === 429 || res.status >= 500)
      throw new SendFailure(
        `Graph ${method}: HTTP ${res.status}`,
        res.status,
        errorCode(parsed),
        retryAfterMs(res.headers.get('retry-after'), Date.now()),
      );
    if (res.status === 401) {
      // The tenant took the token back (consent withdrawn): ask afresh next time.
      this.tokens.forget(tenantId);
      return { problem: 'noConsent' };
    }
    return { status: res.status, body: parsed };
  }
}
