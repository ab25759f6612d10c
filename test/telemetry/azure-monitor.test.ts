import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Round } from '../../bot/domain/round';
import { Metrics, Spans } from '../../bot/domain/ports';
import { Verbs } from '../../cards';
import { AzureTableService, createStores } from '../../storage';
import { freePort } from '../../storage/azurite';
import { invoke, message } from '../helpers/activities';
import { azuriteConnectionString, uniquePrefix } from '../helpers/azurite';
import { post } from '../helpers/bot-server';
import { ConnectorEmulator } from '../helpers/connector';
import { AAD, fixtureRound } from '../helpers/questionnaire-fixtures';
import { type Envelope, IngestionReceiver, selfSignedCertificate } from './ingestion';

const ROOT = path.resolve(__dirname, '..', '..');
const PRELOAD = path.join(__dirname, 'print-loaded-modules.js');

// What must never leave the process: who the user is, what they typed, the job secret and a
// report link's signature.
const USER_NAME = 'Olli Salaisenpoika';
const USER_EMAIL = 'olli.salaisenpoika@kunta.example.fi';
const TYPED_TEXT = 'kirjoitettu-lause-7hq2';
const MEASURE_TEXT = 'salainen-toimenpide-kw93';
const JOBS_SECRET = 'jobs-secret-5f1c9a7e2b';
const SIGNATURE = 'signature-4d8e1b0a';

/**
 * The process entry from sources, with only the variables given; `modules()` lists what it
 * loaded, once it has exited.
 */
