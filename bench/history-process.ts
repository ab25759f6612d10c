import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Result } from './result';

/**
 * `hyte round history` runs in the operator's `npx hyte` process, which has Node's own heap
 * settings, not the server's smaller young generation (`npm start`, under which `npm run bench`
 * runs): the history benchmark is measured in such a process of its own.
 */
export async function historyAsCli(connectionString: string): Promise<Result[]> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'history-main.ts'), connectionString],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  if (code !== 0) throw new Error(`the history benchmark exited with ${code}`);
  return JSON.parse(out) as Result[];
}
