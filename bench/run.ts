import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAzurite } from '../storage/azurite';
import { actionLatency, actionWithFloor } from './action';
import { compile } from './compile';
import { contacts } from './contacts';
import { fanout } from './fanout';
import { fanoutTenants } from './fanout-tenants';
import { graphLaunchBench } from './graph-launch';
import { historyAsCli } from './history-process';
import type { Result } from './result';

/**
 * `npm run bench`: runs every benchmark against its own in-memory Azurite and a connector
 * emulator on loopback, prints a table and writes bench/results.json. Never fails a build on
 * a missed goal: the numbers are for reading.
 */
async function main(): Promise<void> {
  const azurite = await startAzurite();
  const results: Result[] = [];
  const only = process.argv.slice(2);
  const want = (name: string) => only.length === 0 || only.includes(name);
  try {
    // Compile first: its peak memory is measured before other benchmarks have grown the process.
    if (want('compile')) results.push(...(await compile(azurite.connectionString)));
    if (want('action')) {
      results.push(...(await actionWithFloor(azurite.connectionString)));
      results.push(
        ...(await actionLatency(azurite.connectionString, 2000, 20, 0, 'action_saturated')),
      );
    }
    if (want('fanout')) results.push(...(await fanout(azurite.connectionString)));
    if (want('fanout-tenants')) results.push(...(await fanoutTenants(azurite.connectionString)));
    if (want('graph-launch')) results.push(...(await graphLaunchBench(azurite.connectionString)));
    if (want('contacts')) results.push(...(await contacts(azurite.connectionString)));
    if (want('history')) results.push(...(await historyAsCli(azurite.connectionString)));
  } finally {
    await azurite.stop();
  }
  const file = path.join(__dirname, 'results.json');
  const previous = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>)
    : {};
  const out: Record<string, unknown> = { ...previous };
  for (const r of results)
    out[r.key] = { value: Number(r.value.toFixed(2)), unit: r.unit, n: r.n, notes: r.notes };
  out.machine = {
    value: os.cpus().length,
    unit: 'cpus',
    n: 1,
    notes: `${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}, load average ${os.loadavg()[0]?.toFixed(2)} at the end (${only.length ? only.join(', ') : 'every benchmark'})`,
  };
  fs.writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  console.log('| figure | value | unit | n | notes |\n|---|---|---|---|---|');
  for (const r of results)
    console.log(`| ${r.key} | ${r.value.toFixed(2)} | ${r.unit} | ${r.n} | ${r.notes} |`);
}

main()
  .catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => process.exit());
