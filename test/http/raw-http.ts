import http from 'node:http';
import net from 'node:net';

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * Writes `head` (request line and headers, exactly as given, `\n` for line ends) and then
 * `body` if any, and resolves with the response (which must carry a Content-Length). What
 * curl sends for `curl -X POST` without `-d` has no Content-Type and no Content-Length at all,
 * which neither `fetch` nor `http.request` produce. A head that declares a body which is never
 * sent proves, when it is answered, that the server did not wait for the body.
 */
export function rawRequest(port: number, head: string, body?: Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let got = Buffer.alloc(0);
    socket.once('connect', () => {
      socket.write(head.trim().replace(/\n/g, '\r\n') + '\r\n\r\n');
      if (body) socket.write(body);
    });
    socket.on('error', reject);
    // Fails the test instead of hanging when a server waits for a body that never comes.
    socket.setTimeout(10_000, () => {
      socket.destroy();
      reject(new Error('no answer: the server is waiting for the body'));
    });
    socket.on('data', (chunk: Buffer) => {
      got = Buffer.concat([got, chunk]);
      const end = got.indexOf('\r\n\r\n');
      if (end === -1) return;
      const [statusLine = '', ...lines] = got.subarray(0, end).toString('latin1').split('\r\n');
      const headers: http.IncomingHttpHeaders = {};
      for (const line of lines) {
        const i = line.indexOf(':');
        headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
      }
      const length = Number(headers['content-length'] ?? 0);
      if (got.length < end + 4 + length) return;
      socket.destroy();
      resolve({
        status: Number(statusLine.split(' ')[1]),
        headers,
        body: got.subarray(end + 4, end + 4 + length).toString('utf8'),
      });
    });
  });
}

/** A request through node:http, with exactly the headers given (no content type unless set). */
export function nodeRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'POST', headers: options.headers });
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }),
      );
    });
    req.end(options.body);
  });
}
