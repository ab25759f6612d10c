import { STATUS_CODES } from 'node:http';
import type { Request, Response, Server } from 'restify';
import type { Logger } from '../log';

/**
 * The path of a request without its query: report links carry their signature in the query,
 * so nothing that is logged may include it.
 */
export function requestPath(req: { url?: string }): string {
  const url = req.url ?? '';
  const q = url.search(/[?#]/);
  return q === -1 ? url : url.slice(0, q);
}

/** A body that names only the status, whatever the error said. */
export const genericError = (status: number) => ({
  error: (STATUS_CODES[status] ?? 'error').toLowerCase(),
});

/**
 * What every route shares: errors (restify's own 404/405 and anything a handler throws)
 * answer with a generic body and are logged with the path only; one debug line per request.
 */
export function hardenEdge(server: Server, log: Logger): void {
  server.on(
    'restifyError',
    (req: Request, res: Response, err: Error & { statusCode?: number }, cb: () => void) => {
      const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
      if (status >= 500) log.error({ err, path: requestPath(req) }, 'request failed');
      else log.debug({ status, path: requestPath(req) }, 'request refused');
      if (!res.headersSent) res.send(status, genericError(status));
      cb();
    },
  );
  server.on('after', (req: Request, res: Response) => {
    log.debug(
      { method: req.method, path: requestPath(req), status: res.statusCode },
      'http request',
    );
  });
}
