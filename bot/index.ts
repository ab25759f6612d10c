import 'dotenv/config';
import path from 'node:path';
import { createApp } from './app';
import { loadConfigOrReport } from './config';
import { createLogger } from './log';
import { importSampleRounds } from './services/sample-rounds';
import { openStorage } from '../storage';

/** Seconds App Service / Kubernetes give between SIGTERM and SIGKILL; we finish well before. */
const SHUTDOWN_GRACE_MS = 8_000;

async function main(): Promise<void> {
  const config = loadConfigOrReport();
  if (!config) process.exit(1);
  const log = createLogger(config.logLevel);
  if (!config.authenticated) {
    log.warn(
      '!!! MicrosoftAppId is not set: the bot accepts UNAUTHENTICATED requests. Use this only on a developer machine. !!!',
    );
  }
  const storage = await openStorage(config.storage, (msg) => log.info(msg));
  const imported = await importSampleRounds(
    storage.stores.rounds,
    path.resolve(
      __dirname,
      '..',
      ...(__dirname.includes(`${path.sep}dist${path.sep}`) ? ['..'] : []),
      'rounds',
    ),
  );
  if (imported.length) log.info({ rounds: imported }, 'imported sample rounds into empty storage');

  const app = createApp({ config, stores: storage.stores, log });
  const { port } = await app.listen(config.port, config.host);
  log.info({ port, host: config.host, storage: config.storage.kind }, 'hyte-bot listening');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    timer.unref();
    try {
      await app.close();
      await storage.close();
    } finally {
      clearTimeout(timer);
      process.exit(0);
    }
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.once(signal, () => void stop(signal));
}

main().catch((e: unknown) => {
  console.error('hyte-bot failed to start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
