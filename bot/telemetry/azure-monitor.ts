import { shutdownAzureMonitor, useAzureMonitor } from '@azure/monitor-opentelemetry';
import { type Attributes, type Counter, SpanStatusCode, metrics, trace } from '@opentelemetry/api';
import { logs } from '@opentelemetry/api-logs';
import type { MetricName, Telemetry, TelemetryAttrs } from '../domain/ports';
import { otelLogSink } from './log-sink';
import { scrubAttributes } from './scrub';

const NAME = 'hyte-bot';

/** A span as span processors see it at its end; its attributes are still ours to edit. */
interface EndedSpan {
  attributes: Record<string, unknown>;
}

/** Scrubs every span (ours, http, Azure SDK) before it is exported. */
const scrubbingProcessor = {
  onStart: () => undefined,
  onEnd: (span: EndedSpan) => scrubAttributes(span.attributes),
  forceFlush: async () => undefined,
  shutdown: async () => undefined,
};

/** What the http instrumentation hands over of an incoming request's span as it ends. */
interface ServerSpan {
  setAttribute(key: string, value: string): unknown;
  updateName(name: string): unknown;
}

/**
 * Names an incoming request's span (the request's name in Application Insights) by the route
 * that served it, `POST /api/messages` or `GET /reports/:file`: the http instrumentation names
 * it by the method alone unless a framework instrumentation gives it the route, and there is
 * none for restify, which leaves the matched route on the request.
 */
function nameByRoute(span: ServerSpan, request: { method?: string; route?: { path?: unknown } }) {
  const route = request.route?.path;
  if (typeof route !== 'string' || !request.method) return;
  span.setAttribute('http.route', route);
  span.updateName(`${request.method} ${route}`);
}

/**
 * Telemetry to Azure Monitor / Application Insights through OpenTelemetry: incoming and
 * outgoing HTTP (the Bot Connector, Table Storage) and the Azure SDK's own spans from the
 * distro's instrumentations, plus our turn spans, counters and log lines.
 */
export function startAzureMonitor(connectionString: string): Telemetry {
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString },
    // The Bot Framework's and Azure's hosts and our /healthz probes say nothing about use.
    instrumentationOptions: {
      http: {
        enabled: true,
        ignoreIncomingRequestHook: (req: { url?: string }) => req.url === '/healthz',
        applyCustomAttributesOnSpan: nameByRoute,
      } as never,
    },
    spanProcessors: [scrubbingProcessor as never],
    // Every trace, not the distro's 5 a second: a launch or a morning of answers is a burst of
    // a few hundred turns, small enough to keep whole, and a sampled-out turn would be missed.
    samplingRatio: 1,
    tracesPerSecond: 0,
    enableLiveMetrics: false,
  });
  const tracer = trace.getTracer(NAME);
  const meter = metrics.getMeter(NAME);
  const counters = new Map<MetricName, Counter>();
  const counter = (name: MetricName) => {
    let c = counters.get(name);
    if (!c) counters.set(name, (c = meter.createCounter(name)));
    return c;
  };
  return {
    span: (name, attrs, fn) =>
      tracer.startActiveSpan(name, { attributes: attrs as Attributes }, async (span) => {
        const set = (more: TelemetryAttrs) => span.setAttributes(more as Attributes);
        try {
          return await fn({ set });
        } catch (e) {
          // The error's text may quote what someone typed: only its type goes along.
          span.setStatus({ code: SpanStatusCode.ERROR });
          span.setAttribute('exception.type', e instanceof Error ? e.name : typeof e);
          if (!('hyte.outcome' in attrs)) span.setAttribute('hyte.outcome', 'error');
          throw e;
        } finally {
          span.end();
        }
      }),
    count: (name, n = 1, attrs = {}) => counter(name).add(n, attrs as Attributes),
    traceFields: () => {
      const ctx = trace.getActiveSpan()?.spanContext();
      if (!ctx || !trace.isSpanContextValid(ctx)) return undefined;
      return {
        trace_id: ctx.traceId,
        span_id: ctx.spanId,
        trace_flags: ctx.traceFlags.toString(16).padStart(2, '0'),
      };
    },
    logSink: otelLogSink(logs.getLogger(NAME)),
    shutdown: () => shutdownAzureMonitor(),
  };
}
