import type { Koonti } from '../domain/koonti';
import { type Lang, localize } from '../domain/localized-text';
import { cooperationMap, mapNodes, topLinks } from './cooperation-map';
import { escapeHtml as e } from './escape';
import { formatDateTime, formatPercent } from '../../cards/i18n';
import { linkText, reportLine } from './format';
import { goalSection } from './html-goals';
import { REPORT_CSS } from './html-style';
import { goalsChart, kindsChart } from './svg-charts';
import { reportStrings } from './strings';

/**
 * Even if some text slipped past escaping, the page could load nothing and run nothing:
 * no scripts, no external resources, styles inline only.
 */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'";

function header(k: Koonti, lang: Lang, timeZone: string): string {
  const s = reportStrings[lang];
  const meta = [
    `<span>${e(s.region)}: ${e(k.round.region)}</span>`,
    `<span>${e(s.meeting)}: ${e(formatDateTime(lang, k.round.meetingAt, timeZone, 'numeric'))}</span>`,
    `<span>${e(s.generated)}: ${e(formatDateTime(lang, k.generatedAt, timeZone, 'numeric'))}</span>`,
  ];
  const t = k.totals;
  return [
    `<header><h1>${e(s.title)}: ${e(localize(k.round.title, lang))}</h1>`,
    `<p class="meta">${meta.join('')}</p>`,
    k.includeDrafts ? `<p class="note">${e(s.draftsIncluded)}</p>` : '',
    '</header>',
    `<section><h2>${e(s.totalsHeading)}</h2><dl class="totals">`,
    `<dt>${e(s.responseRate)}</dt><dd>${e(formatPercent(lang, t.responseRate))} (${e(reportLine(lang, 'submittedOf', { submitted: t.submitted, organisations: t.organisations }))})</dd>`,
    `<dt>${e(s.drafts)}</dt><dd>${t.draft}</dd>`,
    `<dt>${e(s.measuresTotal)}</dt><dd>${t.measures}</dd>`,
    '</dl></section>',
  ].join('\n');
}

function charts(k: Koonti, lang: Lang): string {
  const s = reportStrings[lang];
  const links = topLinks(k);
  const more = k.cooperation.links.length - links.length;
  const { nodes, total } = mapNodes(k);
  const shown =
    nodes.length < total
      ? `<p class="muted">${e(reportLine(lang, 'nodesShown', { shown: nodes.length, total }))}</p>`
      : '';
  const list = links.length
    ? `<ul>${links.map((l) => `<li>${e(linkText(lang, l.from, l.to, l.measures))}</li>`).join('')}${more > 0 ? `<li>${e(reportLine(lang, 'linksMore', { count: more }))}</li>` : ''}</ul>`
    : '';
  const figure = (caption: string, body: string) =>
    `<figure><figcaption>${e(caption)}</figcaption>${body}</figure>`;
  return [
    `<section><h2>${e(s.chartsHeading)}</h2><div class="charts">`,
    figure(s.chartKinds, kindsChart(k, lang)),
    figure(s.chartGoals, goalsChart(k, lang)),
    figure(s.chartCooperation, cooperationMap(k, lang) + shown + list),
    '</div></section>',
  ].join('\n');
}

function notAnswered(k: Koonti, lang: Lang): string {
  const s = reportStrings[lang];
  const kind = new Map(k.round.organisations.map((o) => [o.id, o.kind]));
  const out = [`<section id="not-answered"><h2>${e(s.notAnsweredHeading)}</h2>`];
  if (k.notAnswered.length === 0) out.push(`<p>${e(s.allAnswered)}</p>`);
  else {
    out.push(
      `<table><thead><tr><th scope="col">${e(s.col.organisation)}</th><th scope="col">${e(s.col.kind)}</th><th scope="col">${e(s.col.state)}</th></tr></thead><tbody>`,
    );
    for (const o of k.notAnswered) {
      const kd = kind.get(o.id);
      out.push(
        `<tr><td>${e(o.name)}</td><td>${kd ? e(s.kind[kd]) : ''}</td><td>${e(s.state[o.state])}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
  }
  out.push('</section>');
  return out.join('\n');
}

function organisationAnswers(k: Koonti, lang: Lang): string {
  const s = reportStrings[lang];
  const { ratings, texts } = k.organisationAnswers;
  const cols = ['yes', 'partly', 'no', 'unanswered'] as const;
  const out = [
    `<section id="organisation-answers"><h2>${e(s.orgAnswersHeading)}</h2><h3>${e(s.ratingsHeading)}</h3>`,
    `<table><thead><tr><th scope="col">${e(s.col.question)}</th>${cols.map((c) => `<th scope="col" class="num">${e(s.rating[c])}</th>`).join('')}</tr></thead><tbody>`,
  ];
  for (const q of ['dataFromCounty', 'expertSupport', 'networksWork'] as const) {
    const cells = cols.map((c) => `<td class="num">${ratings[q][c]}</td>`).join('');
    out.push(`<tr><th scope="row">${e(s.question[q])}</th>${cells}</tr>`);
  }
  out.push('</tbody></table>', `<h3>${e(s.textsHeading)}</h3>`);
  if (texts.length === 0) out.push(`<p class="muted">${e(s.noTexts)}</p>`);
  let current: string | undefined;
  for (const t of texts) {
    if (t.organisationId !== current) {
      out.push(`${current === undefined ? '' : '</dl>'}<h4>${e(t.organisationName)}</h4><dl>`);
      current = t.organisationId;
    }
    const label = t.field in s.field ? s.field[t.field as keyof typeof s.field] : t.field;
    out.push(`<dt>${e(label)}</dt><dd class="text">${e(t.text)}</dd>`);
  }
  if (current !== undefined) out.push('</dl>');
  out.push('</section>');
  return out.join('\n');
}

/**
 * The koonti as one self-contained, printable HTML page in the reader's language: totals,
 * three inline SVG charts, measures by goal in round order, who did not answer and the
 * organisation-level answers. Every respondent text is escaped; the page has no script.
 */
export function renderReportHtml(k: Koonti, lang: Lang, timeZone: string): string {
  const s = reportStrings[lang];
  return [
    '<!doctype html>',
    `<html lang="${lang}">`,
    '<head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(s.title)}: ${e(localize(k.round.title, lang))}</title>`,
    `<style>${REPORT_CSS}</style></head>`,
    '<body>',
    header(k, lang, timeZone),
    charts(k, lang),
    `<section id="goals"><h2>${e(s.goalsHeading)}</h2>`,
    ...k.goals.map((g, i) => goalSection(g, i, lang)),
    '</section>',
    notAnswered(k, lang),
    organisationAnswers(k, lang),
    '</body></html>',
    '',
  ].join('\n');
}
