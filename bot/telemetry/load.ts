import { noTelemetry, type Telemetry } from '../domain/ports';

/** The optional packages telemetry needs (left out of lean production installs). */
export const TELEMETRY_PACKAGE = '@azure/monitor-opentelemetry';

type Loader = () => Promise<{ startAzureMonitor(connectionString: string): Telemetry }>;

/** Raised when the connection string is set but the optional packages are not installed. */
export class TelemetryUnavailableError extends Error {
  constructor(missing: string) {
    super(
      `APPLICATIONINSIGHTS_CONNECTION_STRING is set but ${TELEMETRY_PACKAGE} is not installed ` +
        `(${missing}): install the optional dependencies (npm ci --omit=dev --include=optional)`,
    );
    this.name = 'TelemetryUnavailableError';
  }
}

const notInstalled = (e: unknown) =>
  (e as NodeJS.ErrnoException)?.code === 'MODULE_NOT_FOUND' ||
  (e as NodeJS.ErrnoException)?.code === 'ERR_MODULE_NOT_FOUND';

/**
 * Telemetry for the process: Azure Monitor when a connection string is configured, loaded
 * only then (and before the HTTP server and the Azure SDK are, so their calls are traced);
 * otherwise `noTelemetry`, and no OpenTelemetry module is loaded at all.
 */
export async function loadTelemetry(
  config: { telemetry?: { connectionString: string } },
  load: Loader = () => import('./azure-monitor.js'),
): Promise<Telemetry> {
  if (!config.telemetry) return noTelemetry;
  let module: Awaited<ReturnType<Loader>>;
  try {
    module = await load();
  } catch (e) {
    // The module that is missing, which may be one the package itself failed to declare.
    if (notInstalled(e))
      throw new TelemetryUnavailableError(String((e as Error).message).split('\n')[0]!);
    throw e;
  }
  return module.startAzureMonitor(config.telemetry.connectionString);
}
