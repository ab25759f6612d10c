import 'dotenv/config';
import path from 'node:path';
import type { App } from './app';
import { loadConfigOrReport } from './config';
import { createLogger } from './log';
import { loadTelemetry } from './telemetry/load';
import type { OpenStorage } from '../storage';

/** App Service and Kubernetes wait 10 s (by default) between SIGTERM and SIGKILL. */
const SHUTDOWN_GRACE_MS = 7_000;
const SHUTDOWN_DEADLINE_MS = 9_500;

async function main(): Promise<void> {
  const config = loadConfigOrReport();
  if (!config) process.exit(1);
  // Telemetry first: the server, botbuilder and the Azure SDK are loaded only after it, so
  // their HTTP calls are traced.
  const telemetry = await loadTelemetry(config);
  const log = createLogger(config.logLevel, telemetry);
  const { createApp } = await import('./app.js');
  const { openStorage } = await import('../storage/index.js');
  const { importSampleRounds } = await import('./rounds/index.js');
  let app: App | undefined = undefined;
  let storage: OpenStorage | undefined = undefined;
  let stopping = false;
  // A group signal reaches this process twice under `npm start` (once from the terminal or
  // host, once forwarded by npm), and operators press Ctrl-C again: every later signal is
  // absorbed, so the first shutdown runs to its end instead of the process dying mid-way.
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const started = Date.now();
    log.info({ signal }, 'shutting down: taking no new work, finishing sends on the wire');
    const timer = setTimeout(() => {
      log.error({ ms: Date.now() - started }, 'shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    timer.unref();
    let code = 0;
    try {
      const summary = await app?.close(SHUTDOWN_GRACE_MS);
      await storage?.close();
      log.info(
        { ...(summary ?? { finished: 0, released: 0, unfinished: 0 }), ms: Date.now() - started },
        'shut down: sends on the wire finished and recorded, the rest released for the next run',
      );
      await telemetry
        .shutdown()
        .catch((e: unknown) => log.warn({ err: e }, 'telemetry flush failed'));
    } catch (e) {
      code = 1;
      log.error({ err: e }, 'shutdown failed');
    } finally {
      clearTimeout(timer);
      process.exit(code);
    }
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void stop(signal));

  if (!config.authenticated) {
    log.warn(
      '!!! MicrosoftAppId is not set: the bot accepts UNAUTHENTICATED requests. Use this only on a developer machine. !!!',
    );
  }
  storage = await openStorage(config.storage, (msg) => log.info(msg));
  if (stopping) return;
  const imported = await importSampleRounds(
    storage.stores,
    path.resolve(
      __dirname,
      '..',
      ...(__dirname.includes(`${path.sep}dist${path.sep}`) ? ['..'] : []),
      'rounds',
    ),
  );
  if (imported.length) log.info({ rounds: imported }, 'imported sample rounds into empty storage');

  if (stopping) return;
  app = createApp({ config, stores: storage.stores, log, telemetry });
  const { port } = await app.listen(config.port, config.host);
  log.info(
    { port, host: config.host, storage: config.storage.kind, telemetry: Boolean(config.telemetry) },
    'hyte-bot listening',
  );
}

main().catch((e: unknown) => {
  console.error('hyte-bot failed to start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
