import type { Measure } from '../bot/domain/answers/measure';
import { measureVersion } from '../bot/domain/audit/changes';
import type { Version } from '../bot/domain/audit/version';
import { mapBounded } from '../bot/lib/map-bounded';
import { roundHistory } from '../bot/record';
import { createStores, TABLES } from '../storage';
import { AzureTableService } from '../storage/azure-table';
import { sheetKey } from '../storage/responses';
import type { TableOp } from '../storage/table';
import { packVersions, sheetVersionOps } from '../storage/version-rows';
import { round, sheets } from './compile';
import { median } from './load';
import type { Result } from './result';

const RUNS = 3;

/**
 * Text as people write it, compressing as prose does (not the one sentence the compile
 * benchmark repeats): words drawn from a vocabulary by a fixed pseudo-random sequence.
 */
const WORDS = (
  'hyvinvointi terveys liikunta neuvonta palvelu ikääntyneet nuoret lapset perheet kunta alue ' +
  'järjestö yhteistyö verkosto kohderyhmä mittari toteutus suunnitelma vastuu seuranta kehittäminen ' +
  'osallisuus yksinäisyys mielenterveys päihteet ravitsemus uni koulu työllisyys asuminen kulttuuri ' +
  'harrastus matalan kynnyksen ohjaus kysely tavoite vähentäminen lisääminen ryhmä kokoontuminen ' +
  'syksy kevät vuosittain kuukausittain viikoittain kaupunki hyvinvointialue sote sivistys vapaaehtoiset'
).split(' ');
let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const prose = (n: number) =>
  Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
const VERSIONS_PER_MEASURE = 3;

/**
 * `history_15k_ms`: the history JSON of a round of 15 000 measures (300 organisations, 10
 * goals, 5 measures each), each with 3 versions (created, then two edits by another person),
 * read from Azurite as `hyte round history ID --json` reads it, and serialised.
 */
export async function history(connectionString: string): Promise<Result[]> {
  const service = new AzureTableService({ connectionString }, `bhist${Date.now() % 1e6}`);
  const stores = createStores(service);
  const r = round(300);
  await stores.rounds.save({ ...r, id: 'bench-history' });
  const data = sheets(r, 5);
  const table = service.table(TABLES.responses);
  const by = (u: number) => ({ tenantId: 't', aadObjectId: `user-${u}`, name: `Käyttäjä ${u}` });
  let stored = 0;
  // Seeded straight into the partitions, a hundred rows to a transaction, as saves would leave them.
  const organisations = [...data];
  await mapBounded(organisations, 8, async ([organisationId, sheet]) => {
    const o = organisations.findIndex(([id]) => id === organisationId);
    const ids = { roundId: 'bench-history', organisationId };
    const ops: TableOp[] = [];
    // The versions as saves leave them: the latest ones in the response record, earlier ones
    // in blocks.
    let latest: Version[] = [];
    const keep = (v: Version) => {
      const kept = sheetVersionOps(latest, [v], () => '');
      ops.push(...kept.ops);
      latest = kept.latest;
    };
    sheet.measures.forEach(({ value: template }: { value: Measure }, i: number) => {
      const at = (k: number) => new Date(Date.UTC(2025, 8, 1, 8, k, i));
      const m = {
        ...template,
        description: prose(24),
        owner: prose(3),
        metrics: prose(5),
        targetGroup: prose(3),
      };
      const edited = { ...m, owner: prose(4), metrics: prose(6) };
      const final = { ...edited, notes: prose(12) };
      ops.push({ kind: 'create', rowKey: `measure|${m.id}`, doc: final });
      keep(measureVersion(ids, undefined, m, by(o), at(0)));
      keep(measureVersion(ids, m, edited, by(o + 1), at(1)));
      keep(measureVersion(ids, edited, final, by(o + 1), at(2)));
    });
    ops.push({
      kind: 'create',
      rowKey: 'response',
      doc: { ...ids, state: 'submitted', latest: packVersions(latest) },
    });
    for (let i = 0; i < ops.length; i += 100)
      await table.transact(sheetKey('bench-history', organisationId), ops.slice(i, i + 100));
    stored += sheet.measures.length * VERSIONS_PER_MEASURE;
  });
  const runs: number[] = [];
  const reads: number[] = [];
  const cpus: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const h = await roundHistory(stores, 'bench-history');
    reads.push(performance.now() - started);
    const json = JSON.stringify(h);
    runs.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
    bytes = Buffer.byteLength(json);
    if (h.versions.length !== stored)
      throw new Error(`read back ${h.versions.length} of ${stored}`);
  }
  return [
    {
      key: 'history_15k_ms',
      value: median(runs),
      unit: 'ms',
      n: stored,
      notes: `hyte round history --json of 15 000 measures × ${VERSIONS_PER_MEASURE} versions (${stored} versions, ${(bytes / 2 ** 20).toFixed(1)} MiB of JSON) from Azurite: the sheets found by their response records, the latest versions from the response records and blocks of earlier ones read in id-prefix groups of at most 128 organisations, side by side (${median(reads).toFixed(0)} ms), merged in time order and serialised; median of ${RUNS} (${runs.map((x) => x.toFixed(0)).join(', ')} ms; this process's CPU ${median(cpus).toFixed(0)} ms, the rest is Azurite's)`,
    },
  ];
}
