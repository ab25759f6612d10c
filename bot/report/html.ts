import type { Koonti } from '../domain/koonti';
import { type Lang, localize } from '../domain/localized-text';
import { cooperationMap, mapNodes, topLinks } from './cooperation-map';
import { formatDateTime, formatPercent } from '../../cards';
import { linkText, reportLine } from './report-lines';
import { followUpChart, followUpSection } from './html-follow-up';
import { goalSectionParts, measureColumns } from './html-goals';
import { type FieldText, fieldText } from './rows';
import { REPORT_CSS, stackedLabels } from './html-style';
import { type SafeHtml, html, join, raw } from './html-tag';
import { goalsChart, kindsChart } from './svg-charts';
import { type ReportStrings, reportStrings } from './strings';
import { Utf8Text } from './utf8';

/**
 * Even if some text slipped past escaping, the page could load nothing and run nothing:
 * no scripts, no external resources, styles inline only.
 */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'";

const lines = (parts: Array<SafeHtml | false | undefined>) => join(parts.filter(Boolean), '\n');

function header(k: Koonti, lang: Lang, timeZone: string): SafeHtml {
  const s = reportStrings(lang, k.round);
  const t = k.totals;
  const submittedOf = reportLine(lang, 'submittedOf', {
    submitted: t.submitted,
    organisations: t.organisations,
  });
  return lines([
    html`<header><h1>${s.title}: ${localize(k.round.title, lang)}</h1>`,
    html`<p class="meta"><span>${s.region}: ${k.round.region}</span><span>${s.meeting}: ${formatDateTime(lang, k.round.meetingAt, timeZone, 'numeric')}</span><span>${s.generated}: ${formatDateTime(lang, k.generatedAt, timeZone, 'numeric')}</span></p>`,
    k.includeDrafts && html`<p class="note">${s.draftsIncluded}</p>`,
    html`</header>`,
    html`<section><h2>${s.totalsHeading}</h2><dl class="totals">`,
    html`<dt>${s.responseRate}</dt><dd>${formatPercent(lang, t.responseRate)} (${submittedOf})</dd>`,
    html`<dt>${s.drafts}</dt><dd>${t.draft}</dd>`,
    html`<dt>${s.measuresTotal}</dt><dd>${t.measures}</dd>`,
    html`</dl></section>`,
  ]);
}

function charts(k: Koonti, lang: Lang): SafeHtml {
  const s = reportStrings(lang, k.round);
  const links = topLinks(k);
  const more = k.cooperation.links.length - links.length;
  const { nodes, total } = mapNodes(k);
  const shown =
    nodes.length < total &&
    html`<p class="muted">${reportLine(lang, 'nodesShown', { shown: nodes.length, total })}</p>`;
  const items = links.map((l) => html`<li>${linkText(lang, l.from, l.to, l.measures)}</li>`);
  const rest = more > 0 && html`<li>${reportLine(lang, 'linksMore', { count: more })}</li>`;
  const list = links.length > 0 && html`<ul>${items}${rest}</ul>`;
  const figure = (caption: string, ...body: Array<SafeHtml | false>) =>
    html`<figure><figcaption>${caption}</figcaption>${body}</figure>`;
  return lines([
    html`<section><h2>${s.chartsHeading}</h2><div class="charts">`,
    figure(s.chartKinds, kindsChart(k, lang)),
    figure(s.chartGoals, goalsChart(k, lang)),
    figure(s.chartCooperation, cooperationMap(k, lang), shown, list),
    !!k.round.previousRound && figure(s.chartFollowUp, followUpChart(k, lang)),
    html`</div></section>`,
  ]);
}

function notAnswered(k: Koonti, lang: Lang): SafeHtml {
  const s = reportStrings(lang, k.round);
  const kind = new Map(k.round.organisations.map((o) => [o.id, o.kind]));
  const rows = k.notAnswered.map((o) => {
    const kd = kind.get(o.id);
    return html`<tr><td>${o.name}</td><td>${kd && s.kind[kd]}</td><td>${s.state[o.state]}</td></tr>`;
  });
  const head = html`<table><thead><tr><th scope="col">${s.col.organisation}</th><th scope="col">${s.col.kind}</th><th scope="col">${s.col.state}</th></tr></thead><tbody>`;
  return lines([
    html`<section id="not-answered"><h2>${s.notAnsweredHeading}</h2>`,
    ...(rows.length === 0
      ? [html`<p>${s.allAnswered}</p>`]
      : [head, ...rows, raw('</tbody></table>')]),
    html`</section>`,
  ]);
}

