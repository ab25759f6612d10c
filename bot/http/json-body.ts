import type { IncomingMessage } from 'node:http';

/** What reading a JSON body gave: the parsed value, or the status and text to answer with. */
export type JsonBody = { ok: true; value: unknown } | { ok: false; status: number; error: string };

const JSON_TYPE = /^application\/json\s*(;|$)/i;

/**
 * Reads a JSON request body of at most `maxBytes`, in memory only (nothing touches the disk).
 * Anything but `application/json` is refused before a byte is read; a declared length over
 * the cap likewise. A chunked body over the cap is read to its end and dropped, so the
 * client still gets its 413 on an intact connection.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<JsonBody> {
  if (!JSON_TYPE.test(req.headers['content-type'] ?? '')) {
    return { ok: false, status: 415, error: 'the body must be application/json' };
  }
  if (req.headers['content-encoding'] && req.headers['content-encoding'] !== 'identity') {
    return { ok: false, status: 415, error: 'content encoding not supported' };
  }
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > maxBytes) return { ok: false, status: 413, error: 'the body is too large' };

  const chunks: Buffer[] = [];
  let received = 0;
  const complete = await new Promise<boolean>((resolve) => {
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received <= maxBytes) chunks.push(chunk);
    });
    req.once('end', () => resolve(true));
    req.once('error', () => resolve(false));
    req.once('aborted', () => resolve(false));
  });
  if (!complete) return { ok: false, status: 400, error: 'the body was cut short' };
  if (received > maxBytes) return { ok: false, status: 413, error: 'the body is too large' };
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  } catch {
    return { ok: false, status: 400, error: 'the body must be a JSON activity' };
  }
}
