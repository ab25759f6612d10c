import { TableClient, odata } from '@azure/data-tables';
import type { Workload } from './load';

/**
 * The least storage work one measure save needs, straight through `@azure/data-tables`: one
 * query of the organisation's partition, then one transaction creating the measure and
 * replacing the response record with its ETag. Same documents and partition growth as the
 * `measure.save` workload, so the two can be compared.
 */
export async function floorWorkload(connectionString: string): Promise<Workload> {
  const client = TableClient.fromConnectionString(connectionString, `bfloor${Date.now() % 1e6}`, {
    allowInsecureConnection: true,
  });
  await client.createTable();
  const at = new Date().toISOString();
  const doc = (value: unknown) => ({ n: 1, d0: JSON.stringify(value) });
  const response = (u: number) =>
    doc({ roundId: 'bench', organisationId: `org-${u}`, state: 'draft', updatedAt: at });
  const partitionKey = (u: number) => `bench|org-${u}`;
  return {
    async before(u) {
      await client.createEntity({
        partitionKey: partitionKey(u),
        rowKey: 'response',
        ...response(u),
      });
    },
    async op(u, i) {
      let etag: string | undefined;
      const filter = odata`PartitionKey eq ${partitionKey(u)}`;
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
      const pk = partitionKey(u);
      await client.submitTransaction([
        ['create', { partitionKey: pk, rowKey: `measure|bench-${u}-${i}`, ...measure }],
        ['update', { partitionKey: pk, rowKey: 'response', ...response(u) }, 'Replace', { etag }],
      ]);
    },
    async close() {
      await client.deleteTable();
    },
  };
}
