import { createApp } from '../bot/app';
import { createLogger } from '../bot/log';
import { createStores } from '../storage';
import { AzureTableService } from '../storage/azure-table';
import { invoke } from '../test/helpers/activities';
import { ConnectorEmulator } from '../test/helpers/connector';
import { benchRound } from './bench-round';
import type { Result } from './result';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

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
  await stores.rounds.save(benchRound('bench-actions', users, (u) => [{ aadObjectId: aad(u) }]));
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
  const latencies: number[] = [];
  const perUser = Math.ceil(total / users);
  await Promise.all(
    Array.from({ length: users }, async (_, u) => {
      const from = { aadObjectId: aad(u), name: `Käyttäjä ${u}` };
      const where = { serviceUrl: connector.url };
      // The first call saves the user's reference; it is not part of the measurement.
      await post(invoke('questionnaire.open', {}, from, where));
      for (let i = 0; i < perUser; i++) {
        const body = invoke(
          'measure.save',
          {
            roundId: 'bench-actions',
            organisationId: `org-${u}`,
            goalId: 'goal',
            measureId: `bench-${u}-${i}`.padEnd(8, '0'),
            description: `Toimenpide ${i}: liikuntaneuvonta ja ryhmätoiminta ikääntyneille`,
            owner: 'Hyvinvointikoordinaattori',
            metrics: 'Osallistujamäärä',
            partners: 'org-0',
          },
          from,
          where,
        );
        if (thinkMs) await new Promise((r) => setTimeout(r, thinkMs * (0.5 + Math.random())));
        const t = performance.now();
        await post(body);
        latencies.push(performance.now() - t);
      }
    }),
  );
  await app.close();
  await connector.close();
  const sorted = [...latencies].sort((a, b) => a - b);
  const load = thinkMs
    ? `each pausing ${thinkMs / 2}–${(thinkMs * 3) / 2} ms between actions`
    : 'closed loop without pauses (saturation)';
  const notes = `${latencies.length} measure.save invokes (each creating a measure), ${users} concurrent users ${load}; Azurite on loopback`;
  return [
    {
      key: `${prefix}_p50_ms`,
      value: percentile(sorted, 50),
      unit: 'ms',
      n: latencies.length,
      notes,
    },
    {
      key: `${prefix}_p99_ms`,
      value: percentile(sorted, 99),
      unit: 'ms',
      n: latencies.length,
      notes,
    },
  ];
}
