import { compileKoonti } from '../bot/domain/koonti';
import type { Measure } from '../bot/domain/measure';
import type { OrganisationSheet } from '../bot/domain/ports';
import { Round } from '../bot/domain/round';
import { REPORT_FORMAT_INFO } from '../bot/report';
import { createStores } from '../storage';
import { AzureTableService } from '../storage/azure-table';
import { summaryCard } from '../cards';
import type { Result } from './result';

const TEXT =
  'Liikuntaneuvonnan palveluketju kuntien ja hyvinvointialueen välille; ryhmätoimintaa ikääntyneille ja vähän liikkuville. ';

function round(organisations: number): Round {
  return Round.parse({
    id: 'bench-compile',
    title: { fi: 'Kuormitustesti' },
    region: 'Bench',
    meetingAt: '2099-09-16T09:00:00+03:00',
    deadline: '2099-09-09T16:00:00+03:00',
    coordinators: [{ email: 'coordinator@example.fi' }],
    goals: Array.from({ length: 10 }, (_, g) => ({
      id: `goal-${g}`,
      title: { fi: `Tavoite ${g + 1}` },
    })),
    organisations: Array.from({ length: organisations }, (_, o) => ({
      id: `org-${o}`,
      name: `Organisaatio ${o}`,
      kind: o % 4 ? 'municipality' : 'ngo',
    })),
  });
}

function sheets(r: Round, perGoal: number): Map<string, OrganisationSheet> {
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

/** Compile + render (summary card, HTML, CSV, XLSX, markdown) of `organisations` × 10 × 5. */
async function timeCompile(
  organisations: number,
  perGoal = 5,
): Promise<{ ms: number; measures: number }> {
  const r = round(organisations);
  const s = sheets(r, perGoal);
  const started = performance.now();
  const k = compileKoonti(r, s, { now: new Date() });
  summaryCard({ lang: 'fi', timeZone: 'Europe/Helsinki', koonti: k });
  for (const f of Object.values(REPORT_FORMAT_INFO)) await f.render(k, 'fi');
  return { ms: performance.now() - started, measures: k.totals.measures };
}

export async function compile(connectionString: string): Promise<Result[]> {
  await timeCompile(30); // warm up
  const small = await timeCompile(30);
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const big = await timeCompile(300);
  peak = Math.max(peak, process.memoryUsage().rss);
  clearInterval(sampler);
  const huge = await timeCompile(1000, 15);

  // The storage read of 15 000 measures, reported apart.
  const stores = createStores(
    new AzureTableService({ connectionString }, `bcmp${Date.now() % 1e6}`),
  );
  const r = round(300);
  await stores.rounds.save(r);
  const data = sheets(r, 5);
  for (const [orgId, sheet] of data)
    await Promise.all(
      sheet.measures.map((m) => stores.responses.createMeasure(r.id, orgId, m.value)),
    );
  const readStart = performance.now();
  await stores.responses.listSheets(r.id);
  const readMs = performance.now() - readStart;

  const linear = `1 500: ${small.ms.toFixed(0)} ms · 15 000: ${big.ms.toFixed(0)} ms · 150 000: ${huge.ms.toFixed(0)} ms`;
  return [
    {
      key: 'compile_15k_measures_ms',
      value: big.ms,
      unit: 'ms',
      n: big.measures,
      notes: `compile + summary card + HTML + CSV + XLSX + markdown; ${linear}; storage read of 15 000 measures from Azurite ${readMs.toFixed(0)} ms (not included)`,
    },
    {
      key: 'compile_peak_rss_mb',
      value: peak / 2 ** 20,
      unit: 'MB',
      n: big.measures,
      notes: `process RSS at its peak while compiling and rendering 15 000 measures (${(rssBefore / 2 ** 20).toFixed(0)} MB before)`,
    },
  ];
}
