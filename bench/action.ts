import { createApp } from '../bot/app';
import { createLogger } from '../bot/log';
import { createStores } from '../storage';
import { AzureTableService } from '../storage/azure-table';
import { invoke } from '../test/helpers/activities';
import { ConnectorEmulator } from '../test/helpers/connector';
import { benchRound } from './bench-round';
import { floorWorkload } from './action-floor';
import { type Workload, loadNote, percentiles, underLoad } from './load';
import type { Result } from './result';

const GOALS = 5;

/** `measure.save` invokes over HTTP from concurrent respondents, each in its own organisation. */
export async function saveWorkload(connectionString: string, users: number): Promise<Workload> {
  const stores = createStores(
    new AzureTableService({ connectionString }, `bact${Date.now() % 1e6}`),
  );
  const aad = (u: number) => `00000000-0000-4000-9000-${String(u).padStart(12, '0')}`;
  const round = benchRound('bench-actions', users, (u) => [{ aadObjectId: aad(u) }]);
  // Five goals, so each user's saves stay within the measure limits per goal.
  const goals = Array.from({ length: GOALS }, (_, g) => ({ ...round.goals[0]!, id: `goal-${g}` }));
  await stores.rounds.save({ ...round, goals });
  const connector = await new ConnectorEmulator().start();
  // As in Teams, the member API knows each user, so their e-mail look-up succeeds once.
  for (let u = 0; u < users; u++)
    connector.members.set(aad(u), { id: `29:${aad(u)}`, aadObjectId: aad(u), name: `Käyttäjä ${u}` });
  const app = createApp({
    config: { botAuth: {}, allowedTenants: [], timeZone: 'Europe/Helsinki' },
    stores,
    log: createLogger('silent'),
  });
  const { port } = await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}/api/messages`;
  const post = async (body: unknown) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    await res.text();
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  };
  const from = (u: number) => ({ aadObjectId: aad(u), name: `Käyttäjä ${u}` });
  const where = { serviceUrl: connector.url };
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
    async close(n) {
      let stored = 0;
      for (const sheet of (await stores.responses.listSheets('bench-actions')).values())
        stored += sheet.measures.length;
      await app.close();
      await connector.close();
      if (stored !== n) throw new Error(`${stored} of ${n} saves stored`);
    },
  };
}

const SAVE_NOTE =
  'measure.save invokes (each creating a measure: one partition query, one transaction)';

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
  const save = await saveWorkload(connectionString, users);
  const floor = await floorWorkload(connectionString);
  const perUser = Math.ceil(total / users / blocks);
  const saves: number[] = [];
  const floors: number[] = [];
  for (let b = 0; b < blocks; b++) {
    const range = { from: b * perUser, perUser };
    await underLoad(floor, users, range, thinkMs, floors);
    await underLoad(save, users, range, thinkMs, saves);
  }
  await save.close(saves.length);
  await floor.close(floors.length);
  const load = `${loadNote(users, thinkMs)}, alternating with the other in ${blocks} blocks`;
  return [
    ...percentiles(
      'action_floor',
      floors,
      `${floors.length} × (one partition query + one transaction: create the measure, replace the response record with its ETag) straight through @azure/data-tables, ${load}; same Azurite as action_p50_ms`,
    ),
    ...percentiles('action', saves, `${saves.length} ${SAVE_NOTE}, ${load}; Azurite on loopback`),
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
  const save = await saveWorkload(connectionString, users);
  const latencies: number[] = [];
  await underLoad(save, users, { from: 0, perUser: Math.ceil(total / users) }, thinkMs, latencies);
  await save.close(latencies.length);
  return percentiles(
    prefix,
    latencies,
    `${latencies.length} ${SAVE_NOTE}, ${loadNote(users, thinkMs)}; Azurite on loopback`,
  );
}
