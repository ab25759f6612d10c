import net from 'node:net';

/** What the proxy does with each connection: pass it on, answer 503, or cut it. */
export type FaultMode = 'pass' | '503' | 'drop';

/**
 * A TCP proxy on loopback in front of a storage endpoint that can be made to fail the way
 * Table Storage does in an outage: every request answered `503 Server Busy`, or every
 * connection cut before an answer. Switching the mode cuts the connections already open, so
 * kept-alive sockets fail too.
 */
export class FaultProxy {
  private server = net.createServer((client) => this.accept(client));
  private open = new Set<net.Socket>();
  mode: FaultMode = 'pass';
  port = 0;

  constructor(private readonly targetPort: number) {}

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this;
  }

  set(mode: FaultMode): void {
    this.mode = mode;
    for (const s of this.open) s.destroy();
    this.open.clear();
  }

  private accept(client: net.Socket): void {
    this.open.add(client);
    client.on('close', () => this.open.delete(client));
    client.on('error', () => undefined);
    if (this.mode === 'drop') {
      client.destroy();
      return;
    }
    if (this.mode === '503') {
      client.once('data', () =>
        client.end(
          'HTTP/1.1 503 Server Busy\r\nContent-Type: application/json\r\nConnection: close\r\n' +
            'Content-Length: 2\r\n\r\n{}',
        ),
      );
      return;
    }
    const upstream = net.connect(this.targetPort, '127.0.0.1');
    this.open.add(upstream);
    upstream.on('close', () => this.open.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream).pipe(client);
  }

  async close(): Promise<void> {
    this.set('drop');
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
