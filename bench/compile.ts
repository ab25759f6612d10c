import { median } from './load';
import { summaryCard } from '../cards';
import { compileKoonti } from '../bot/domain/koonti';
import type { Measure } from '../bot/domain/answers/measure';
import type { OrganisationSheet } from '../bot/domain/ports';
import type { Round } from '../bot/domain/round';
import { REPORT_FORMAT_INFO, type ReportFormat } from '../bot/report';
import { createStores } from '../storage';
import { AzureTableService } from '../storage/azure-table';
import { benchRound } from './bench-round';
import type { Result } from './result';

const TEXT =
  'Liikuntaneuvonnan palveluketju kuntien ja hyvinvointialueen välille; ryhmätoimintaa ikääntyneille ja vähän liikkuville. ';
/** The download formats (the page is timed with the compile: it is what people wait on). */
const DOWNLOADS: ReportFormat[] = ['csv', 'xlsx', 'md', 'docx'];
const MB = 2 ** 20;

export const round = (organisations: number) =>
  benchRound('bench-compile', organisations, undefined, 10);

export function sheets(r: Round, perGoal: number): Map<string, OrganisationSheet> {
  const out = new Map<string, OrganisationSheet>();
  let n = 0;
  r.organisations.forEach((o, oi) => {
    const measures = r.goals.flatMap((g) =>
      Array.from({ length: perGoal }, () => {
        n++;
        const m: Measure = {
          id: `measure-${String(n).padStart(7, '0')}`,
          goalId: g.id,
          description: TEXT,
          owner: 'Hyvinvointikoordinaattori',
          partners: [`org-${(oi + 1) % r.organisations.length}`],
          partnersOther: '',
          metrics: n % 3 ? 'Osallistujamäärä' : '',
          targetGroup: 'Ikääntyneet',
          timeframe: '2025–2029',
          notes: '',
          concrete: 'yes',
          changeBy2029: 'partly',
          plan: 'intensify',
          createdAt: '2025-09-01T08:00:00.000Z',
          createdBy: 'A',
          updatedAt: '2025-09-01T08:00:00.000Z',
          updatedBy: 'A',
        };
        return { value: m, etag: 'e' };
      }),
    );
    out.set(o.id, {
      response: { etag: 'e', value: { roundId: r.id, organisationId: o.id, state: 'submitted' } },
      measures,
    });
  });
  return out;
}

/** What `koonti` and the report page wait on: compile, the summary card, the HTML page. */
async function timeCompile(r: Round, s: Map<string, OrganisationSheet>) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const k = compileKoonti(r, s, { now: new Date() });
  summaryCard({ lang: 'fi', timeZone: 'Europe/Helsinki', koonti: k });
  await REPORT_FORMAT_INFO.html.render(k, 'fi', 'Europe/Helsinki');
  return { ms: performance.now() - started, cpuMs: cpuMs(cpu), k };
}

/** Process CPU time since `since` (all threads, zlib's too): steadier than wall time on a busy machine. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
}

/** Each download format alone, on a compiled koonti: one download asks for one format. */
async function timeDownloads(r: Round, s: Map<string, OrganisationSheet>) {
  const k = compileKoonti(r, s, { now: new Date() });
  const ms: Record<string, number> = {};
  for (const f of DOWNLOADS) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    await REPORT_FORMAT_INFO[f].render(k, 'fi', 'Europe/Helsinki');
    ms[f] = performance.now() - started;
    ms[`${f}Cpu`] = cpuMs(cpu);
  }
  return ms;
}

const RUNS = 3;

/** RSS at its peak (sampled every 5 ms) while `fn` runs. */
async function peakRss(fn: () => Promise<unknown>): Promise<{ before: number; peak: number }> {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    await fn();
  } finally {
    clearInterval(sampler);
  }
  return { before, peak: Math.max(peak, process.memoryUsage().rss) };
}

/** Stores 15 000 measures in Azurite, then times `koonti`: read, compile, summary card. */
async function timeKoonti(
  connectionString: string,
  r: Round,
  data: Map<string, OrganisationSheet>,
) {
  const stores = createStores(
    new AzureTableService({ connectionString }, `bcmp${Date.now() % 1e6}`),
  );
  await stores.rounds.save(r);
  for (const [orgId, sheet] of data)
    await Promise.all([
      ...sheet.measures.map((m) => stores.responses.createMeasure(r.id, orgId, m.value)),
      sheet.response && stores.responses.saveResponse(sheet.response.value, undefined),
    ]);
  const ids = r.organisations.map((o) => o.id);
  const runs: Array<{ read: number; total: number }> = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const read = await stores.responses.listSheets(r.id, ids);
    const readMs = performance.now() - started;
    const k = compileKoonti(r, read, { now: new Date() });
    summaryCard({ lang: 'fi', timeZone: 'Europe/Helsinki', koonti: k });
    if (k.totals.measures !== ids.length * r.goals.length * 5)
      throw new Error(`read back ${k.totals.measures} measures`);
    runs.push({ read: readMs, total: performance.now() - started });
  }
  const scanStart = performance.now();
  await stores.responses.listSheets(r.id);
  const scanMs = performance.now() - scanStart;
  const all = runs.map((x) => x.total.toFixed(0)).join(', ');
  runs.sort((a, b) => a.total - b.total);
  return {
    all,
    median: runs[Math.floor(RUNS / 2)] ?? runs[0]!,
    scanMs,
    measures: ids.length * r.goals.length * 5,
  };
}

