import assert from 'node:assert/strict';
import { renderReportCsv, renderReportHtml, renderReportMarkdown } from '../../bot/report';
import { csvField } from '../../bot/report/csv';
import { escapeHtml } from '../../bot/report/escape';
import { html, join, raw } from '../../bot/report/html-tag';
import { safeCell } from '../../bot/report/rows';
import { naiveCells, parseCsv } from './csv-reader';
import { HOSTILE_FIELDS, hostileSampleKoonti } from './fixtures';

/** Every tag of a page as name + attribute names; throws on a tag it cannot read whole. */
function tags(page: string): Array<{ name: string; attributes: string[] }> {
  return [...page.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)].map(([whole, name, rest]) => {
    const attributes: string[] = [];
    const left = (rest ?? '').replace(/\s+([a-zA-Z0-9:-]+)(?:="([^"<>]*)")?/g, (_, a: string) => {
      attributes.push(a.toLowerCase());
      return '';
    });
    assert.match(left, /^\s*\/?$/, `unreadable tag ${whole}`);
    return { name: name!.toLowerCase(), attributes };
  });
}

describe('report with hostile text in every field', () => {
  const k = hostileSampleKoonti();

  describe('the html tag', () => {
    it('escapes every interpolation unless it is markup we wrote', () => {
      const text = '<b onclick="x">&\'</b>';
      assert.equal(
        html`<td title="${text}">${text}</td>`.value,
        '<td title="&lt;b onclick=&quot;x&quot;&gt;&amp;&#39;&lt;/b&gt;">&lt;b onclick=&quot;x&quot;&gt;&amp;&#39;&lt;/b&gt;</td>',
      );
      const inner = html`<i>${'<'}</i>`;
      assert.equal(html`<p>${inner}${raw('<br>')}${1.5}</p>`.value, '<p><i>&lt;</i><br>1.5</p>');
      assert.equal(html`${['<a>', html`<b></b>`]}`.value, '&lt;a&gt;<b></b>');
      assert.equal(html`${false}${undefined}${null}${''}`.value, '');
      assert.equal(join(['<x>', html`<y>`], ', ').value, '&lt;x&gt;, <y>');
      assert.equal(`${html`<p>${'"'}</p>`}`, '<p>&quot;</p>');
    });
  });

  describe('html page', () => {
    const page = renderReportHtml(k, 'fi', 'Europe/Helsinki');

    it('runs nothing and loads nothing: no script, no event handler, no source', () => {
      const all = tags(page);
      assert.ok(all.length > 200);
      assert.deepEqual(
        all.filter((t) => ['script', 'img', 'iframe', 'object', 'a'].includes(t.name)),
        [],
      );
      assert.deepEqual(
        all.flatMap((t) => t.attributes).filter((a) => /^on|^(src|href)$/.test(a)),
        [],
      );
    });

    it('keeps the table shape: every cell opened is closed, one row per measure', () => {
      const opened = page.match(/<td[\s>]/g)?.length ?? 0;
      assert.equal(page.match(/<\/td>/g)?.length, opened);
      assert.equal(page.match(/<\/th>/g)?.length, page.match(/<th[\s>]/g)?.length);
      assert.equal(page.match(/<\/table>/g)?.length, page.match(/<table[\s>]/g)?.length);
      const goals = page.slice(page.indexOf('id="goals"'), page.indexOf('id="not-answered"'));
      assert.equal(goals.match(/<tr><td>/g)?.length, k.totals.measures);
    });

    it('shows each hostile text literally', () => {
      for (const v of HOSTILE_FIELDS) assert.ok(page.includes(escapeHtml(v)), v);
      assert.ok(page.includes('Äänekoski ja Öljymäki'));
    });
  });

  describe('csv', () => {
    const text = renderReportCsv(k, 'fi');
    const rows = parseCsv(text.slice(1));

    it('quotes a field with ; or a tab, and reads back every value as written', () => {
      assert.equal(csvField('Liikunta;=1+1'), `"Liikunta;'=1+1"`);
      assert.equal(csvField('a\tb'), '"a\tb"');
      assert.equal(csvField('a;b'), '"a;b"');
      assert.equal(csvField('plain'), 'plain');
      assert.equal(rows.length, k.totals.measures + 1);
      const cells = rows.flat();
      for (const v of HOSTILE_FIELDS) assert.ok(cells.includes(safeCell(v)), v);
    });

    it('opens with no formula in a program splitting on ; or tab (Finnish Excel)', () => {
      // A `,` reader honours the quotes: every quoted field starts right after a `,`.
      for (const sep of [';', '\t']) {
        const starts = naiveCells(text.slice(1), sep).filter((c) => /^[=+\-@]/.test(c));
        assert.deepEqual(starts, [], JSON.stringify(sep));
      }
    });
  });

  it('keeps markdown free of raw markup', () => {
    const md = renderReportMarkdown(k, 'fi', 'Europe/Helsinki');
    assert.doesNotMatch(md, /(^|[^\\])</m, 'every < is backslash-escaped');
    assert.ok(md.includes('\\<script\\>'));
  });
});
