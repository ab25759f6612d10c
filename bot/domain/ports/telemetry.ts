/**
 * The one way services and the Teams layer report what they do, so that they stay free of
 * OpenTelemetry and Azure. Attributes are ids of verbs, commands, outcomes and rounds, and
 * counts: never text people typed, names, e-mails or secrets (the key set enforces it).
 */
export interface TelemetryAttrs {
  'hyte.verb'?: string;
  'hyte.command'?: string;
  'hyte.outcome'?: string;
  'hyte.round'?: string;
  'hyte.purpose'?: string;
  'hyte.job'?: string;
  'hyte.status'?: number;
}

/** Metric names, as they appear in Application Insights' `customMetrics` table. */
export const Metrics = {
  /** One per recipient of a launch, reminder or council post, by purpose and outcome. */
  sends: 'hyte.sends',
  /** Calls to Teams answered 429 (before the pipeline's retry). */
  throttled: 'hyte.throttled',
  /** Recipients who blocked the bot (403 MessageWritesBlocked). */
  blocked: 'hyte.blocked',
  /** Runs of the reminder job, in-process or through `/api/jobs/reminders`. */
  reminderRuns: 'hyte.reminder_runs',
  /** Calls of `/api/jobs/*`, by job and HTTP status. */
  jobCalls: 'hyte.job_calls',
} as const;
export type MetricName = (typeof Metrics)[keyof typeof Metrics];

/** Span names: one per turn (a verb or a command), one per reminder run. */
export const Spans = { turn: 'hyte.turn', reminders: 'hyte.reminders' } as const;
export type SpanName = (typeof Spans)[keyof typeof Spans];

/** The span a callback runs in; attributes found out on the way (the outcome) go here. */
export interface ActiveSpan {
  set(attrs: TelemetryAttrs): void;
}

/** The trace a log line belongs to, in the field names OpenTelemetry's log bridges use. */
export interface TraceFields {
  trace_id: string;
  span_id: string;
  trace_flags: string;
}

export interface Telemetry {
  /** Runs `fn` in a span; a throw marks it failed (`hyte.outcome` `error` unless set). */
  span<T>(name: SpanName, attrs: TelemetryAttrs, fn: (span: ActiveSpan) => Promise<T>): Promise<T>;
  count(metric: MetricName, n?: number, attrs?: TelemetryAttrs): void;
  /** The active span's ids, for each log line written while it runs. */
  traceFields(): TraceFields | undefined;
  /** Receives every log line (pino's JSON), to send it on with its trace; absent = not sent. */
  logSink?: { write(line: string): void };
  /** Sends what is buffered and stops (at shutdown). */
  shutdown(): Promise<void>;
}

const noSpan: ActiveSpan = { set: () => undefined };

/** Telemetry that records nothing: the default everywhere, and the server's without Azure Monitor. */
export const noTelemetry: Telemetry = {
  span: (_name, _attrs, fn) => fn(noSpan),
  count: () => undefined,
  traceFields: () => undefined,
  shutdown: async () => undefined,
};
