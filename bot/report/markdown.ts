import type { Koonti, KoontiMeasure } from '../domain/koonti';
import { type Lang, localize } from '../domain/localized-text';
import { stripInvalidXml } from './escape';
import { formatDateTime, formatPercent } from '../../cards';
import { pointsMarkdown } from './points';
import { goalSummary, reportLine } from './report-lines';
import { type FieldTable, MEASURE_FIELDS, reportOrder } from '../domain/answers/measure-fields';
import { type FieldText, fieldText, flagNames } from './rows';
import { type ReportStrings, reportStrings } from './strings';
import { Utf8Text } from './utf8';

/** Punctuation that starts emphasis, links, images, code, HTML, mentions, entities or tables. */
const INLINE = /[\\`*_{}[\]()<>#+!|~&]/g;
/** List, setext heading and ordered-list markers, at a line start. */
const LINE_START = /^(?:[-=]|\d+[.)])/;
/** Anything escapeMarkdown would change; most cells have none and skip the work. */
const NEEDS_WORK = /[\\`*_{}[\]()<>#+!|~&\r\n]|^(?:\s|[-=]|\d+[.)])|\s$/;

function escapeLine(line: string): string {
  const escaped = line.trim().replace(INLINE, '\\$&');
  return LINE_START.test(escaped) ? escaped.replace(/^(\d*)(.)/, '$1\\$2') : escaped;
}

/**
 * Respondent text as literal markdown (CommonMark/GFM): `[x](http://evil)`, `<at>…</at>`,
 * `**`, `&amp;` and table pipes are backslash-escaped; at a line start, list, heading and
 * setext markers are escaped and indentation dropped (no code blocks). Line breaks become
 * hard breaks (a trailing backslash), blank lines are dropped so the text stays in its list
 * item, and control characters go.
 */
export function escapeMarkdown(text: string): string {
  const clean = stripInvalidXml(text);
  if (!NEEDS_WORK.test(clean)) return clean;
  if (!/[\r\n]/.test(clean)) return escapeLine(clean);
  return clean
    .split(/\r\n?|\n/)
    .map(escapeLine)
    .filter((line) => line !== '')
    .join('\\\n');
}

/** Text for a heading or table cell: one line. */
const oneLine = (text: string) => escapeMarkdown(text).replace(/\\\n/g, ' ');

/** `- label: value`, continuation lines indented to stay inside the item. */
function item(indent: string, label: string, value: string): string {
  const v = escapeMarkdown(value).replace(/\n/g, `\n${indent}  `);
  return `${indent}- ${label}: ${v || '–'}`;
}

function measureItem(m: KoontiMeasure, s: ReportStrings, text: FieldText, table: FieldTable) {
  const title = table.find((f) => f.title);
  const head = title ? escapeMarkdown(text(m, title)).replace(/\n/g, '\n  ') : '';
  const draft = m.draft ? ` (${text.draftMarker})` : '';
  const out = [`- **${oneLine(m.organisation.name)}**${draft}: ${head}`];
  for (const f of reportOrder(table)) {
    if (!f.report.list) continue;
    const value = [text(m, f), ...text.joined(m, f)].filter(Boolean).join(', ');
    if (value || f.report.list === 'always') out.push(item('  ', text.heading(f), value));
  }
  if (m.flags.length) out.push(`  - ⚑ ${s.col.flags}: ${flagNames(m, s)}`);
  return out;
}

/**
 * The koonti as markdown in the reader's language: totals, then a section per goal (priority
 * area) in round order with its measures as lists, who did not answer, and the
 * organisation-level answers. All respondent and round text goes through `escapeMarkdown`.
 */
export function reportMarkdownBytes(
  k: Koonti,
  lang: Lang,
  timeZone: string,
  table: FieldTable = MEASURE_FIELDS,
): Buffer {
  const s = reportStrings(lang, k.round);
  const text = fieldText(k, lang, table);
  const t = k.totals;
  const out = new Utf8Text();
  out.line(
    `# ${s.title}: ${oneLine(localize(k.round.title, lang))}`,
    '',
    `- ${s.region}: ${oneLine(k.round.region)}`,
    `- ${s.meeting}: ${formatDateTime(lang, k.round.meetingAt, timeZone, 'numeric')}`,
    `- ${s.generated}: ${formatDateTime(lang, k.generatedAt, timeZone, 'numeric')}`,
    `- ${s.responseRate}: ${formatPercent(lang, t.responseRate)} (${reportLine(lang, 'submittedOf', { submitted: t.submitted, organisations: t.organisations })})`,
    `- ${s.measuresTotal}: ${t.measures}`,
    '',
  );
  if (k.includeDrafts) out.line(`*${s.draftsIncluded}*`, '');
  out.line(`## ${s.goalsHeading}`, '');
  k.goals.forEach((g, i) => {
    out.line(`### ${i + 1}\\. ${oneLine(localize(g.goal.title, lang))}`, '');
    out.line(goalSummary(lang, g.measures.length, g.organisationIds.length), '');
    if (g.noCooperation) out.line(`> ${s.noCooperation}`, '');
    out.line(...pointsMarkdown(g, lang, timeZone, escapeMarkdown));
    if (g.measures.length === 0) out.line(s.noMeasures, '');
    for (const m of g.measures) out.line(...measureItem(m, s, text, table));
    if (g.measures.length) out.line('');
  });
  out.line(`## ${s.notAnsweredHeading}`, '');
  if (k.notAnswered.length === 0) out.line(s.allAnswered);
  for (const o of k.notAnswered) out.line(`- ${oneLine(o.name)}: ${s.state[o.state]}`);
  out.line('', `## ${s.orgAnswersHeading}`, '', `### ${s.ratingsHeading}`, '');
  const cols = ['yes', 'partly', 'no', 'unanswered'] as const;
  out.line(`| ${s.col.question} | ${cols.map((c) => s.rating[c]).join(' | ')} |`);
  out.line(`| --- |${' ---: |'.repeat(cols.length)}`);
  for (const q of ['dataFromCounty', 'expertSupport', 'networksWork'] as const)
    out.line(
      `| ${s.question[q]} | ${cols.map((c) => k.organisationAnswers.ratings[q][c]).join(' | ')} |`,
    );
  out.line('', `### ${s.textsHeading}`, '');
  if (k.organisationAnswers.texts.length === 0) out.line(s.noTexts, '');
  let current: string | undefined;
  for (const x of k.organisationAnswers.texts) {
    if (x.organisationId !== current) {
      if (current !== undefined) out.line('');
      out.line(`#### ${oneLine(x.organisationName)}`, '');
      current = x.organisationId;
    }
    const label = x.field in s.field ? s.field[x.field as keyof typeof s.field] : x.field;
    out.line(item('', label, x.text));
  }
  return out.bytes();
}

/** The same markdown as a string. */
export function renderReportMarkdown(
  k: Koonti,
  lang: Lang,
  timeZone: string,
  table: FieldTable = MEASURE_FIELDS,
): string {
  return reportMarkdownBytes(k, lang, timeZone, table).toString('utf8');
}
