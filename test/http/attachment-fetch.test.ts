import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FileRefusedError } from '../../bot/domain/setup/setup-errors';
import { allowedDownload } from '../../bot/domain/setup/download-url';
import { attachmentFetcher } from '../../bot/http/attachment-fetch';

/** A loopback server answering by path; records every request. */
async function server(handle: (path: string, res: http.ServerResponse) => void) {
  const seen: string[] = [];
  const s = http.createServer((req, res) => {
    seen.push(req.url ?? '');
    handle(req.url ?? '', res);
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const host = `127.0.0.1:${(s.address() as AddressInfo).port}`;
  return {
    host,
    seen,
    close: () => {
      s.closeAllConnections();
      return new Promise<void>((r) => s.close(() => r()));
    },
  };
}

function send(res: http.ServerResponse, status: number, headers: Record<string, string> = {}) {
  res.writeHead(status, headers);
  res.end();
}

const reason = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e instanceof FileRefusedError ? e.reason : String(e);
  }
  return 'fetched';
};

describe('fetching a file attached in chat', () => {
  it('follows a redirect only to an allowed host, stops at the size cap and the time limit', async () => {
    const other = await server((_, res) => res.end('secret'));
    const files = await server((path, res) => {
      // writeHead is not chained: other tests' instrumentation may wrap it.
      if (path === '/away') send(res, 302, { location: `http://${other.host}/x` });
      else if (path === '/here') send(res, 302, { location: '/file' });
      else if (path === '/file') res.end('Organisaatio\nKuopio\n');
      else if (path === '/big') {
        // No content-length: the cap is enforced while reading.
        res.writeHead(200, { 'transfer-encoding': 'chunked' });
        for (let i = 0; i < 20; i++) res.write(Buffer.alloc(64 * 1024, 0x41));
        res.end();
      } else if (path === '/slow') setTimeout(() => res.end('late'), 2_000);
      else send(res, 404);
    });
    try {
      const fetcher = attachmentFetcher((url) => allowedDownload(url, [files.host]));
      const get = (path: string, maxBytes = 1024 * 1024, timeoutMs = 5_000) =>
        fetcher.fetch(new URL(`http://${files.host}${path}`), { maxBytes, timeoutMs });
      assert.equal(Buffer.from(await get('/here')).toString(), 'Organisaatio\nKuopio\n');
      assert.equal(await reason(get('/away')), 'host');
      assert.deepEqual(other.seen, [], 'the other host is never asked');
      assert.equal(await reason(get('/big', 512 * 1024)), 'tooLarge');
      assert.equal(await reason(get('/slow', 1024, 300)), 'download');
      assert.equal(await reason(get('/missing')), 'download');
    } finally {
      await files.close();
      await other.close();
    }
  });
});
