import { TableClient, odata } from '@azure/data-tables';
import { loadNote, percentile, underLoad } from './load';
import type { Result } from './result';

/**
 * The least storage work one measure save needs, straight through `@azure/data-tables`: one
 * query of the organisation's partition, then one transaction creating the measure and
 * replacing the response record with its ETag. Same load, documents and partition growth as
 * the `measure.save` benchmark, so the two can be compared.
 */
export async function actionFloor(
  connectionString: string,
  total = 2000,
  users = 20,
  thinkMs = 250,
): Promise<Result[]> {
  const client = TableClient.fromConnectionString(connectionString, `bfloor${Date.now() % 1e6}`, {
    allowInsecureConnection: true,
  });
  await client.createTable();
  const at = new Date().toISOString();
  const doc = (value: unknown) => ({ n: 1, d0: JSON.stringify(value) });
  const response = (u: number) =>
    doc({ roundId: 'bench', organisationId: `org-${u}`, state: 'draft', updatedAt: at });
  const sorted = await underLoad(
    users,
    Math.ceil(total / users),
    thinkMs,
    async (u, i) => {
      const partitionKey = `bench|org-${u}`;
      let etag: string | undefined;
      const filter = odata`PartitionKey eq ${partitionKey}`;
      for await (const e of client.listEntities({ queryOptions: { filter } }))
        if (e.rowKey === 'response') etag = e.etag;
      const measure = doc({
        id: `bench-${u}-${i}`,
        goalId: 'goal',
        description: `Toimenpide ${i}: liikuntaneuvonta ja ryhmätoiminta ikääntyneille`,
        owner: 'Hyvinvointikoordinaattori',
        metrics: 'Osallistujamäärä',
        partners: ['org-0'],
        createdAt: at,
        updatedAt: at,
      });
      await client.submitTransaction([
        ['create', { partitionKey, rowKey: `measure|bench-${u}-${i}`, ...measure }],
        ['update', { partitionKey, rowKey: 'response', ...response(u) }, 'Replace', { etag }],
      ]);
    },
    async (u) => {
      await client.createEntity({
        partitionKey: `bench|org-${u}`,
        rowKey: 'response',
        ...response(u),
      });
    },
  );
  const notes = `${sorted.length} × (one partition query + one transaction: create the measure, replace the response record with its ETag) straight through @azure/data-tables, ${loadNote(users, thinkMs)}; same Azurite as action_p50_ms`;
  return [50, 99].map((p) => ({
    key: `action_floor_p${p}_ms`,
    value: percentile(sorted, p),
    unit: 'ms',
    n: sorted.length,
    notes,
  }));
}
