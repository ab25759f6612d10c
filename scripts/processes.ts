import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startLocaleProxy } from './locale-proxy';

const ROOT = path.resolve(__dirname, '..');

export interface Running {
  pid: number;
  stop(): Promise<void>;
}

async function waitForUrl(url: string, child: ChildProcess, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not answer ${url} within ${timeoutMs} ms`);
}

/** Stops a child by PID (and its process group), waiting for it to exit. */
function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      child.kill('SIGTERM');
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, 10_000);
    await exited;
    clearTimeout(timer);
  };
}

function logTo(file: string | undefined): 'inherit' | number {
  if (!file) return 'inherit';
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return fs.openSync(file, 'a');
}

/** The bot from sources (`node --import tsx`, so the PID is the bot's own). */
export async function startBotProcess(
  env: Record<string, string>,
  port: number,
  log?: string,
): Promise<Running> {
  const out = logTo(log);
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bot', 'index.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', out, out],
    detached: true,
  });
  await waitForUrl(`http://127.0.0.1:${port}/healthz`, child, 'the bot');
  return { pid: child.pid!, stop: stopper(child) };
}

/** Microsoft 365 Agents Playground: a Teams-like web client and connector, offline. */
export async function startPlayground(options: {
  botPort: number;
  port: number;
  config: string;
  browser?: boolean;
  log?: string;
  /** The language the Playground's user speaks, as Teams would tell the bot (default fi-FI). */
  locale?: string;
}): Promise<Running> {
  const proxy = await startLocaleProxy(
    `http://127.0.0.1:${options.botPort}/api/messages`,
    options.locale ?? process.env.PLAYGROUND_LOCALE ?? 'fi-FI',
  );
  const bin = path.join(ROOT, 'node_modules', '.bin', 'agentsplayground');
  const logFile = options.log ?? path.join(ROOT, 'out', 'playground.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const out = logTo(options.log);
  const child = spawn(
    bin,
    [
      '-e',
      proxy.url,
      '-p',
      String(options.port),
      '-c',
      'msteams',
      // It reports to Application Insights at every start otherwise.
      '--disable-telemetry',
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: options.browser ? '' : 'none',
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: options.config,
        M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
        // Its Application Insights SDK still starts, and would report about itself.
        APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
      },
      stdio: ['ignore', out, out],
      detached: true,
    },
  );
  const stop = stopper(child);
  try {
    await waitForUrl(
      `http://127.0.0.1:${options.port}/_debug/ping`,
      child,
      'the Agents Playground',
    );
  } catch (e) {
    await stop();
    await proxy.close();
    throw e;
  }
  return {
    pid: child.pid!,
    stop: async () => {
      await stop();
      await proxy.close();
    },
  };
}
