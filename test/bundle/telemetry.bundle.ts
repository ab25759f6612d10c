import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../storage/azurite';
import { azuriteConnectionString, uniquePrefix } from '../helpers/azurite';
import { IngestionReceiver, selfSignedCertificate } from '../telemetry/ingestion';

/**
 * The deploy artefact as App Service runs it (it carries its pruned node_modules, telemetry
 * packages included), serving compiled code with `NODE_ENV=production`: its telemetry reaches
 * a local ingestion endpoint. This catches what
 * the sources under tsx cannot, such as a package that resolves only in npm's hoisted layout.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const ID = '11111111-2222-3333-4444-555555555555';
const JOBS_SECRET = 'bundle-jobs-secret-93ac51';

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

describe('deploy artefact with the optional telemetry packages', function () {
  this.timeout(600_000);
  let dir: string;
  let tls: ReturnType<typeof selfSignedCertificate>;
  let receiver: IngestionReceiver;

  before(async () => {
    execFileSync('npm', ['run', '--silent', 'bundle'], { cwd: ROOT, stdio: 'inherit' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyte-app-telemetry-'));
    execFileSync('python3', ['-m', 'zipfile', '-e', path.join(ROOT, 'dist', 'app.zip'), dir]);
    tls = selfSignedCertificate();
    receiver = await new IngestionReceiver(tls).start();
  });
  after(async () => {
    await receiver?.close();
    if (tls) fs.rmSync(tls.dir, { recursive: true, force: true });
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('carries them, and the served app sends requests, storage calls and metrics', async () => {
    const kb = Number(
      execFileSync('du', ['-sk', 'node_modules'], { cwd: dir }).toString().split('\t')[0],
    );
    console.log(`      install with telemetry: ${(kb / 1024).toFixed(0)} MB (du -sk node_modules)`);
    assert.ok(fs.existsSync(path.join(dir, 'node_modules', '@azure', 'monitor-opentelemetry')));
    const port = await freePort();
    const child = spawn(process.execPath, [path.join(dir, 'bin', 'start.js')], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: os.tmpdir(),
        NODE_ENV: 'production',
        PORT: String(port),
        MicrosoftAppId: ID,
        HYTE_ALLOWED_TENANTS: ID,
        AZURE_STORAGE_CONNECTION_STRING: azuriteConnectionString(),
        HYTE_TABLE_PREFIX: uniquePrefix(),
        HYTE_REMINDER_INTERVAL: '0',
        HYTE_JOBS_SECRET: JOBS_SECRET,
        APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=${ID};IngestionEndpoint=${receiver.url}`,
        APPLICATIONINSIGHTS_STATSBEAT_DISABLED_ALL: 'true',
        APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
        OTEL_NODE_RESOURCE_DETECTORS: 'env,host,os,process,azure_app_service',
        NODE_EXTRA_CA_CERTS: tls.cert,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
    try {
      while (!/hyte-bot listening/.test(output)) {
        if (child.exitCode !== null) assert.fail(`the server exited:\n${output}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.match(output, /"telemetry":true/);
      const job = await fetch(`http://127.0.0.1:${port}/api/jobs/reminders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${JOBS_SECRET}` },
      });
      assert.equal(job.status, 200, output);
    } finally {
      child.kill('SIGTERM');
      await exited(child);
    }
    const names = (type: string) =>
      receiver.byType(type).map((e) => String(e.data?.baseData?.name ?? ''));
    assert.ok(
      names('RequestData').some((n) => n.includes('/api/jobs/reminders')),
      output,
    );
    assert.ok(names('RemoteDependencyData').some((n) => n.includes('devstoreaccount1')));
    const metrics = receiver
      .byType('MetricData')
      .flatMap((e) => e.data?.baseData?.metrics ?? [])
      .map((m) => m.name);
    assert.ok(metrics.includes('hyte.job_calls'), metrics.join(', '));
    assert.ok(metrics.includes('hyte.reminder_runs'));
    assert.equal(receiver.bodies.join('\n').includes(JOBS_SECRET), false);
  });
});
