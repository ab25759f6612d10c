import { QUALITY_FLAGS, type KoontiGoal, type KoontiMeasure } from '../domain/koonti';
import { type Lang, localize } from '../domain/localized-text';
import type { Round } from '../domain/round';
import { goalSummary } from './format';
import { type SafeHtml, html, join } from './html-tag';
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

function measureRow(m: KoontiMeasure, s: ReportStrings): SafeHtml {
  const x = m.measure;
  const other = x.partnersOther && html`<div class="other">${x.partnersOther}</div>`;
  const notes = x.notes && html`<div class="notes">${s.col.notes}: ${x.notes}</div>`;
  const flags = m.flags.map((f) => html`<span class="flag">${s.flag[f]}</span>`);
  return html`<tr><td>${m.organisation.name}</td><td>${x.description}${notes}</td><td>${x.owner}</td><td>${partnerNames(m)}${other}</td><td>${x.metrics}</td><td>${x.targetGroup}</td><td>${x.timeframe}</td><td>${x.plan && s.plan[x.plan]}</td><td>${x.changeBy2029 && s.change[x.changeBy2029]}</td><td>${flags}</td></tr>`;
}

/**
 * One goal (priority area) as the seed koonti lays it out: title, how many measures and
 * organisations, a note when no cooperation is visible, then every measure in a table.
 */
export function goalSection(
  g: KoontiGoal,
  index: number,
  lang: Lang,
  round: Pick<Round, 'planPeriod'>,
): SafeHtml {
  const s = reportStrings(lang, round);
  const counts = QUALITY_FLAGS.filter((f) => g.flagCounts[f] > 0).map(
    (f) => html`${s.flag[f]}: ${g.flagCounts[f]}`,
  );
  const description = g.goal.description && localize(g.goal.description, lang);
  const rows = join(
    g.measures.map((m) => measureRow(m, s)),
    '\n',
  );
  const table =
    g.measures.length === 0
      ? html`<p class="muted">${s.noMeasures}</p>`
      : html`<table><thead><tr>\n${COLUMNS.map((c) => html`<th scope="col">${s.col[c]}</th>`)}\n</tr></thead><tbody>\n${rows}\n</tbody></table>`;
  const lines = [
    html`<section class="goal" id="goal-${g.goal.id}">`,
    html`<h3>${index + 1}. ${localize(g.goal.title, lang)}</h3>`,
    description && html`<p class="muted">${description}</p>`,
    html`<p>${goalSummary(lang, g.measures.length, g.organisationIds.length)}</p>`,
    g.noCooperation && html`<p class="note">${s.noCooperation}</p>`,
    counts.length > 0 && html`<p>${s.flagCounts}: ${join(counts, ' · ')}</p>`,
    html`${table}</section>`,
  ];
  return join(lines.filter(Boolean), '\n');
}
