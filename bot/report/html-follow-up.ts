import { PROGRESS_OR_NONE } from '../domain/answers/follow-up';
import type { Koonti, KoontiGoal } from '../domain/koonti';
import { type Lang, localize } from '../domain/localized-text';
import { t, carriedTotal, progressWords, truncate } from '../../cards';
import { reportLine } from './report-lines';
import { type SafeHtml, html, join } from './html-tag';
import { reportStrings } from './strings';

/** One shade per progress, each segment also labelled with its word and count (not colour alone). */
const SHADES = {
  done: '#1f4e79',
  ongoing: '#5b8cc0',
  notStarted: '#c9d9ea',
  dropped: '#ffffff',
  none: '#eeeeee',
} as const;

/**
 * Last year's measures by progress per goal, as stacked horizontal bars: each segment's
 * count printed inside the `<title>`, and the row's words printed beside the bar.
 */
export function followUpChart(k: Koonti, lang: Lang): SafeHtml {
  const s = reportStrings(lang, k.round);
  const rows = k.goals.map((g, i) => ({
    label: `${i + 1}. ${localize(g.goal.title, lang)}`,
    total: carriedTotal(g.followUp),
    words: progressWords(lang, g.followUp) || '0',
    carried: g.followUp.carried,
  }));
  const width = 720;
  const labelWidth = 250;
  const barWidth = 200;
  const rowHeight = 28;
  const height = rows.length * rowHeight + 10;
  const max = Math.max(1, ...rows.map((r) => r.total));
  const scale = barWidth / max;
  const desc = rows
    .map((r) => reportLine(lang, 'followUpChartSummary', { goal: r.label, carried: r.words }))
    .join('; ');
  const out: SafeHtml[] = [];
  rows.forEach((r, i) => {
    const y = 6 + i * rowHeight;
    out.push(
      html`<text x="${labelWidth - 8}" y="${y + 13}" text-anchor="end"><title>${r.label}</title>${truncate(r.label, 36)}</text>`,
    );
    let x = labelWidth;
    for (const p of PROGRESS_OR_NONE) {
      const w = r.carried[p] * scale;
      if (w <= 0) continue;
      const word = t(lang, `report.progress.${p}`);
      out.push(
        html`<rect x="${x.toFixed(1)}" y="${y + 2}" width="${w.toFixed(1)}" height="14" fill="${SHADES[p]}" stroke="#1f4e79" stroke-width="1"><title>${word}: ${r.carried[p]}</title></rect>`,
      );
      x += w;
    }
    out.push(html`<text x="${(x + 6).toFixed(1)}" y="${y + 13}">${r.words}</text>`);
  });
  const title = s.chartFollowUp;
  return html`<svg xmlns="http://www.w3.org/2000/svg" id="chart-follow-up" role="img" aria-label="${title}" aria-describedby="chart-follow-up-desc" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif" font-size="12"><title>${title}</title><desc id="chart-follow-up-desc">${desc}</desc>${out}</svg>`;
}

/** Under one goal: carried measures by progress, the new ones, the dropped ones and why. */
export function followUpSection(g: KoontiGoal, lang: Lang, k: Koonti): SafeHtml {
  const s = reportStrings(lang, k.round);
  const f = g.followUp;
  const names = new Map(k.round.organisations.map((o) => [o.id, o.name]));
  const line = reportLine(lang, 'followUpGoal', {
    carried: progressWords(lang, f) || '0',
    new: f.new,
  });
  const dropped = f.dropped.map(
    (d) =>
      html`<li>${reportLine(lang, 'droppedItem', {
        organisation: names.get(d.organisationId) ?? d.organisationId,
        description: d.description,
        reason: d.reason || '–',
      })}</li>`,
  );
  return join(
    [
      html`<p class="follow-up">${line}</p>`,
      ...(dropped.length ? [html`<p>${s.droppedHeading}:</p><ul>${dropped}</ul>`] : []),
    ],
    '\n',
  );
}
