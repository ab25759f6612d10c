import { ROOT_CONTEXT, type TraceFlags, trace } from '@opentelemetry/api';
import { type LogAttributes, type Logger, SeverityNumber } from '@opentelemetry/api-logs';
import { scrubAttributes, withoutQuery } from './scrub';

/** pino's numeric levels as OpenTelemetry severities. */
const SEVERITY: Record<number, [SeverityNumber, string]> = {
  10: [SeverityNumber.TRACE, 'TRACE'],
  20: [SeverityNumber.DEBUG, 'DEBUG'],
  30: [SeverityNumber.INFO, 'INFO'],
  40: [SeverityNumber.WARN, 'WARN'],
  50: [SeverityNumber.ERROR, 'ERROR'],
  60: [SeverityNumber.FATAL, 'FATAL'],
};

/** Fields every line has, or that travel as the record's own trace context instead. */
const OWN_FIELDS = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'app']);
const TRACE_FIELDS = new Set(['trace_id', 'span_id', 'trace_flags']);

/**
 * A pino destination that sends each line on as an OpenTelemetry log record, in the trace
 * its `trace_id`/`span_id` name (pino writes later than the span may live). Only flat
 * values go along, and of an error only its type and first line: stacks and nested objects
 * stay in the process's own log.
 */
export function otelLogSink(logger: Logger): { write(line: string): void } {
  return {
    write(line: string) {
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      const [severityNumber, severityText] = SEVERITY[Number(record.level)] ?? SEVERITY[30]!;
      const attributes: LogAttributes = {};
      for (const [key, value] of Object.entries(record)) {
        if (OWN_FIELDS.has(key) || TRACE_FIELDS.has(key)) continue;
        if (['string', 'number', 'boolean'].includes(typeof value))
          attributes[key] = value as never;
      }
      const err = record.err as { type?: unknown; message?: unknown } | undefined;
      if (err && typeof err === 'object') {
        attributes['exception.type'] = String(err.type ?? 'Error');
        attributes['exception.message'] = String(err.message ?? '')
          .split('\n')[0]!
          .slice(0, 300);
      }
      scrubAttributes(attributes as Record<string, unknown>);
      const traceId = record.trace_id;
      const spanId = record.span_id;
      const context =
        typeof traceId === 'string' && typeof spanId === 'string'
          ? trace.setSpanContext(ROOT_CONTEXT, {
              traceId,
              spanId,
              traceFlags: Number.parseInt(String(record.trace_flags ?? '01'), 16) as TraceFlags,
              isRemote: false,
            })
          : ROOT_CONTEXT;
      logger.emit({
        timestamp: typeof record.time === 'number' ? new Date(record.time) : new Date(),
        severityNumber,
        severityText,
        body: withoutQuery(String(record.msg ?? '')),
        attributes,
        context,
      });
    },
  };
}
