import { randomBytes } from 'node:crypto';
import { type Azurite, startAzurite } from '../../storage/azurite';

/**
 * One in-memory Azurite per test run, started by the root hook. Test files share it and keep
 * apart through unique table prefixes.
 */
let running: Azurite | undefined;

export async function startTestAzurite(): Promise<void> {
  running = await startAzurite();
  // Stop Azurite however the run ends, so an interrupted mocha leaves no orphan behind.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      void running?.stop().finally(() => process.exit(130));
    });
  }
}

export async function stopTestAzurite(): Promise<void> {
  await running?.stop();
  running = undefined;
}

export function azuriteConnectionString(): string {
  if (!running) throw new Error('Azurite is not running (root hook not loaded?)');
  return running.connectionString;
}

export function azuritePort(): number {
  if (!running) throw new Error('Azurite is not running (root hook not loaded?)');
  return running.port;
}

/** A fresh table prefix: letters and digits only, as Table Storage requires. */
export function uniquePrefix(): string {
  return `t${randomBytes(5).toString('hex')}`;
}
