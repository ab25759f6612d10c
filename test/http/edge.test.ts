import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import { Writable } from 'node:stream';
import pino from 'pino';
import { type App, createApp } from '../../bot/app';
import type { Stores } from '../../bot/domain/ports';
import { signedReportUrl } from '../../bot/http/report-links';
import { message } from '../helpers/activities';
import { OpenIdServer, StubCredentialsFactory } from '../helpers/openid';
import { AAD } from '../helpers/questionnaire-fixtures';
import { azuriteStores } from '../helpers/bot-server';
import { fixtureRound } from '../helpers/questionnaire-fixtures';
import { nodeRequest, rawRequest } from './raw-http';

const SECRET = 'a-very-long-test-secret';
const LINK_SECRET = 'l'.repeat(40);
const now = new Date('2025-09-10T06:00:00Z');

/** A logger whose every line (down to trace) is kept for the test to read. */
function capturedLog() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { log: pino({ level: 'trace' }, stream), lines };
}

async function start(stores: Stores = azuriteStores()) {
  const { log, lines } = capturedLog();
  const app: App = createApp({
    config: {
      botAuth: {},
      allowedTenants: [],
      timeZone: 'Europe/Helsinki',
      jobsSecret: SECRET,
      linkSecret: LINK_SECRET,
      publicUrl: 'https://hyte.example.fi',
    },
    stores,
    log,
    clock: { now: () => now },
  });
  const { port } = await app.listen(0, '127.0.0.1');
  return { app, port, lines, url: `http://127.0.0.1:${port}` };
}

function uploads(): Set<string> {
  return new Set(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('upload_')));
}

