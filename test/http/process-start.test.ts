import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { canConnect, freePort } from '../../storage/azurite';
import { azuriteConnectionString, uniquePrefix } from '../helpers/azurite';

const ROOT = path.resolve(__dirname, '..', '..');
const APP_ID = '11111111-2222-3333-4444-555555555555';

/** The process entry from sources, with only the variables given (no inherited bot config). */
function entry(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bot', 'index.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function output(child: ChildProcess): { text: () => string } {
  let text = '';
  child.stdout?.on('data', (b: Buffer) => (text += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (text += b.toString()));
  return { text: () => text };
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

/**
 * Addresses of this machine other than 127.0.0.1: its non-loopback IPv4 addresses, where a
 * remote client would connect, and 127.0.0.2, which Linux also answers on `lo`, so a server
 * bound to every interface is caught even on a machine with no network card.
 */
function otherAddresses(): string[] {
  const external = Object.values(os.networkInterfaces())
    .flat()
    .filter((a) => a && a.family === 'IPv4' && !a.internal)
    .map((a) => a!.address);
  return [...external, '127.0.0.2'];
}

describe('process entry', () => {
  it('refuses to start in production without MicrosoftAppId or allowed tenants, naming them', async () => {
    const both = entry({ NODE_ENV: 'production', HYTE_ALLOWED_TENANTS: '' });
    const tenants = entry({ NODE_ENV: 'production', MicrosoftAppId: APP_ID });
    const [bothOut, tenantsOut] = [output(both), output(tenants)];
    const [bothCode, tenantsCode] = await Promise.all([exited(both), exited(tenants)]);
    assert.notEqual(bothCode, 0);
    assert.match(bothOut.text(), /MicrosoftAppId: required when NODE_ENV=production/);
    assert.match(bothOut.text(), /HYTE_ALLOWED_TENANTS: required when NODE_ENV=production/);
    assert.notEqual(tenantsCode, 0);
    assert.match(tenantsOut.text(), /HYTE_ALLOWED_TENANTS: required/);
    assert.doesNotMatch(tenantsOut.text(), /MicrosoftAppId/);
  });

  it('without MicrosoftAppId listens on 127.0.0.1 only, not on the other interfaces', async function () {
    this.timeout(60_000);
    const port = await freePort();
    const child = entry({
      PORT: String(port),
      AZURE_STORAGE_CONNECTION_STRING: azuriteConnectionString(),
      HYTE_TABLE_PREFIX: uniquePrefix(),
      HYTE_REMINDER_INTERVAL: '0',
    });
    const out = output(child);
    try {
      while (!/hyte-bot listening/.test(out.text())) {
        if (child.exitCode !== null) assert.fail(`the bot exited: ${out.text()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const line = out
        .text()
        .split('\n')
        .find((l) => l.includes('hyte-bot listening'))!;
      assert.equal(JSON.parse(line).host, '127.0.0.1');
      assert.match(out.text(), /UNAUTHENTICATED/);
      assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
      for (const address of otherAddresses()) {
        assert.equal(await canConnect(port, address), false, `reachable on ${address}`);
      }
    } finally {
      child.kill('SIGTERM');
      await exited(child);
    }
  });
});
