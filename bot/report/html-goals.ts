import { QUALITY_FLAGS, type KoontiGoal, type KoontiMeasure } from '../domain/koonti';
import { type Lang, localize } from '../domain/localized-text';
import type { Round } from '../domain/round';
import { goalSummary } from './report-lines';
import { type SafeHtml, html, join, raw } from './html-tag';
import {
  type FieldDef,
  type FieldTable,
  MEASURE_FIELDS,
  reportOrder,
} from '../domain/answers/measure-fields';
import type { FieldText } from './rows';
import { pointsHtml } from './points';
import { type ReportStrings, reportStrings } from './strings';

function measureRow(m: KoontiMeasure, s: ReportStrings, text: FieldText, table: FieldTable) {
  const notes = table
    .filter((f) => f.report.page === 'note' && text(m, f))
    .map((f) => html`<div class="notes">${text.heading(f)}: ${text(m, f)}</div>`);
  const cell = (f: FieldDef) => {
    const joined = text.joined(m, f).map((x) => html`<div class="other">${x}</div>`);
    return f.title
      ? html`<th scope="row">${text(m, f)}${notes}${joined}</th>`
      : html`<td>${text(m, f)}${joined}</td>`;
  };
  const flags = m.flags.map((f) => html`<span class="flag">${s.flag[f]}</span>`);
  return html`<tr><td>${text.organisation(m)}</td>${pageColumns(table).map(cell)}<td>${flags}</td></tr>`;
}

const pageColumns = (table: FieldTable) =>
  reportOrder(table).filter((f) => f.report.page === 'column');

/**
 * The measure table's columns in order: the organisation, the fields with a page column and
 * the flags. The title field's cell is the row's header (`th scope="row"`): a screen reader
 * names the measure with every cell of its row, and on a phone it heads the measure's block.
 */
export function measureColumns(
  s: ReportStrings,
  text: FieldText,
  table: FieldTable = MEASURE_FIELDS,
): Array<{ heading: string; rowHeader: boolean }> {
  return [
    { heading: s.col.organisation, rowHeader: false },
    ...pageColumns(table).map((f) => ({ heading: text.heading(f), rowHeader: !!f.title })),
    { heading: s.col.flags, rowHeader: false },
  ];
}

/**
 * One goal (priority area) as the seed koonti lays it out: title, how many measures and
 * organisations, a note when no cooperation is visible, then every measure in a table whose
 * columns are the fields with a page column (`text`: see fieldText). On a phone the table
 * shows each measure as a block of labelled lines (see REPORT_CSS).
 */
export function goalSection(...args: Parameters<typeof goalSectionParts>): SafeHtml {
  return join([...goalSectionParts(...args)]);
}

/**
 * The same section in pieces, each measure's row one piece, so a page of 15 000 measures is
 * written row by row instead of as a string per goal and then per page.
 */
export function* goalSectionParts(
  g: KoontiGoal,
  index: number,
  lang: Lang,
  round: Pick<Round, 'planPeriod'>,
  text: FieldText,
  table: FieldTable = MEASURE_FIELDS,
  timeZone = 'Europe/Helsinki',
  followUp?: SafeHtml,
): Generator<SafeHtml> {
  const s = reportStrings(lang, round);
  const counts = QUALITY_FLAGS.filter((f) => g.flagCounts[f] > 0).map(
    (f) => html`${s.flag[f]}: ${g.flagCounts[f]}`,
  );
  const description = g.goal.description && localize(g.goal.description, lang);
  const headings = measureColumns(s, text, table).map((c) => c.heading);
  const lines = [
    html`<section class="goal" id="goal-${g.goal.id}">`,
    html`<h3>${index + 1}. ${localize(g.goal.title, lang)}</h3>`,
    description && html`<p class="muted">${description}</p>`,
    html`<p>${goalSummary(lang, g.measures.length, g.organisationIds.length)}</p>`,
    followUp,
    g.noCooperation && html`<p class="note">${s.noCooperation}</p>`,
    counts.length > 0 && html`<p>${s.flagCounts}: ${join(counts, ' · ')}</p>`,
    pointsHtml(g, lang, timeZone),
  ];
  const head = join(lines.filter(Boolean), '\n');
  if (g.measures.length === 0) {
    yield html`${head}\n<p class="muted">${s.noMeasures}</p></section>`;
    return;
  }
  yield html`${head}\n<table class="stack measures"><thead><tr>\n${headings.map((h) => html`<th scope="col">${h}</th>`)}\n</tr></thead><tbody>\n`;
  for (const [i, m] of g.measures.entries()) {
    if (i > 0) yield NEWLINE;
    yield measureRow(m, s, text, table);
  }
  yield html`\n</tbody></table></section>`;
}

const NEWLINE = raw('\n');
