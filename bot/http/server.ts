import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from '../log';
import { Metrics, type Telemetry } from '../domain/ports';
import { hardenEdge } from './edge';
import { type JobsDeps, remindersJobRoute } from './jobs-route';
import { type MessagesDeps, messagesRoute } from './messages-route';
import { type ReportDeps, reportRoute } from './report-route';
import { type ContactsDeps, contactsRoute } from './contacts-route';

export { bearerMatches } from './jobs-route';
export { MAX_BODY_BYTES } from './messages-route';

export interface ServerDeps extends MessagesDeps, JobsDeps, ReportDeps, ContactsDeps {
  /** Throws StorageUnavailableError with a reason when storage does not answer. */
  ping(): Promise<void>;
  log: Logger;
  telemetry?: Telemetry;
}

/**
 * The HTTP surface. There is no server-wide body parser: only `/api/messages` reads a body
 * (JSON, capped, in memory), so no route accepts uploads or spools anything to disk.
 */
export function createServer(deps: ServerDeps, server: Server = restify.createServer()): Server {
  hardenEdge(server, deps.log);
  server.post('/api/messages', async (req: Request, res: Response) =>
    messagesRoute(deps, req, res),
  );
  server.get('/healthz', async (_req: Request, res: Response) => {
    try {
      await deps.ping();
      res.send(200, { status: 'ok' });
    } catch (e) {
      // Storage errors name hosts and accounts: the reason is for the operator's log only.
      deps.log.warn({ err: e }, 'health check: storage unavailable');
      res.send(503, { status: 'unavailable' });
    }
  });
  server.get('/reports/:file', async (req: Request, res: Response) => reportRoute(deps, req, res));
  server.get('/rounds/:roundId/contacts.xlsx', async (req: Request, res: Response) =>
    contactsRoute(deps, req, res),
  );
  server.post('/api/jobs/reminders', async (req: Request, res: Response) => {
    await remindersJobRoute(deps, req, res);
    const attrs = { 'hyte.job': 'reminders', 'hyte.status': res.statusCode };
    deps.telemetry?.count(Metrics.jobCalls, 1, attrs);
  });
  return server;
}

/** Listens on `host` (loopback unless told otherwise); resolves with the bound port. */
export function listen(server: Server, port: number, host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(address.port);
    });
  });
}
