import assert from 'node:assert/strict';
import { trace } from '@opentelemetry/api';
import type { LogRecord, Logger } from '@opentelemetry/api-logs';
import { ConfigError, loadConfig } from '../../bot/config';
import { createLogger } from '../../bot/log';
import { noTelemetry, type Telemetry } from '../../bot/domain/ports';
import { TelemetryUnavailableError, loadTelemetry } from '../../bot/telemetry/load';
import { otelLogSink } from '../../bot/telemetry/log-sink';
import { scrubAttributes, withoutQuery } from '../../bot/telemetry/scrub';

const CONNECTION =
  'InstrumentationKey=00000000-0000-4000-8000-000000000001;IngestionEndpoint=https://127.0.0.1:1/';

describe('telemetry configuration and loading', () => {
  it('reads APPLICATIONINSIGHTS_CONNECTION_STRING, and refuses one that is not', () => {
    assert.equal(loadConfig({}).telemetry, undefined);
    assert.equal(loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: ' ' }).telemetry, undefined);
    const config = loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: CONNECTION });
    assert.deepEqual(config.telemetry, { connectionString: CONNECTION });
    assert.throws(
      () => loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: 'https://example.invalid' }),
      (e: unknown) =>
        e instanceof ConfigError &&
        e.problems.some((p) => p.startsWith('APPLICATIONINSIGHTS_CONNECTION_STRING:')),
    );
  });

  it('without a connection string is the no-op and never calls the loader', async () => {
    let loaded = false;
    const telemetry = await loadTelemetry({}, async () => {
      loaded = true;
      throw new Error('must not load');
    });
    assert.equal(telemetry, noTelemetry);
    assert.equal(loaded, false);
  });

  it('names the package to install, in one line, when it is missing', async () => {
    const missing = Object.assign(new Error("Cannot find module '@azure/monitor-opentelemetry'"), {
      code: 'MODULE_NOT_FOUND',
    });
    await assert.rejects(
      loadTelemetry({ telemetry: { connectionString: CONNECTION } }, () => Promise.reject(missing)),
      (e: unknown) =>
        e instanceof TelemetryUnavailableError &&
        /@azure\/monitor-opentelemetry is not installed/.test(e.message) &&
        !e.message.includes('\n'),
    );
    const other = new Error('boom');
    await assert.rejects(
      loadTelemetry({ telemetry: { connectionString: CONNECTION } }, () => Promise.reject(other)),
      (e: unknown) => e === other,
    );
  });
});

describe('telemetry scrubbing', () => {
  it('cuts query strings and fragments off URLs inside any text', () => {
    assert.equal(
      withoutQuery('GET https://bot.example/reports/r-1.html?exp=1&sig=abc failed'),
      'GET https://bot.example/reports/r-1.html failed',
    );
    assert.equal(
      withoutQuery('"http://127.0.0.1:1/t()?$filter=x#frag" and more'),
      '"http://127.0.0.1:1/t()" and more',
    );
    assert.equal(withoutQuery('no url here? fine'), 'no url here? fine');
  });

  it('drops queries, client addresses and auth headers, and trims request targets', () => {
    const attributes: Record<string, unknown> = {
      'url.full': 'https://bot.example/reports/r.csv?exp=1&sig=abc',
      'url.query': 'exp=1&sig=abc',
      'http.target': '/reports/r.csv?exp=1&sig=abc',
      'client.address': '203.0.113.7',
      'user_agent.original': 'Mozilla/5.0',
      'http.request.header.authorization': ['Bearer secret'],
      'http.response.status_code': 403,
      'hyte.verb': 'goal.open',
    };
    scrubAttributes(attributes);
    assert.deepEqual(attributes, {
      'url.full': 'https://bot.example/reports/r.csv',
      'http.target': '/reports/r.csv',
      'http.response.status_code': 403,
      'hyte.verb': 'goal.open',
    });
  });
});

describe('log lines as OpenTelemetry log records', () => {
  function capture(): { logger: Logger; records: LogRecord[] } {
    const records: LogRecord[] = [];
    const logger = { emit: (r: LogRecord) => void records.push(r), enabled: () => true };
    return { logger, records };
  }

  it('keeps flat fields and an error’s type and first line, in the trace the line names', () => {
    const { logger, records } = capture();
    const sink = otelLogSink(logger);
    sink.write(
      JSON.stringify({
        level: 50,
        time: 1_700_000_000_000,
        msg: 'reminder job failed at https://x.example/a?sig=s',
        app: 'hyte-bot',
        path: '/api/jobs/reminders',
        count: 3,
        nested: { name: 'Olli' },
        err: { type: 'RestError', message: 'first line\nsecond line', stack: 'at …' },
        trace_id: '0af7651916cd43dd8448eb211c80319c',
        span_id: 'b7ad6b7169203331',
        trace_flags: '01',
      }) + '\n',
    );
    sink.write('not json\n');
    assert.equal(records.length, 1);
    const [record] = records;
    assert.equal(record!.severityText, 'ERROR');
    assert.equal(record!.body, 'reminder job failed at https://x.example/a');
    assert.deepEqual(record!.attributes, {
      path: '/api/jobs/reminders',
      count: 3,
      'exception.type': 'RestError',
      'exception.message': 'first line',
    });
    const span = trace.getSpanContext(record!.context!);
    assert.equal(span?.traceId, '0af7651916cd43dd8448eb211c80319c');
    assert.equal(span?.spanId, 'b7ad6b7169203331');
  });

  it('pino writes the active trace into each line and hands every line to the sink', async () => {
    const lines: string[] = [];
    const fields = { trace_id: 'a'.repeat(32), span_id: 'b'.repeat(16), trace_flags: '01' };
    let active = false;
    const telemetry: Telemetry = {
      ...noTelemetry,
      traceFields: () => (active ? fields : undefined),
      logSink: { write: (line) => void lines.push(line) },
    };
    const log = createLogger('info', telemetry, { write: () => undefined });
    active = true;
    log.info({ verb: 'goal.open' }, 'turn');
    active = false;
    log.info('outside');
    log.debug('below the level');
    await new Promise((r) => setTimeout(r, 20));
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(parsed.length, 2);
    assert.equal(parsed[0]!.trace_id, fields.trace_id);
    assert.equal(parsed[0]!.span_id, fields.span_id);
    assert.equal(parsed[1]!.trace_id, undefined);
  });
});
