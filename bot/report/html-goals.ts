import { QUALITY_FLAGS, type KoontiGoal, type KoontiMeasure } from '../domain/koonti';
import { type Lang, localize } from '../domain/localized-text';
import { escapeHtml as e } from './escape';
import { goalSummary } from './format';
import { partnerNames } from './rows';
import { type ReportStrings, reportStrings } from './strings';

const COLUMNS = [
  'organisation',
  'description',
  'owner',
  'partners',
  'metrics',
  'targetGroup',
  'timeframe',
  'plan',
  'changeBy2029',
  'flags',
] as const;

function measureRow(m: KoontiMeasure, s: ReportStrings): string {
  const x = m.measure;
  const other = x.partnersOther ? `<div class="other">${e(x.partnersOther)}</div>` : '';
  const notes = x.notes ? `<div class="notes">${e(s.col.notes)}: ${e(x.notes)}</div>` : '';
  const flags = m.flags.map((f) => `<span class="flag">${e(s.flag[f])}</span>`).join('');
  return (
    `<tr><td>${e(m.organisation.name)}</td><td>${e(x.description)}${notes}</td>` +
    `<td>${e(x.owner)}</td><td>${e(partnerNames(m))}${other}</td><td>${e(x.metrics)}</td>` +
    `<td>${e(x.targetGroup)}</td><td>${e(x.timeframe)}</td>` +
    `<td>${x.plan ? e(s.plan[x.plan]) : ''}</td>` +
    `<td>${x.changeBy2029 ? e(s.change[x.changeBy2029]) : ''}</td><td>${flags}</td></tr>`
  );
}

/**
 * One goal (priority area) as the seed koonti lays it out: title, how many measures and
 * organisations, a note when no cooperation is visible, then every measure in a table.
 */
export function goalSection(g: KoontiGoal, index: number, lang: Lang): string {
  const s = reportStrings[lang];
  const out = [
    `<section class="goal" id="goal-${e(g.goal.id)}">`,
    `<h3>${index + 1}. ${e(localize(g.goal.title, lang))}</h3>`,
  ];
  if (g.goal.description) out.push(`<p class="muted">${e(localize(g.goal.description, lang))}</p>`);
  out.push(`<p>${e(goalSummary(lang, g.measures.length, g.organisationIds.length))}</p>`);
  if (g.noCooperation) out.push(`<p class="note">${e(s.noCooperation)}</p>`);
  const counts = QUALITY_FLAGS.filter((f) => g.flagCounts[f] > 0).map(
    (f) => `${e(s.flag[f])}: ${g.flagCounts[f]}`,
  );
  if (counts.length) out.push(`<p>${e(s.flagCounts)}: ${counts.join(' · ')}</p>`);
  if (g.measures.length === 0) {
    out.push(`<p class="muted">${e(s.noMeasures)}</p></section>`);
    return out.join('\n');
  }
  out.push(
    '<table><thead><tr>',
    COLUMNS.map((c) => `<th scope="col">${e(s.col[c])}</th>`).join(''),
    '</tr></thead><tbody>',
  );
  for (const m of g.measures) out.push(measureRow(m, s));
  out.push('</tbody></table></section>');
  return out.join('\n');
}