function multipart(bytes: number): { body: Buffer; type: string } {
  const boundary = '----hyteboundary7MA4YWxkTrZu0gW';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    Buffer.alloc(bytes, 0x61),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

describe('HTTP edge', () => {
  let s: Awaited<ReturnType<typeof start>>;
  beforeEach(async () => (s = await start()));
  afterEach(async () => s.app.close());

  it('runs the reminder job as curl -fsS -X POST -H "Authorization: Bearer …" sends it', async () => {
    const curl = await rawRequest(
      s.port,
      `POST /api/jobs/reminders HTTP/1.1
Host: 127.0.0.1:${s.port}
User-Agent: curl/8.5.0
Accept: */*
Authorization: Bearer ${SECRET}`,
    );
    assert.equal(curl.status, 200, curl.body);
    assert.deepEqual(JSON.parse(curl.body), { sent: 0, skipped: 0, failed: 0 });

    const noType = await nodeRequest(`${s.url}/api/jobs/reminders`, {
      headers: { authorization: `Bearer ${SECRET}` },
    });
    assert.equal(noType.status, 200, noType.body);
    const empty = await nodeRequest(`${s.url}/api/jobs/reminders`, {
      headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(empty.status, 200, empty.body);
    const junk = await nodeRequest(`${s.url}/api/jobs/reminders`, {
      headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'text/plain' },
      body: 'not json at all',
    });
    assert.equal(junk.status, 200, junk.body);
  });

  it('answers a missing or wrong secret with 401 without reading the body', async () => {
    // Each head announces 5 MB that never come: an answer means nothing waited for them.
    for (const auth of ['', 'Authorization: Bearer wrong-secret-of-length\n']) {
      const res = await rawRequest(
        s.port,
        `POST /api/jobs/reminders HTTP/1.1
Host: 127.0.0.1
${auth}Content-Type: application/json
Content-Length: 5000000`,
      );
      assert.equal(res.status, 401);
      assert.deepEqual(JSON.parse(res.body), { error: 'unauthorized' });
    }
    const ok = await rawRequest(
      s.port,
      `POST /api/jobs/reminders HTTP/1.1
Host: 127.0.0.1
Authorization: Bearer ${SECRET}
Content-Length: 5000000`,
    );
    assert.equal(ok.status, 200);
  });

  it('leaves no upload in the temp folder for a 5 MiB multipart upload (415 or 401)', async () => {
    const before = uploads();
    const { body, type } = multipart(5 * 1024 * 1024);
    const jobs = await nodeRequest(`${s.url}/api/jobs/reminders`, {
      headers: { 'content-type': type },
      body,
    });
    assert.equal(jobs.status, 401);
    const messages = await nodeRequest(`${s.url}/api/messages`, {
      headers: { 'content-type': type },
      body,
    });
    assert.equal(messages.status, 415);
    const unknown = await nodeRequest(`${s.url}/api/other`, {
      headers: { 'content-type': type },
      body,
    });
    assert.equal(unknown.status, 404);
    // The server is still whole after discarding 15 MiB, and wrote nothing.
    assert.equal((await fetch(`${s.url}/healthz`)).status, 200);
    const added = [...uploads()].filter((f) => !before.has(f));
    assert.deepEqual(added, []);
  });

  it('caps /api/messages by its declared and its actual length', async () => {
    const declared = await rawRequest(
      s.port,
      `POST /api/messages HTTP/1.1
Host: 127.0.0.1
Content-Type: application/json
Content-Length: 900000000`,
    );
    assert.equal(declared.status, 413);
    const chunked = await nodeRequest(`${s.url}/api/messages`, {
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body: JSON.stringify({ type: 'message', text: 'x'.repeat(300_000) }),
    });
    assert.equal(chunked.status, 413);
    const gzip = await nodeRequest(`${s.url}/api/messages`, {
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: 'x',
    });
    assert.equal(gzip.status, 415);
  });

  it('answers errors with generic bodies and logs paths without the link signature', async () => {
    await s.app.close();
    const stores = azuriteStores();
    await stores.rounds.save(fixtureRound());
    const failing: Stores = {
      ...stores,
      responses: {
        ...stores.responses,
        listSheets: async () => {
          throw new Error('internal detail: account hyteprodst01 refused the query');
        },
      },
    };
    s = await start(failing);
    const link = new URL(
      signedReportUrl('https://hyte.example.fi', LINK_SECRET, 'pohjois-savo-2025', now),
    );
    const sig = link.searchParams.get('sig')!;
    const res = await fetch(`${s.url}${link.pathname}.csv${link.search}`);
    assert.equal(res.status, 500);
    const text = await res.text();
    assert.deepEqual(JSON.parse(text), { error: 'internal server error' });
    const notFound = await fetch(`${s.url}/nowhere?sig=${sig}`);
    assert.equal(notFound.status, 404);
    assert.deepEqual(await notFound.json(), { error: 'not found' });
    const wrongMethod = await fetch(`${s.url}/healthz`, { method: 'DELETE' });
    assert.equal(wrongMethod.status, 405);
    assert.deepEqual(await wrongMethod.json(), { error: 'method not allowed' });

    const log = s.lines.join('');
    assert.match(log, /hyteprodst01/, 'the reason goes to the log');
    assert.match(log, /"path":"\/reports\/pohjois-savo-2025\.csv"/);
    assert.doesNotMatch(log, /sig=/);
    assert.ok(!log.includes(sig), 'the signature never reaches a log');
  });

  it('says only ok or unavailable on /healthz; the reason goes to the log', async () => {
    await s.app.close();
    const stores = azuriteStores();
    s = await start({
      ...stores,
      ping: async () => {
        throw new Error('getaddrinfo ENOTFOUND hyteprodst01.table.core.windows.net');
      },
    });
    const res = await fetch(`${s.url}/healthz`);
    assert.equal(res.status, 503);
    assert.equal(await res.text(), '{"status":"unavailable"}');
    assert.match(s.lines.join(''), /ENOTFOUND hyteprodst01/);
  });

  it('answers a 500 from the Bot Framework layer without its error text', async () => {
    // A signed token whose issuer's metadata cannot be fetched: botbuilder fails with the
    // fetch error (an internal address) in its 500 body.
    const openid = await new OpenIdServer().start();
    const serviceUrl = 'http://127.0.0.1:9/';
    const token = await openid.token({ serviceurl: serviceUrl });
    await openid.close();
    const { log, lines } = capturedLog();
    const app = createApp({
      config: { botAuth: openid.botAuth(), allowedTenants: [], timeZone: 'Europe/Helsinki' },
      stores: azuriteStores(),
      log,
      credentialsFactory: new StubCredentialsFactory(),
    });
    const { port } = await app.listen(0, '127.0.0.1');
    const consoleError = console.error;
    console.error = () => {}; // botbuilder prints the failure itself
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(message('ohje', { aadObjectId: AAD.ben }, { serviceUrl })),
      });
      assert.equal(res.status, 500);
      assert.equal(await res.text(), '{"error":"internal server error"}');
      assert.match(lines.join(''), /ECONNREFUSED/, 'the reason goes to the log');
    } finally {
      console.error = consoleError;
      await app.close();
    }
  });
});
