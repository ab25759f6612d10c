import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { StorageUnavailableError } from '../bot/domain/errors';

/** Azurite's well-known development account (public, not a secret). */
const ACCOUNT = 'devstoreaccount1';
const KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export function azuriteConnectionString(port: number, host = '127.0.0.1'): string {
  return `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};TableEndpoint=http://${host}:${port}/${ACCOUNT};`;
}

export interface Azurite {
  port: number;
  connectionString: string;
  /** Undefined when this process connected to an Azurite it did not start. */
  pid: number | undefined;
  stop(): Promise<void>;
}

export interface AzuriteOptions {
  /** Data folder; omitted = in-memory persistence (tests). */
  location?: string;
  port?: number;
  host?: string;
  /** How long to wait for the port to accept connections. */
  timeoutMs?: number;
}

/**
 * Runs Azurite's table service and exits as soon as its stdin closes, i.e. when the parent
 * goes away by any means (even SIGKILL), so no orphan keeps a port or a data folder.
 */
const CHILD = `process.stdin.on('end',()=>process.exit(0)).on('error',()=>process.exit(0)).resume();require(process.argv[1]);`;

export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function canConnect(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Said when storage is left unconfigured on an install without development dependencies. */
export const NO_EMBEDDED_STORAGE =
  'no storage configured: set AZURE_STORAGE_CONNECTION_STRING or AZURE_TABLES_ENDPOINT (the embedded Azurite is a development dependency and is not installed here)';

/** Azurite's table service entry; azurite is a development dependency, absent in production. */
function azuriteTableMain(): string {
  let pkg: string;
  try {
    pkg = require.resolve('azurite/package.json');
  } catch {
    throw new StorageUnavailableError(NO_EMBEDDED_STORAGE);
  }
  return path.join(path.dirname(pkg), 'dist', 'src', 'table', 'main.js');
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Spawns Azurite's table service and resolves once it accepts connections. */
export async function startAzurite(options: AzuriteOptions = {}): Promise<Azurite> {
  const main = azuriteTableMain();
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await freePort(host));
  const args = [
    ...['--tableHost', host, '--tablePort', String(port)],
    ...(options.location ? ['--location', options.location] : ['--inMemoryPersistence']),
    ...['--loose', '--skipApiVersionCheck', '--disableTelemetry', '--silent'],
  ];
  if (options.location) fs.mkdirSync(options.location, { recursive: true });
  // Its own process group: a signal to the server's group (Ctrl-C, `npm start` under a host)
  // must not take storage away while the server records its shutdown. The server stops it.
  const child = spawn(process.execPath, ['-e', CHILD, main, ...args], {
    stdio: ['pipe', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-2000)));
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);

  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited(child);
    clearTimeout(timer);
  };

  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  while (!(await canConnect(port, host))) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`Azurite did not start on ${host}:${port}: ${stderr.trim() || 'no output'}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { port, connectionString: azuriteConnectionString(port, host), pid: child.pid, stop };
}

interface Instance {
  pid: number;
  port: number;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The embedded storage of `npm start` and the CLI: data under `<dataDir>/azurite`. A running
 * instance (recorded in instance.json) is shared, so `npx hyte` works beside `npm start`;
 * otherwise one is started for this process and stopped with it.
 */
export async function connectOrStartEmbedded(dataDir: string): Promise<Azurite> {
  const location = path.resolve(dataDir, 'azurite');
  const file = path.join(location, 'instance.json');
  try {
    const known = JSON.parse(fs.readFileSync(file, 'utf8')) as Instance;
    if (alive(known.pid) && (await canConnect(known.port))) {
      return {
        port: known.port,
        connectionString: azuriteConnectionString(known.port),
        pid: undefined,
        stop: async () => {},
      };
    }
  } catch {
    // No usable instance: start one below.
  }
  const azurite = await startAzurite({ location });
  fs.writeFileSync(file, JSON.stringify({ pid: azurite.pid, port: azurite.port }));
  return {
    ...azurite,
    stop: async () => {
      try {
        const current = JSON.parse(fs.readFileSync(file, 'utf8')) as Instance;
        if (current.pid === azurite.pid) fs.rmSync(file, { force: true });
      } catch {
        // already gone
      }
      await azurite.stop();
    },
  };
}
