import type { DownloadLimits, FileDownloads } from '../domain/ports';
import { FileRefusedError } from '../domain/setup/setup-errors';

/** Redirects followed at most, each checked as the first address was. */
const MAX_REDIRECTS = 3;

/**
 * Fetches attached files over HTTPS (or HTTP to a configured host) with no credentials and no
 * cookies. A redirect is followed only to an address `allowed` accepts; the body is read up to
 * `maxBytes` and the whole fetch given up after `timeoutMs`.
 */
export function attachmentFetcher(allowed: (url: string) => URL | undefined): FileDownloads {
  return {
    async fetch(url: URL, limits: DownloadLimits): Promise<Uint8Array> {
      const signal = AbortSignal.timeout(limits.timeoutMs);
      let at = url;
      try {
        for (let hop = 0; ; hop++) {
          const res = await fetch(at, {
            redirect: 'manual',
            signal,
            credentials: 'omit',
            headers: { accept: '*/*' },
          });
          if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
            await res.body?.cancel();
            const next = allowed(new URL(res.headers.get('location') ?? '', at).toString());
            if (!next) throw new FileRefusedError('host');
            if (hop >= MAX_REDIRECTS) throw new FileRefusedError('download');
            at = next;
            continue;
          }
          if (!res.ok || !res.body) {
            await res.body?.cancel();
            throw new FileRefusedError('download');
          }
          const declared = Number(res.headers.get('content-length') ?? NaN);
          if (declared > limits.maxBytes) {
            await res.body.cancel();
            throw new FileRefusedError('tooLarge');
          }
          return await readCapped(res.body, limits.maxBytes);
        }
      } catch (e) {
        if (e instanceof FileRefusedError) throw e;
        throw new FileRefusedError('download');
      }
    },
  };
}

async function readCapped(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new FileRefusedError('tooLarge');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}
