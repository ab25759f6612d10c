import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { createApp } from '../bot/app';
import { createLogger } from '../bot/log';
import { createStores } from '../storage';
import { AzureTableService } from '../storage/azure-table';
import { ConnectorEmulator } from '../test/helpers/connector';
import { GOALS, type LoadRequest, type LoadResult, aad } from './action-load';
import { benchRound } from './bench-round';
import { loadNote, percentiles } from './load';
import type { Result } from './result';

/** The bot over HTTP with its stores on Azurite, and a connector that knows every user. */
async function saveTarget(connectionString: string, users: number) {
  const stores = createStores(
    new AzureTableService({ connectionString }, `bact${Date.now() % 1e6}`),
  );
  const round = benchRound('bench-actions', users, (u) => [{ aadObjectId: aad(u) }]);
  // Five goals, so each user's saves stay within the measure limits per goal.
  const goals = Array.from({ length: GOALS }, (_, g) => ({ ...round.goals[0]!, id: `goal-${g}` }));
  await stores.rounds.save({ ...round, goals });
  const connector = await new ConnectorEmulator().start();
  // As in Teams, the member API knows each user, so their e-mail look-up succeeds once.
  for (let u = 0; u < users; u++)
    connector.members.set(aad(u), {
      id: `29:${aad(u)}`,
      aadObjectId: aad(u),
      name: `Käyttäjä ${u}`,
    });
  const app = createApp({
    config: { botAuth: {}, allowedTenants: [], timeZone: 'Europe/Helsinki' },
    stores,
    log: createLogger('silent'),
  });
  const { port } = await app.listen(0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}/api/messages`,
    serviceUrl: connector.url,
    async close(n: number) {
      let stored = 0;
      for (const sheet of (await stores.responses.listSheets('bench-actions')).values())
        stored += sheet.measures.length;
      await app.close();
      await connector.close();
      if (stored !== n) throw new Error(`${stored} of ${n} saves stored`);
    },
  };
}

/** Runs the users' load in its own thread against the bot in this one. */
async function load(
  connectionString: string,
  request: Omit<LoadRequest, 'connectionString' | 'url' | 'serviceUrl'>,
): Promise<LoadResult> {
  const target = await saveTarget(connectionString, request.users);
  const { url, serviceUrl } = target;
  const workerData: LoadRequest = { ...request, connectionString, url, serviceUrl };
  // A worker does not inherit the TypeScript loader hooks of the main thread: it registers its own.
  const entry = path.join(__dirname, 'action-load.ts');
  const worker = new Worker(
    `require('tsx/cjs/api').register(); require(${JSON.stringify(entry)});`,
    {
      eval: true,
      workerData,
    },
  );
  const result = await new Promise<LoadResult & { error?: string }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  if (result.error) throw new Error(result.error);
  await target.close(result.saves.length);
  return result;
}

const SAVE_NOTE =
  'measure.save invokes (each creating a measure; the sheet is the one this instance wrote at the user’s previous save, so a save is one transaction whose ETag on the response record proves that sheet current, and a stale one is read again)';
const CLIENT_NOTE = 'the users in a thread of their own, posting over kept-alive HTTP';

/**
 * `action_p50_ms`/`_p99_ms` beside `action_floor_p50_ms`/`_p99_ms`: the save and its storage
 * floor on the same Azurite, alternating in `blocks` so both meet the same machine noise.
 */
export async function actionWithFloor(
  connectionString: string,
  total = 2000,
  users = 20,
  /** Pause between one user's actions (a person reads the card before pressing again). */
  thinkMs = 250,
  blocks = 10,
): Promise<Result[]> {
  const { saves, floors } = await load(connectionString, { users, total, thinkMs, blocks });
  const shape = `${loadNote(users, thinkMs)}, alternating with the other in ${blocks} blocks`;
  return [
    ...percentiles(
      'action_floor',
      floors,
      `${floors.length} × (one partition query + one transaction: create the measure, replace the response record with its ETag) straight through @azure/data-tables from the users' thread, ${shape}; same Azurite as action_p50_ms`,
    ),
    ...percentiles(
      'action',
      saves,
      `${saves.length} ${SAVE_NOTE}, ${shape}, ${CLIENT_NOTE}; Azurite on loopback`,
    ),
  ];
}

/** The save alone, e.g. in a closed loop (`thinkMs` 0) to find where it saturates. */
export async function actionLatency(
  connectionString: string,
  total = 2000,
  users = 20,
  thinkMs = 250,
  prefix = 'action',
): Promise<Result[]> {
  const { saves } = await load(connectionString, { users, total, thinkMs, blocks: 0 });
  return percentiles(
    prefix,
    saves,
    `${saves.length} ${SAVE_NOTE}, ${loadNote(users, thinkMs)}, ${CLIENT_NOTE}; Azurite on loopback`,
  );
}
