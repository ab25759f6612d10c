import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** One Application Insights envelope, as the exporter posts it to `v2.1/track`. */
export interface Envelope {
  name: string;
  tags?: Record<string, string>;
  data?: {
    baseType?: string;
    baseData?: Record<string, unknown> & {
      name?: string;
      properties?: Record<string, string>;
      metrics?: Array<{ name: string; value: number; count?: number }>;
      message?: string;
    };
  };
}

export { selfSignedCertificate } from '../helpers/tls';

/**
 * A local stand-in for Application Insights' ingestion endpoint, over HTTPS (the exporter
 * speaks nothing else): keeps every envelope and every raw body it was sent.
 */
export class IngestionReceiver {
  readonly envelopes: Envelope[] = [];
  /** Bodies as they arrived, decompressed: what a leak check must search. */
  readonly bodies: string[] = [];
  readonly paths: string[] = [];
  private server: https.Server;
  url = '';

  constructor(tls: { key: string; cert: string }) {
    this.server = https.createServer(
      { key: fs.readFileSync(tls.key), cert: fs.readFileSync(tls.cert) },
      (req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          let body = Buffer.concat(chunks);
          if (req.headers['content-encoding'] === 'gzip' || (body[0] === 0x1f && body[1] === 0x8b))
            body = gunzipSync(body);
          const text = body.toString('utf8');
          this.paths.push(req.url ?? '');
          this.bodies.push(text);
          const items = parseEnvelopes(text);
          this.envelopes.push(...items);
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              itemsReceived: items.length,
              itemsAccepted: items.length,
              errors: [],
            }),
          );
        });
      },
    );
  }

  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  byType(baseType: string): Envelope[] {
    return this.envelopes.filter((e) => e.data?.baseType === baseType);
  }
}

/** A JSON array of envelopes, or one envelope per line. */
function parseEnvelopes(text: string): Envelope[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  if (trimmed.startsWith('[')) return JSON.parse(trimmed) as Envelope[];
  return trimmed.split('\n').map((line) => JSON.parse(line) as Envelope);
}