const RATING_COLUMNS = ['yes', 'partly', 'no', 'unanswered'] as const;

function organisationAnswers(k: Koonti, lang: Lang): SafeHtml {
  const s = reportStrings(lang, k.round);
  const { ratings, texts } = k.organisationAnswers;
  const out = [
    html`<section id="organisation-answers"><h2>${s.orgAnswersHeading}</h2><h3>${s.ratingsHeading}</h3>`,
    html`<table class="stack ratings"><thead><tr><th scope="col">${s.col.question}</th>${RATING_COLUMNS.map((c) => html`<th scope="col" class="num">${s.rating[c]}</th>`)}</tr></thead><tbody>`,
  ];
  for (const q of ['dataFromCounty', 'expertSupport', 'networksWork'] as const) {
    const cells = RATING_COLUMNS.map((c) => html`<td class="num">${ratings[q][c]}</td>`);
    out.push(html`<tr><th scope="row">${s.question[q]}</th>${cells}</tr>`);
  }
  out.push(raw('</tbody></table>'), html`<h3>${s.textsHeading}</h3>`);
  if (texts.length === 0) out.push(html`<p class="muted">${s.noTexts}</p>`);
  let current: string | undefined;
  for (const t of texts) {
    if (t.organisationId !== current) {
      out.push(html`${current !== undefined && raw('</dl>')}<h4>${t.organisationName}</h4><dl>`);
      current = t.organisationId;
    }
    const label = t.field in s.field ? s.field[t.field as keyof typeof s.field] : t.field;
    out.push(html`<dt>${label}</dt><dd class="text">${t.text}</dd>`);
  }
  if (current !== undefined) out.push(raw('</dl>'));
  out.push(raw('</section>'));
  return lines(out);
}

/**
 * The koonti as one self-contained, printable HTML page in the reader's language: totals,
 * three inline SVG charts, measures by goal in round order, who did not answer and the
 * organisation-level answers. Every `${}` goes through the escaping `html` tag; the page has
 * no script. Written as UTF-8 a part (a goal's section at most) at a time.
 */
export function reportHtmlBytes(k: Koonti, lang: Lang, timeZone: string): Buffer {
  const out = new Utf8Text();
  for (const part of pageParts(k, lang, timeZone)) out.write(part.value);
  return out.bytes();
}

/** The same page as a string. */
export function renderReportHtml(k: Koonti, lang: Lang, timeZone: string): string {
  return reportHtmlBytes(k, lang, timeZone).toString('utf8');
}

/**
 * The labels leading each cell of the measure and rating tables on a phone, from the same
 * catalog texts as their column headers. CSS, not HTML: escaped by stackedLabels, and `raw`
 * because entities mean nothing inside `<style>`.
 */
const phoneLabels = (s: ReportStrings, text: FieldText) =>
  stackedLabels(
    'measures',
    measureColumns(s, text).map((c) => !c.rowHeader && c.heading),
  ) + stackedLabels('ratings', [false, ...RATING_COLUMNS.map((c) => s.rating[c])]);

/** The page in pieces; a goal's section is made row by row when its turn comes. */
function* pageParts(k: Koonti, lang: Lang, timeZone: string): Generator<SafeHtml> {
  const s = reportStrings(lang, k.round);
  const text = fieldText(k, lang);
  const line = (part: SafeHtml) => html`${part}\n`;
  yield* [
    raw('<!doctype html>'),
    html`<html lang="${lang}">`,
    raw('<head><meta charset="utf-8">'),
    html`<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    raw('<meta name="viewport" content="width=device-width, initial-scale=1">'),
    html`<title>${s.title}: ${localize(k.round.title, lang)}</title>`,
    html`<style>${raw(REPORT_CSS)}${raw(phoneLabels(s, text))}</style></head>`,
    raw('<body>'),
    header(k, lang, timeZone),
    charts(k, lang),
    html`<section id="goals"><h2>${s.goalsHeading}</h2>`,
  ].map(line);
  for (const [i, g] of k.goals.entries()) {
    yield* goalSectionParts(
      g,
      i,
      lang,
      k.round,
      text,
      undefined,
      timeZone,
      k.round.previousRound ? followUpSection(g, lang, k) : undefined,
    );
    yield NEWLINE;
  }
  yield* [
    raw('</section>'),
    notAnswered(k, lang),
    organisationAnswers(k, lang),
    raw('</body></html>'),
  ].map(line);
}

const NEWLINE = raw('\n');
