import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { invoke } from '../test/helpers/activities';
import { floorWorkload } from './action-floor';
import { type Workload, underLoad } from './load';

/** What the main thread asks this load thread to run. */
export interface LoadRequest {
  connectionString: string;
  /** The bot's /api/messages. */
  url: string;
  /** The connector the activities name as their service URL. */
  serviceUrl: string;
  users: number;
  total: number;
  thinkMs: number;
  /** 0: saves only; else saves alternate with the storage floor in this many blocks. */
  blocks: number;
}

export interface LoadResult {
  saves: number[];
  floors: number[];
}

export const GOALS = 5;
export const aad = (u: number) => `00000000-0000-4000-9000-${String(u).padStart(12, '0')}`;

/**
 * `measure.save` invokes over HTTP, one kept-alive connection per user, as the Bot Connector
 * posts them.
 */
function saveClient(url: string, serviceUrl: string): Workload {
  const agent = new http.Agent({ keepAlive: true });
  const post = (body: unknown) =>
    new Promise<void>((resolve, reject) => {
      const req = http.request(
        url,
        { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
        (res) => {
          res.resume();
          res.on('end', () =>
            res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`)),
          );
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(body));
    });
  const from = (u: number) => ({ aadObjectId: aad(u), name: `Käyttäjä ${u}` });
  const where = { serviceUrl };
  return {
    // The first call saves the user's reference; it is not part of the measurement.
    before: (u) => post(invoke('questionnaire.open', {}, from(u), where)),
    op: (u, i) =>
      post(
        invoke(
          'measure.save',
          {
            roundId: 'bench-actions',
            organisationId: `org-${u}`,
            goalId: `goal-${i % GOALS}`,
            measureId: `bench-${u}-${i}`.padEnd(8, '0'),
            description: `Toimenpide ${i}: liikuntaneuvonta ja ryhmätoiminta ikääntyneille`,
            owner: 'Hyvinvointikoordinaattori',
            metrics: 'Osallistujamäärä',
            partners: 'org-0',
          },
          from(u),
          where,
        ),
      ),
    async close() {
      agent.destroy();
    },
  };
}

/**
 * The load runs in a thread of its own: the users are outside the bot, as in Teams, so the
 * cost of making their requests is not counted in the bot's latency.
 */
async function run(r: LoadRequest): Promise<LoadResult> {
  const save = saveClient(r.url, r.serviceUrl);
  const floor = r.blocks ? await floorWorkload(r.connectionString) : undefined;
  const saves: number[] = [];
  const floors: number[] = [];
  const blocks = Math.max(1, r.blocks);
  const perUser = Math.ceil(r.total / r.users / blocks);
  for (let b = 0; b < blocks; b++) {
    const range = { from: b * perUser, perUser };
    if (floor) await underLoad(floor, r.users, range, r.thinkMs, floors);
    await underLoad(save, r.users, range, r.thinkMs, saves);
  }
  await save.close(saves.length);
  await floor?.close(floors.length);
  return { saves, floors };
}

if (parentPort) {
  const port = parentPort;
  run(workerData as LoadRequest).then(
    (result) => port.postMessage(result),
    (e: unknown) => port.postMessage({ error: String((e as Error)?.stack ?? e) }),
  );
}