function server(env: Record<string, string>) {
  const list = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hyte-modules-')), 'modules.json');
  const child = spawn(
    process.execPath,
    ['--require', PRELOAD, '--import', 'tsx', path.join(ROOT, 'bot', 'index.ts')],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: os.tmpdir(),
        HYTE_TEST_LOADED_MODULES: list,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let text = '';
  child.stdout?.on('data', (b: Buffer) => (text += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (text += b.toString()));
  const modules = () => {
    const loaded = JSON.parse(fs.readFileSync(list, 'utf8')) as string[];
    fs.rmSync(path.dirname(list), { recursive: true, force: true });
    return loaded;
  };
  return { child, output: () => text, modules };
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

async function until(what: string, check: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const OPENTELEMETRY =
  /[\\/]node_modules[\\/](@azure[\\/]monitor-opentelemetry|@opentelemetry)[\\/]/;

/** A round open until next year: Olli coordinates, Ben and Siri answer for two organisations. */
function telemetryRound(): Round {
  const base = fixtureRound();
  const next = new Date().getUTCFullYear() + 1;
  return Round.parse({
    ...base,
    deadline: `${next}-09-09T16:00:00+03:00`,
    meetingAt: `${next}-09-16T09:00:00+03:00`,
    coordinators: [{ aadObjectId: AAD.olli }],
    organisations: [
      {
        id: 'kuopio',
        name: 'Kuopion kaupunki',
        kind: 'municipality',
        respondents: [{ aadObjectId: AAD.ben }],
      },
      {
        id: 'larsmo',
        name: 'Larsmo kommun',
        kind: 'municipality',
        respondents: [{ aadObjectId: AAD.siri }],
      },
    ],
  });
}

describe('telemetry to Application Insights (a local HTTPS ingestion endpoint)', function () {
  this.timeout(90_000);
  let tls: ReturnType<typeof selfSignedCertificate>;
  let receiver: IngestionReceiver;
  let connector: ConnectorEmulator;
  let out = '';
  let modules: string[] = [];

  before(async () => {
    tls = selfSignedCertificate();
    receiver = await new IngestionReceiver(tls).start();
    connector = await new ConnectorEmulator().start();
    const olli = { id: '29:olli', aadObjectId: AAD.olli, name: USER_NAME, email: USER_EMAIL };
    connector.members.set(AAD.olli, olli);
    connector.members.set(AAD.ben, { id: '29:ben', aadObjectId: AAD.ben, name: 'Ben B' });
    connector.members.set(AAD.siri, { id: '29:siri', aadObjectId: AAD.siri, name: 'Siri S' });
    // Siri has blocked the bot; Teams throttles the first send to Ben once.
    connector.blocked.add('a:created-29:siri');
    connector.failNext({
      method: 'POST',
      path: /^\/v3\/conversations\/a:created-29:ben\/activities/,
      status: 429,
      times: 1,
      retryAfterSeconds: 0,
    });

    const prefix = uniquePrefix();
    const stores = createStores(
      new AzureTableService({ connectionString: azuriteConnectionString() }, prefix),
    );
    await stores.rounds.save(telemetryRound());

    const port = await freePort();
    const bot = server({
      PORT: String(port),
      AZURE_STORAGE_CONNECTION_STRING: azuriteConnectionString(),
      HYTE_TABLE_PREFIX: prefix,
      HYTE_REMINDER_INTERVAL: '0',
      HYTE_JOBS_SECRET: JOBS_SECRET,
      HYTE_PUBLIC_URL: `http://127.0.0.1:${port}`,
      HYTE_LINK_SECRET: 'l'.repeat(40),
      APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=00000000-0000-4000-8000-000000000001;IngestionEndpoint=${receiver.url}`,
      // The exporter's reports about itself (to a public Azure host, after asking the Azure VM
      // metadata service): off, under the name 1.21 reads and the one this version reads.
      APPLICATIONINSIGHTS_STATSBEAT_DISABLED_ALL: 'true',
      APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
      NODE_EXTRA_CA_CERTS: tls.cert,
      // Not the Azure VM detector: it asks 169.254.169.254, and tests reach only 127.0.0.1.
      OTEL_NODE_RESOURCE_DETECTORS: 'env,host,os,process,azure_app_service',
      LOG_LEVEL: 'info',
    });
    try {
      await until('the bot to listen', () => /hyte-bot listening/.test(bot.output()));
      const url = `http://127.0.0.1:${port}`;
      const where = { serviceUrl: connector.url };
      const from = { aadObjectId: AAD.olli, name: USER_NAME };
      const channel = { ...where, conversationType: 'channel' as const, channelId: 'council' };
      // A command in the council's channel (the bot learns the team's roster there) …
      await post(`${url}/api/messages`, message('<at>HYTE-botti</at> ohje', from, channel));
      // … text that is no command, a launch, and a verb carrying typed text.
      await post(`${url}/api/messages`, message(TYPED_TEXT, from, where));
      const launch = await post(`${url}/api/messages`, invoke(Verbs.roundLaunch, {}, from, where));
      assert.equal(launch.status, 200);
      await until(
        'the launch to reach Ben and be refused by Siri',
        () =>
          connector.calls.some((c) => c.path.startsWith('/v3/conversations/a:created-29:siri/')) &&
          (connector.delivered.get('a:created-29:ben') ?? 0) > 0,
      );
      const save = invoke(
        Verbs.measureSave,
        { roundId: 'pohjois-savo-2025', goalId: 'terveyserot', description: MEASURE_TEXT },
        from,
        where,
      );
      assert.equal((await post(`${url}/api/messages`, save)).status, 200);
      const job = await fetch(`${url}/api/jobs/reminders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${JOBS_SECRET}` },
      });
      assert.equal(job.status, 200);
      const report = await fetch(`${url}/reports/pohjois-savo-2025.html?exp=1&sig=${SIGNATURE}`);
      assert.equal(report.status, 403);
      // Give the launch's last records a moment; shutdown then flushes what is buffered.
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      bot.child.kill('SIGTERM');
      await exited(bot.child);
      out = bot.output();
      modules = bot.modules();
    }
  });

  after(async () => {
    await receiver?.close();
    await connector?.close();
    if (tls) fs.rmSync(tls.dir, { recursive: true, force: true });
  });

  const props = (e: Envelope) => e.data?.baseData?.properties ?? {};
  const turns = () =>
    receiver.byType('RemoteDependencyData').filter((e) => e.data?.baseData?.name === Spans.turn);

  it('sends incoming requests and outgoing calls to the Bot Connector and Table Storage', () => {
    const requests = receiver.byType('RequestData').map((e) => String(e.data?.baseData?.name));
    // Named by the route that served them: the report's path (a round id) stays out of the name.
    for (const name of ['POST /api/messages', 'POST /api/jobs/reminders', 'GET /reports/:file'])
      assert.ok(requests.includes(name), `${name} in ${requests.join(', ')}`);
    const targets = receiver
      .byType('RemoteDependencyData')
      .map((e) => `${String(e.data?.baseData?.name)} ${String(e.data?.baseData?.data)}`);
    assert.ok(
      targets.some((t) => /\/v3\/conversations/.test(t)),
      'a Bot Connector call',
    );
    assert.ok(
      targets.some((t) => /devstoreaccount1/.test(t)),
      'a Table Storage call',
    );
  });

  it('sends a span per turn with the verb or command and its outcome', () => {
    const seen = turns().map((e) => props(e));
    assert.ok(
      seen.some((p) => p['hyte.command'] === 'help' && p['hyte.outcome'] === 'ok'),
      JSON.stringify(seen),
    );
    assert.ok(
      seen.some((p) => p['hyte.command'] === 'other'),
      'text that is no command',
    );
    assert.ok(seen.some((p) => p['hyte.verb'] === Verbs.roundLaunch && p['hyte.outcome'] === 'ok'));
    assert.ok(
      seen.some((p) => p['hyte.verb'] === Verbs.measureSave && p['hyte.outcome'] === 'Validation'),
      JSON.stringify(seen),
    );
    for (const turn of turns()) assert.match(String(turn.data?.baseData?.duration), /^\d/);
  });

  it('sends the metrics for sends, throttling, blocked users, reminder runs and job calls', () => {
    const metrics = receiver
      .byType('MetricData')
      .flatMap((e) => (e.data?.baseData?.metrics ?? []).map((m) => ({ ...m, props: props(e) })));
    const named = (name: string) => metrics.filter((m) => m.name === name);
    const sends = named(Metrics.sends);
    assert.ok(
      sends.some((m) => m.props['hyte.outcome'] === 'sent' && m.props['hyte.purpose'] === 'launch'),
      JSON.stringify(metrics.map((m) => m.name)),
    );
    assert.ok(sends.some((m) => m.props['hyte.outcome'] === 'blocked'));
    assert.ok(named(Metrics.blocked).some((m) => m.value >= 1));
    assert.ok(named(Metrics.throttled).some((m) => m.value >= 1));
    assert.ok(named(Metrics.reminderRuns).some((m) => m.props['hyte.outcome'] === 'ok'));
    assert.ok(
      named(Metrics.jobCalls).some(
        (m) => m.props['hyte.job'] === 'reminders' && m.props['hyte.status'] === '200',
      ),
    );
  });

  it('sends log lines in the trace of their turn, and writes the trace ids into stdout', () => {
    const logs = receiver.byType('MessageData');
    const turnLogs = logs.filter((e) => e.data?.baseData?.message === 'turn');
    assert.ok(turnLogs.length >= 4, `${turnLogs.length} turn log records`);
    const traces = new Set(turns().map((e) => e.tags?.['ai.operation.id']));
    for (const log of turnLogs) {
      const id = log.tags?.['ai.operation.id'] ?? '';
      assert.match(id, /^[0-9a-f]{32}$/);
      assert.ok(traces.has(id), 'the log record is in the trace of a turn span');
    }
    const line = out.split('\n').find((l) => l.includes('"msg":"turn"'));
    assert.ok(line, out);
    const parsed = JSON.parse(line) as { trace_id?: string; span_id?: string };
    assert.match(parsed.trace_id ?? '', /^[0-9a-f]{32}$/);
    assert.match(parsed.span_id ?? '', /^[0-9a-f]{16}$/);
  });

  it('sends no name, e-mail, typed text, secret or signature, and no query string', () => {
    assert.ok(receiver.envelopes.length > 20, `${receiver.envelopes.length} envelopes`);
    const all = receiver.bodies.join('\n');
    for (const secret of [USER_NAME, 'Salaisenpoika', USER_EMAIL, TYPED_TEXT, MEASURE_TEXT]) {
      assert.equal(all.includes(secret), false, `telemetry contains ${secret}`);
    }
    assert.equal(all.includes(JOBS_SECRET), false, 'telemetry contains the jobs secret');
    assert.equal(all.includes(SIGNATURE), false, 'telemetry contains a report signature');
    assert.doesNotMatch(all, /Bearer/i);
    const urls = receiver.envelopes.map((e) =>
      String(e.data?.baseData?.url ?? e.data?.baseData?.data ?? ''),
    );
    assert.equal(
      urls.filter((u) => u.includes('?')).length,
      0,
      urls.filter((u) => u.includes('?')).join('\n'),
    );
  });

  it('loads the OpenTelemetry modules when the connection string is set', () => {
    assert.ok(modules.some((m) => OPENTELEMETRY.test(m)));
  });
});

describe('telemetry off (no APPLICATIONINSIGHTS_CONNECTION_STRING)', function () {
  this.timeout(60_000);

  it('loads no OpenTelemetry or Azure Monitor module at all', async () => {
    const port = await freePort();
    const bot = server({
      PORT: String(port),
      AZURE_STORAGE_CONNECTION_STRING: azuriteConnectionString(),
      HYTE_TABLE_PREFIX: uniquePrefix(),
      HYTE_REMINDER_INTERVAL: '0',
      LOG_LEVEL: 'info',
    });
    try {
      await until('the bot to listen', () => /hyte-bot listening/.test(bot.output()));
      assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
    } finally {
      bot.child.kill('SIGTERM');
      await exited(bot.child);
    }
    const modules = bot.modules();
    assert.ok(
      modules.some((m) => m.includes(`${path.sep}restify${path.sep}`)),
      'the list is real',
    );
    assert.deepEqual(
      modules.filter((m) => OPENTELEMETRY.test(m)),
      [],
    );
    assert.doesNotMatch(bot.output(), /"trace_id"/);
  });
});
