import type { Koonti } from '../domain/koonti';
import { type Lang, localize } from '../domain/localized-text';
import { OrganisationKind } from '../domain/round';
import { t as message, truncate } from '../../cards';
import { reportLine } from './report-lines';
import { type SafeHtml, html } from './html-tag';
import { reportStrings } from './strings';

/**
 * Three charts as inline SVG, written by hand. Series differ by fill *and* outline, values
 * are printed beside the bars, and each chart has a `<title>`, a `<desc>` summing it up in
 * words and an aria-label, so nothing rides on colour alone or on seeing the picture.
 */
const INK = '#1f4e79';
const n = (x: number) => (Math.round(x * 10) / 10).toString();

function svg(
  id: string,
  size: { width: number; height: number },
  title: string,
  desc: string,
  body: SafeHtml[],
): SafeHtml {
  const { width, height } = size;
  return html`<svg xmlns="http://www.w3.org/2000/svg" id="${id}" role="img" aria-label="${title}" aria-describedby="${id}-desc" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif" font-size="12"><title>${title}</title><desc id="${id}-desc">${desc}</desc>${body}</svg>`;
}

function legend(y: number, solid: string, outlined: string): SafeHtml {
  return html`<rect x="10" y="${y}" width="12" height="12" fill="${INK}"/><text x="28" y="${y + 10}">${solid}</text><rect x="180" y="${y}" width="12" height="12" fill="#fff" stroke="${INK}" stroke-width="1.5"/><text x="198" y="${y + 10}">${outlined}</text>`;
}

/** (a) Answers by kind of organisation: answered and not answered side by side. */
export function kindsChart(k: Koonti, lang: Lang): SafeHtml {
  const s = reportStrings(lang, k.round);
  const byKind = k.totals.byKind as Partial<Koonti['totals']['byKind']>;
  const rows = OrganisationKind.options.flatMap((kind) => {
    const t = byKind[kind];
    return t && t.organisations > 0 ? [{ kind, ...t, missing: t.organisations - t.submitted }] : [];
  });
  const width = 520;
  const height = 250;
  const top = 50;
  const base = height - 40;
  const max = Math.max(1, ...rows.map((r) => Math.max(r.submitted, r.missing)));
  const group = (width - 40) / Math.max(1, rows.length);
  const bar = Math.min(44, group / 3);
  const desc = rows
    .map((r) => reportLine(lang, 'kindSummary', { ...r, kind: s.kindPlural[r.kind] }))
    .join('; ');
  const out = [legend(10, s.answered, s.notAnswered)];
  rows.forEach((r, i) => {
    const x0 = 20 + i * group + group / 2 - bar;
    for (const [j, value] of [r.submitted, r.missing].entries()) {
      const h = ((base - top) * value) / max;
      const x = x0 + j * bar;
      const style =
        j === 0 ? html`fill="${INK}"` : html`fill="#fff" stroke="${INK}" stroke-width="1.5"`;
      out.push(
        html`<rect x="${n(x + 2)}" y="${n(base - h)}" width="${n(bar - 4)}" height="${n(h)}" ${style}/>`,
        html`<text x="${n(x + bar / 2)}" y="${n(base - h - 4)}" text-anchor="middle">${value}</text>`,
      );
    }
    out.push(
      html`<text x="${n(x0 + bar)}" y="${base + 18}" text-anchor="middle">${s.kindPlural[r.kind]}</text>`,
    );
  });
  out.push(html`<line x1="10" y1="${base}" x2="${width - 10}" y2="${base}" stroke="#555"/>`);
  return svg('chart-kinds', { width, height }, s.chartKinds, desc, out);
}

/** (b) Measures, and measures carrying at least one flag, per goal as horizontal bars. */
export function goalsChart(k: Koonti, lang: Lang): SafeHtml {
  const s = reportStrings(lang, k.round);
  const rows = k.goals.map((g, i) => ({
    label: `${i + 1}. ${localize(g.goal.title, lang)}`,
    measures: g.measures.length,
    flagged: g.measures.reduce((sum, m) => sum + (m.flags.length > 0 ? 1 : 0), 0),
  }));
  const width = 720;
  const labelWidth = 250;
  const rowHeight = 36;
  const top = 36;
  const height = top + rows.length * rowHeight + 10;
  const max = Math.max(1, ...rows.map((r) => r.measures));
  const scale = (width - labelWidth - 60) / max;
  const desc = rows
    .map((r) =>
      reportLine(lang, 'goalChartSummary', {
        ...r,
        goal: r.label,
        measures: message(lang, 'count.measures', { count: r.measures }),
      }),
    )
    .join('; ');
  const out = [legend(8, s.measuresLegend, s.flaggedLegend)];
  rows.forEach((r, i) => {
    const y = top + i * rowHeight;
    out.push(
      html`<text x="${labelWidth - 8}" y="${y + 18}" text-anchor="end"><title>${r.label}</title>${truncate(r.label, 36)}</text>`,
      html`<rect x="${labelWidth}" y="${y + 4}" width="${n(r.measures * scale)}" height="12" fill="${INK}"/>`,
      html`<text x="${n(labelWidth + r.measures * scale + 6)}" y="${y + 14}">${r.measures}</text>`,
      html`<rect x="${labelWidth}" y="${y + 19}" width="${n(r.flagged * scale)}" height="12" fill="#fff" stroke="${INK}" stroke-width="1.5"/>`,
      html`<text x="${n(labelWidth + r.flagged * scale + 6)}" y="${y + 29}">${r.flagged}</text>`,
    );
  });
  return svg('chart-goals', { width, height }, s.chartGoals, desc, out);
}
