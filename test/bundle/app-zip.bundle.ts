import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../storage/azurite';
import { azuriteConnectionString } from '../helpers/azurite';

/**
 * The deploy artefact as App Service gets it: `npm run bundle` (which installs the production
 * dependencies into it), unpacked in a folder far from this checkout and started with
 * `NODE_ENV=production`, with no install step. Slow (a real `npm ci` inside the bundle step),
 * so it runs as its own CI step (`npm run test:bundle`), not in `npm test`.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const ID = '11111111-2222-3333-4444-555555555555';
const MAX_INSTALL_MB = 200;

function unpack(zip: string, into: string): void {
  // An unzip that is not ours: Info-ZIP where installed, else Python's zipfile.
  try {
    execFileSync('unzip', ['-q', zip, '-d', into], { stdio: 'pipe' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    execFileSync('python3', ['-m', 'zipfile', '-e', zip, into], { stdio: 'pipe' });
  }
}

function npmStart(dir: string, env: Record<string, string>): ChildProcess {
  return spawn('npm', ['start'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
}

function collect(child: ChildProcess): () => string {
  let text = '';
  child.stdout?.on('data', (b: Buffer) => (text += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (text += b.toString()));
  return () => text;
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

describe('deploy artefact (dist/app.zip)', function () {
  this.timeout(600_000);
  let dir: string;

  before(() => {
    execFileSync('npm', ['run', '--silent', 'bundle'], { cwd: ROOT, stdio: 'inherit' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyte-app-'));
    unpack(path.join(ROOT, 'dist', 'app.zip'), dir);
  });
  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`carries production dependencies only, in at most ${MAX_INSTALL_MB} MB`, () => {
    const kb = Number(
      execFileSync('du', ['-sk', 'node_modules'], { cwd: dir }).toString().split('\t')[0],
    );
    console.log(`      production install: ${(kb / 1024).toFixed(0)} MB (du -sk node_modules)`);
    assert.ok(kb / 1024 <= MAX_INSTALL_MB, `${(kb / 1024).toFixed(0)} MB`);
    for (const dev of ['typescript', 'tsx', 'azurite', 'mocha']) {
      assert.equal(fs.existsSync(path.join(dir, 'node_modules', dev)), false, `${dev} installed`);
    }
    assert.equal(fs.existsSync(path.join(dir, 'bot')), false, 'sources shipped');
    const telemetry = path.join(dir, 'node_modules', '@azure', 'monitor-opentelemetry');
    // Application Insights works where the template configures it: its packages ship too.
    assert.ok(fs.existsSync(telemetry), 'telemetry packages missing');
  });

  it('runs the operator CLI from the artefact: import a round and export it as XLSX and DOCX', () => {
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.tmpdir(),
      NODE_ENV: 'production',
      MicrosoftAppId: ID,
      HYTE_ALLOWED_TENANTS: ID,
      AZURE_STORAGE_CONNECTION_STRING: azuriteConnectionString(),
      HYTE_TABLE_PREFIX: `bundlecli${Date.now().toString(36)}`,
    };
    const hyte = (...args: string[]) =>
      execFileSync(process.execPath, ['bin/hyte.js', ...args], { cwd: dir, env }).toString();
    hyte('round', 'import', 'rounds/pohjois-savo-2025.yaml');
    const out = path.join(dir, 'koonti.xlsx');
    hyte('round', 'export', 'pohjois-savo-2025', '--format', 'xlsx', '--out', out);
    // The spreadsheet and document libraries load from the pruned install and write ZIP containers.
    assert.equal(fs.readFileSync(out).subarray(0, 2).toString(), 'PK');
    const docx = path.join(dir, 'koonti.docx');
    hyte('round', 'export', 'pohjois-savo-2025', '--format', 'docx', '--out', docx);
    assert.equal(fs.readFileSync(docx).subarray(0, 2).toString(), 'PK');
  });

  it('serves /healthz 200 with npm start and NODE_ENV=production against Azurite', async () => {
    const port = await freePort();
    const child = npmStart(dir, {
      NODE_ENV: 'production',
      PORT: String(port),
      MicrosoftAppId: ID,
      HYTE_ALLOWED_TENANTS: ID,
      AZURE_STORAGE_CONNECTION_STRING: azuriteConnectionString(),
      HYTE_TABLE_PREFIX: `bundle${Date.now().toString(36)}`,
      HYTE_REMINDER_INTERVAL: '0',
    });
    const output = collect(child);
    try {
      let health: Response | undefined;
      while (!health) {
        if (child.exitCode !== null) assert.fail(`npm start exited:\n${output()}`);
        health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
        if (!health) await new Promise((r) => setTimeout(r, 200));
      }
      assert.equal(health.status, 200, output());
      assert.deepEqual(await health.json(), { status: 'ok' });
      assert.doesNotMatch(output(), /tsc|error TS/);
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
      await exited(child);
    }
  });

  it('says in one line which variable to set when no storage is configured', async () => {
    const child = npmStart(dir, {
      NODE_ENV: 'production',
      PORT: String(await freePort()),
      MicrosoftAppId: ID,
      HYTE_ALLOWED_TENANTS: ID,
    });
    const output = collect(child);
    assert.notEqual(await exited(child), 0);
    const lines = output()
      .split('\n')
      .filter((l) => l.includes('AZURE_STORAGE_CONNECTION_STRING'));
    assert.equal(lines.length, 1, output());
    assert.match(
      lines[0]!,
      /^hyte-bot failed to start: .*set AZURE_STORAGE_CONNECTION_STRING or AZURE_TABLES_ENDPOINT/,
    );
  });
});
