import { createApp } from '../bot/app';
import { createLogger } from '../bot/log';
import { createStores } from '../storage';
import { AzureTableService } from '../storage/azure-table';
import { invoke } from '../test/helpers/activities';
import { ConnectorEmulator } from '../test/helpers/connector';
import { benchRound } from './bench-round';
import { loadNote, percentile, underLoad } from './load';
import type { Result } from './result';

const GOALS = 5;

/** `measure.save` invokes over HTTP from concurrent respondents, each in its own organisation. */
export async function actionLatency(
  connectionString: string,
  total = 2000,
  users = 20,
  /** Pause between one user's actions (a person reads the card before pressing again). */
  thinkMs = 250,
  prefix = 'action',
): Promise<Result[]> {
  const stores = createStores(
    new AzureTableService({ connectionString }, `bact${Date.now() % 1e6}`),
  );
  const aad = (u: number) => `00000000-0000-4000-9000-${String(u).padStart(12, '0')}`;
  const round = benchRound('bench-actions', users, (u) => [{ aadObjectId: aad(u) }]);
  // Five goals, so each user's saves stay within the measure limits per goal.
  const goals = Array.from({ length: GOALS }, (_, g) => ({ ...round.goals[0]!, id: `goal-${g}` }));
  await stores.rounds.save({ ...round, goals });
  const connector = await new ConnectorEmulator().start();
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
  const sorted = await underLoad(
    users,
    Math.ceil(total / users),
    thinkMs,
    (u, i) =>
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
    // The first call saves the user's reference; it is not part of the measurement.
    (u) => post(invoke('questionnaire.open', {}, from(u), where)),
  );
  let stored = 0;
  for (const sheet of (await stores.responses.listSheets('bench-actions')).values())
    stored += sheet.measures.length;
  if (stored !== sorted.length) throw new Error(`${stored} of ${sorted.length} saves stored`);
  await app.close();
  await connector.close();
  const notes = `${sorted.length} measure.save invokes (each creating a measure: one partition query, one transaction), ${loadNote(users, thinkMs)}; Azurite on loopback`;
  return [
    {
      key: `${prefix}_p50_ms`,
      value: percentile(sorted, 50),
      unit: 'ms',
      n: sorted.length,
      notes,
    },
    {
      key: `${prefix}_p99_ms`,
      value: percentile(sorted, 99),
      unit: 'ms',
      n: sorted.length,
      notes,
    },
  ];
}
