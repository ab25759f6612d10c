import { t, formatDateTime } from '../../cards';
import type { Koonti, KoontiGoal } from '../domain/koonti';
import { type Lang, localize } from '../domain/localized-text';
import { type SafeHtml, html, join } from './html-tag';

/**
 * The workshop points of every export, whole (a point longer than a Teams message included):
 * each format escapes them its own way, so markup, formulas and mentions stay text.
 */

/** "Author, 16.9.2025 klo 10.15" under a point. */
export const pointByline = (lang: Lang, p: { author: string; at: string }, timeZone: string) =>
  t(lang, 'workshop.pointBy', {
    author: p.author || '–',
    time: formatDateTime(lang, p.at, timeZone, 'numeric'),
  });

/** A goal's points on the report page: the council's heading, then a numbered list. */
export function pointsHtml(g: KoontiGoal, lang: Lang, timeZone: string): SafeHtml | '' {
  if (!g.points.length) return '';
  const items = g.points.map(
    (p) =>
      html`<li><span class="point">${p.text}</span> <span class="muted">(${pointByline(lang, p, timeZone)})</span></li>`,
  );
  return html`<div class="points"><h4>${t(lang, 'points.heading')}:</h4><ol>\n${join(items, '\n')}\n</ol></div>`;
}

/** A goal's points as markdown list items, through the report's own escaping. */
export function pointsMarkdown(
  g: KoontiGoal,
  lang: Lang,
  timeZone: string,
  escape: (text: string) => string,
): string[] {
  if (!g.points.length) return [];
  return [
    `**${t(lang, 'points.heading')}:**`,
    '',
    ...g.points.map(
      (p, i) =>
        `${i + 1}. ${escape(p.text).replace(/\n/g, '\n   ')} *(${escape(pointByline(lang, p, timeZone))})*`,
    ),
    '',
  ];
}

/** The points file and sheet: goal number and title, point number, text, author, time. */
export function pointRows(k: Koonti, lang: Lang, timeZone: string): string[][] {
  const header = [
    t(lang, 'report.col.goal'),
    t(lang, 'points.colNumber'),
    t(lang, 'points.colPoint'),
    t(lang, 'points.colAuthor'),
    t(lang, 'points.colAt'),
  ];
  const rows = k.goals.flatMap((g, gi) =>
    g.points.map((p, i) => [
      `${gi + 1}. ${localize(g.goal.title, lang)}`,
      String(i + 1),
      p.text,
      p.author,
      formatDateTime(lang, p.at, timeZone, 'numeric'),
    ]),
  );
  return [header, ...rows];
}
