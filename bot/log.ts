import pino, { type Logger } from 'pino';
import { noTelemetry, type Telemetry } from './domain/ports';

export type { Logger };

/**
 * JSON logs to stdout (App Service and container hosts collect them); no user text in logs.
 * With telemetry, each line written while a span is active names its trace (`trace_id`,
 * `span_id`), and every line is also sent on to the telemetry's log sink.
 */
export function createLogger(
  level: string = 'info',
  telemetry: Telemetry = noTelemetry,
  stdout: pino.DestinationStream = pino.destination(1),
): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { app: 'hyte-bot' },
    redact: ['*.password', '*.token'],
    mixin: () => telemetry.traceFields() ?? {},
  };
  const sink = telemetry.logSink;
  if (!sink) return pino(options, stdout);
  return pino(
    options,
    pino.multistream([
      { stream: stdout, level: level as pino.Level },
      { stream: sink, level: level as pino.Level },
    ]),
  );
}
