import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Running, startPlayground } from '../../scripts/processes';
import { freePort } from '../../storage/azurite';

const ROOT = path.resolve(__dirname, '..', '..');

/** Preloaded into the Playground: writes down every host it looks up or connects to. */
const RECORDER = `
const fs = require('node:fs');
const net = require('node:net');
const dns = require('node:dns');
const note = (what) => fs.appendFileSync(process.env.HYTE_NET_LOG, what + '\\n');
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const o = args[0];
  if (o && typeof o === 'object' && o.host) note(String(o.host));
  return connect.apply(this, args);
};
const lookup = dns.lookup;
dns.lookup = function (host, ...rest) {
  note(String(host));
  return lookup.call(this, host, ...rest);
};
`;

describe('the Agents Playground as `npm run playground` and the end-to-end tests start it', function () {
  this.timeout(60_000);

  it('reports nothing to the internet: it reaches no host but loopback', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyte-playground-'));
    const recorder = path.join(dir, 'recorder.cjs');
    const netLog = path.join(dir, 'hosts.log');
    fs.writeFileSync(recorder, RECORDER);
    fs.writeFileSync(netLog, '');
    const saved = {
      NODE_OPTIONS: process.env.NODE_OPTIONS,
      HYTE_NET_LOG: process.env.HYTE_NET_LOG,
    };
    let playground: Running | undefined;
    try {
      // startPlayground passes its own environment on: the recorder rides along.
      process.env.NODE_OPTIONS = `${saved.NODE_OPTIONS ?? ''} --require ${recorder}`.trim();
      process.env.HYTE_NET_LOG = netLog;
      const port = await freePort();
      playground = await startPlayground({
        botPort: await freePort(),
        port,
        config: path.join(ROOT, '.m365agentsplayground.yml'),
        log: path.join(dir, 'playground.log'),
      });
      const page = await fetch(`http://127.0.0.1:${port}/`);
      assert.equal(page.status, 200);
      // Its telemetry, when on, reports within a second of the start.
      await new Promise((r) => setTimeout(r, 2_000));
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      await playground?.stop();
    }
    const hosts = new Set(fs.readFileSync(netLog, 'utf8').split('\n').filter(Boolean));
    fs.rmSync(dir, { recursive: true, force: true });
    const outside = [...hosts].filter((h) => !/^(localhost|127\.0\.0\.1|::1)$/.test(h));
    assert.deepEqual(outside, []);
  });
});
