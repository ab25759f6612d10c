import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The Agents Playground sends `locale: "en-US"` with every activity, whatever the language of
 * its process or browser. Teams sends the user's own. This proxy in front of the bot gives
 * each activity `locale` instead, so the Playground shows the bot as a Finnish (or Swedish)
 * Teams user meets it. Everything else passes as it is.
 */
export async function startLocaleProxy(
  target: string,
  locale: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      try {
        const activity = JSON.parse(body.toString('utf8')) as {
          locale?: string;
          entities?: Array<{ type?: string; locale?: string }>;
        };
        activity.locale = locale;
        for (const e of activity.entities ?? []) if (e.type === 'clientInfo') e.locale = locale;
        body = Buffer.from(JSON.stringify(activity));
      } catch {
        // not JSON: the bot answers it as it would
      }
      const headers = { ...req.headers, 'content-length': String(body.length) };
      delete headers.host;
      const out = http.request(target, { method: req.method, headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      out.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      out.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/messages`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