export async function compile(connectionString: string): Promise<Result[]> {
  const small = { r: round(30), s: sheets(round(30), 5) };
  const big = { r: round(300), s: sheets(round(300), 5) };
  const smallMs = (await timeCompile(small.r, small.s)).ms;

  // The first run at full size (cold code, the spreadsheet library loading) gives the RSS
  // growth; the median of the warm runs after it is what a running server answers in.
  let first: Record<string, number> = {};
  const rss = await peakRss(async () => {
    await timeCompile(big.r, big.s);
    first = await timeDownloads(big.r, big.s);
  });
  const compileRuns: number[] = [];
  const compileCpu: number[] = [];
  const downloadRuns: Array<Record<string, number>> = [];
  for (let i = 0; i < RUNS; i++) {
    const c = await timeCompile(big.r, big.s);
    compileRuns.push(c.ms);
    compileCpu.push(c.cpuMs);
    downloadRuns.push(await timeDownloads(big.r, big.s));
  }
  const compiled = { ms: median(compileRuns), measures: big.r.organisations.length * 50 };
  const downloads = Object.fromEntries(
    DOWNLOADS.map((f) => [f, median(downloadRuns.map((d) => d[f] ?? 0))]),
  );
  const downloadCpu = Object.fromEntries(
    DOWNLOADS.map((f) => [f, median(downloadRuns.map((d) => d[`${f}Cpu`] ?? 0))]),
  );
  // Before the 150 000-measure run, whose garbage would be collected during the reads.
  const koonti = await timeKoonti(connectionString, big.r, big.s);
  const hugeRound = round(1000);
  const huge = await timeCompile(hugeRound, sheets(hugeRound, 15));

  const [slowest, slowestMs] = Object.entries(downloads).sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  const each = Object.entries(downloads)
    .map(([f, ms]) => `${f} ${ms.toFixed(0)} ms (CPU ${(downloadCpu[f] ?? 0).toFixed(0)} ms)`)
    .join(' · ');
  const linear = `1 500: ${smallMs.toFixed(0)} ms · 15 000: ${compiled.ms.toFixed(0)} ms · 150 000: ${huge.ms.toFixed(0)} ms`;
  return [
    {
      key: 'compile_15k_measures_ms',
      value: compiled.ms,
      unit: 'ms',
      n: compiled.measures,
      notes: `compile + summary card + HTML report page, median of ${RUNS} warm runs (${compileRuns.map((x) => x.toFixed(0)).join(', ')} ms; CPU ${median(compileCpu).toFixed(0)} ms); ${linear}`,
    },
    {
      key: 'export_15k_max_ms',
      value: slowestMs,
      unit: 'ms',
      n: compiled.measures,
      notes: `slowest single download format (${slowest}), each rendered alone from a compiled koonti, median of ${RUNS} warm runs: ${each}; first (cold) run: ${DOWNLOADS.map((f) => `${f} ${(first[f] ?? 0).toFixed(0)} ms`).join(' · ')}`,
    },
    {
      key: 'compile_rss_delta_mb',
      value: (rss.peak - rss.before) / MB,
      unit: 'MB',
      n: compiled.measures,
      notes: `RSS growth (peak minus before, sampled every 5 ms) while compiling 15 000 measures and rendering the card, HTML, CSV, XLSX, markdown and DOCX one after another, first run at that size (cold code; the spreadsheet and word-processing libraries load on first use and count)`,
    },
    {
      key: 'compile_peak_rss_mb',
      value: rss.peak / MB,
      unit: 'MB',
      n: compiled.measures,
      notes: `process RSS at its peak while compiling and rendering every format of 15 000 measures (${(rss.before / MB).toFixed(0)} MB before)`,
    },
    {
      key: 'koonti_15k_end_to_end_ms',
      value: koonti.median.total,
      unit: 'ms',
      n: koonti.measures,
      notes: `median of ${RUNS} (${koonti.all} ms): read 300 partitions from Azurite in id-prefix groups of at most 16 organisations, 8 reads at a time (${koonti.median.read.toFixed(0)} ms), compile, summary card; one sequential scan of the same data takes ${koonti.scanMs.toFixed(0)} ms`,
    },
  ];
}
