import type { Koonti } from '../domain/koonti';
import type { Lang } from '../domain/localized-text';
import { truncate } from '../../cards';
import { linkText, reportLine } from './report-lines';
import { type SafeHtml, html } from './html-tag';
import { reportStrings } from './strings';

/** More nodes than this on one circle make the labels unreadable. */
export const MAX_MAP_NODES = 30;
/** Strongest links listed in words under the map (print has no tooltips). */
export const MAX_LISTED_LINKS = 15;

const INK = '#1f4e79';
const n = (x: number) => (Math.round(x * 10) / 10).toString();

/** Organisations in links, the busiest MAX_MAP_NODES of them, in round order. */
export function mapNodes(k: Koonti): { nodes: Array<{ id: string; name: string }>; total: number } {
  const weight = new Map<string, number>();
  for (const l of k.cooperation.links) {
    weight.set(l.from, (weight.get(l.from) ?? 0) + l.measures);
    weight.set(l.to, (weight.get(l.to) ?? 0) + l.measures);
  }
  const linked = k.round.organisations.filter((o) => weight.has(o.id));
  const keep = new Set(
    [...linked]
      .sort((a, b) => (weight.get(b.id) ?? 0) - (weight.get(a.id) ?? 0))
      .slice(0, MAX_MAP_NODES)
      .map((o) => o.id),
  );
  return { nodes: linked.filter((o) => keep.has(o.id)), total: linked.length };
}

/**
 * (c) The cooperation map: organisations on a circle, a line for each pair naming one
 * another, its width by the number of measures. Labels run outward from the circle so
 * neighbours never overlap; each line's `<title>` tells who named whom.
 */
export function cooperationMap(k: Koonti, lang: Lang): SafeHtml {
  const s = reportStrings(lang, k.round);
  const { nodes, total } = mapNodes(k);
  const size = 700;
  const c = size / 2;
  const radius = 170;
  const height = nodes.length ? size : 60;
  const open = (desc: string, body: SafeHtml[]) =>
    html`<svg xmlns="http://www.w3.org/2000/svg" id="chart-cooperation" role="img" aria-label="${s.chartCooperation}" aria-describedby="chart-cooperation-desc" viewBox="0 0 ${size} ${height}" width="${size}" height="${height}" font-family="system-ui, sans-serif" font-size="11"><title>${s.chartCooperation}</title><desc id="chart-cooperation-desc">${desc}</desc>${body}</svg>`;
  if (nodes.length === 0)
    return open(s.noLinks, [html`<text x="10" y="34" font-size="13">${s.noLinks}</text>`]);

  const at = new Map(
    nodes.map((o, i) => {
      const angle = -Math.PI / 2 + (2 * Math.PI * i) / nodes.length;
      return [
        o.id,
        { ...o, angle, x: c + radius * Math.cos(angle), y: c + radius * Math.sin(angle) },
      ];
    }),
  );
  // A names B and B names A become one line; its title keeps both directions.
  const pairs = new Map<string, { a: string; b: string; ab: number; ba: number }>();
  for (const l of k.cooperation.links) {
    if (!at.has(l.from) || !at.has(l.to)) continue;
    const [a, b] = l.from < l.to ? [l.from, l.to] : [l.to, l.from];
    const pair = pairs.get(`${a}>${b}`) ?? { a, b, ab: 0, ba: 0 };
    if (a === l.from) pair.ab += l.measures;
    else pair.ba += l.measures;
    pairs.set(`${a}>${b}`, pair);
  }
  const max = Math.max(1, ...[...pairs.values()].map((p) => p.ab + p.ba));
  const desc = [
    reportLine(lang, 'nodesShown', { shown: nodes.length, total }),
    ...topLinks(k).map((l) => linkText(lang, l.from, l.to, l.measures)),
  ].join('; ');
  const lines: SafeHtml[] = [];
  for (const p of pairs.values()) {
    const a = at.get(p.a);
    const b = at.get(p.b);
    if (!a || !b) continue;
    const title = [
      p.ab ? linkText(lang, a.name, b.name, p.ab) : '',
      p.ba ? linkText(lang, b.name, a.name, p.ba) : '',
    ].filter(Boolean);
    lines.push(
      html`<line x1="${n(a.x)}" y1="${n(a.y)}" x2="${n(b.x)}" y2="${n(b.y)}" stroke-width="${n(1 + (7 * (p.ab + p.ba)) / max)}"><title>${title.join('; ')}</title></line>`,
    );
  }
  const out = [html`<g stroke="${INK}" stroke-opacity="0.55" stroke-linecap="round">${lines}</g>`];
  for (const o of at.values()) {
    const degrees = (o.angle * 180) / Math.PI;
    const left = Math.cos(o.angle) < -1e-9;
    const lx = n(c + (radius + 10) * Math.cos(o.angle));
    const ly = n(c + (radius + 10) * Math.sin(o.angle));
    out.push(
      html`<circle cx="${n(o.x)}" cy="${n(o.y)}" r="5" fill="${INK}"><title>${o.name}</title></circle>`,
      html`<text x="${lx}" y="${ly}" dominant-baseline="middle" text-anchor="${left ? 'end' : 'start'}" transform="rotate(${n(left ? degrees + 180 : degrees)} ${lx} ${ly})"><title>${o.name}</title>${truncate(o.name, 26)}</text>`,
    );
  }
  return open(desc, out);
}

/** The strongest links by name, for the list under the map. */
export function topLinks(
  k: Koonti,
  limit = MAX_LISTED_LINKS,
): Array<{ from: string; to: string; measures: number }> {
  const name = new Map(k.round.organisations.map((o) => [o.id, o.name]));
  return k.cooperation.links.slice(0, limit).map((l) => ({
    from: name.get(l.from) ?? l.from,
    to: name.get(l.to) ?? l.to,
    measures: l.measures,
  }));
}
