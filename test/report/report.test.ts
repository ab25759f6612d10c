import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { LANGS } from '../../bot/domain/localized-text';
import {
  REPORT_FORMAT_INFO,
  REPORT_FORMATS,
  renderReport,
  renderReportCsv,
  renderReportHtml,
  renderReportMarkdown,
  renderReportXlsx,
} from '../../bot/report';
import { escapeHtml, stripInvalidXml } from '../../bot/report/escape';
import { escapeMarkdown } from '../../bot/report/markdown';
import { stackedLabels } from '../../bot/report/html-style';
import { measureHeader } from '../../bot/report/rows';
import { reportStrings } from '../../bot/report/strings';
import { parseCsv } from './csv-reader';
import { HOSTILE, largeKoonti, seedKoonti } from './fixtures';

const HKI = 'Europe/Helsinki';

/** The parts of an .xlsx, by name. */
const unzip = (zip: Buffer) =>
  new Map(Object.entries(unzipSync(zip)).map(([n, d]) => [n, Buffer.from(d).toString('utf8')]));

/** Every sheet of a workbook as rows of cell text, read back by exceljs's own reader. */
async function readSheets(zip: Buffer): Promise<Map<string, Array<Array<string | number>>>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(zip as unknown as ArrayBuffer);
  const out = new Map<string, Array<Array<string | number>>>();
  wb.eachSheet((ws) => {
    const rows: Array<Array<string | number>> = [];
    ws.eachRow({ includeEmpty: true }, (row) => {
      const cells: Array<string | number> = [];
      for (let c = 1; c <= ws.columnCount; c++) {
        const v = row.getCell(c).value;
        cells.push(typeof v === 'number' ? v : v === null || v === undefined ? '' : String(v));
      }
      rows.push(cells);
    });
    out.set(ws.name, rows);
  });
  return out;
}

const lookup = (node: unknown, key: string): string =>
  String(key.split('.').reduce<unknown>((n, part) => (n as Record<string, unknown>)[part], node));

const unescapeHtml = (text: string) =>
  text.replace(
    /&(lt|gt|quot|#39|amp);/g,
    (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e] ?? e,
  );

const unescapeCss = (text: string) =>
  text.replace(/\\([0-9a-f]{1,6}) ?|\\(.)/gi, (_, hex?: string, c?: string) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : (c ?? ''),
  );

/** The phone labels of the page's stylesheet: per table class, column number → label. */
function phoneLabels(page: string): Map<string, Map<number, string>> {
  const style = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? '';
  const out = new Map<string, Map<number, string>>();
  const rule =
    /table\.(\w+) td:nth-child\((\d+)\):not\(:empty\)::before \{ content: "((?:[^"\\]|\\.)*)"; \}/g;
  for (const [, table, n, content] of style.matchAll(rule)) {
    const labels = out.get(table!) ?? new Map<number, string>();
    assert.ok(!labels.has(Number(n)), `one label for column ${n} of ${table}`);
    out.set(table!, labels.set(Number(n), unescapeCss(content!)));
  }
  return out;
}

function keys(node: unknown, prefix = ''): string[] {
  return Object.entries(node as object).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
  );
}

describe('report', () => {
  const k = seedKoonti();
  const measures = k.totals.measures;

  it('has the same keys in the fi, sv and en catalogs, none empty', () => {
    const fi = keys(reportStrings('fi', {})).sort();
    for (const lang of LANGS) {
      assert.deepEqual(keys(reportStrings(lang, {})).sort(), fi, lang);
      const empty = fi.filter((key) => !lookup(reportStrings(lang, {}), key).trim());
      assert.deepEqual(empty, [], lang);
    }
    assert.equal(reportStrings('fi', {}).flag.noPartner, 'Ei kumppania (ei yhdyspintatyötä)');
    assert.equal(reportStrings('fi', {}).plan.intensify, 'tehostetaan');
    assert.equal(reportStrings('fi', {}).kind.county, 'hyvinvointialue');
  });

  describe('html', () => {
    const html = renderReportHtml(k, 'fi', HKI);

    it('escapes every respondent text: scripts, mentions and links stay literal', () => {
      assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
      assert.ok(html.includes('&lt;at&gt;Someone&lt;/at&gt;'));
      assert.ok(html.includes('[click](http://evil.example)'));
      assert.ok(html.includes('Seurakunta, &quot;Nuorisotyö&quot;'));
      assert.ok(html.includes('=HYPERLINK(&quot;http://evil&quot;)'));
      assert.doesNotMatch(html, /<script/i);
      assert.doesNotMatch(html, /<at>/i);
      assert.doesNotMatch(html, /<a\s[^>]*href="http:\/\/evil/i);
      assert.ok(!html.includes('\u0007') && html.includes('Kellosoi'));
      assert.ok(html.includes('💪 åäö ÅÄÖ'));
    });

    it('is one self-contained HTML5 page with print styles and no external resources', () => {
      assert.ok(html.startsWith('<!doctype html>\n<html lang="fi">'));
      assert.match(html, /@media print/);
      assert.doesNotMatch(html, /\s(src|href)=/i);
      assert.doesNotMatch(html, /<link|@import|url\(/i);
      assert.match(html, /<title>HYTE-neuvottelujen koonti: HYTE-neuvottelut 2025<\/title>/);
      assert.ok(html.includes('Pohjois-Savo') && html.includes('16.9.2025 klo 9.00'));
      assert.ok(html.includes('Koottu: 10.9.2025 klo 9.00'), 'generated at, Helsinki time');
      assert.ok(html.includes('75\u00a0%') && html.includes('3/4 organisaatiota vastasi'));
    });

    it('has three inline SVG charts, each with a title and an aria-label', () => {
      const charts = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
      assert.equal(charts.length, 3);
      for (const svg of charts) {
        assert.match(svg, /^<svg[^>]* role="img" aria-label="[^"]+"/);
        assert.match(svg, /<title>[^<]+<\/title><desc id="[^"]+">[^<]+<\/desc>/);
      }
      const [kinds, goals, map] = charts;
      assert.match(kinds ?? '', /kunnat: 1\/2 vastasi/);
      assert.match(goals ?? '', /1\. Terveyserojen kaventaminen: 3 toimenpidettä/);
      assert.equal((map?.match(/<circle/g) ?? []).length, 3);
      assert.equal((map?.match(/<line /g) ?? []).length, 3, 'A→B and B→A share a line');
      assert.match(map ?? '', /Kuopion kaupunki → Pohjois-Savon hyvinvointialue: 2 toimenpidettä/);
    });

    it('lists goals in round order with counts, the no-cooperation note and a measure table', () => {
      const at = ['terveyserot', 'osallisuus', 'elintavat'].map((id) =>
        html.indexOf(`id="goal-${id}"`),
      );
      assert.ok(at[0]! > 0 && at[0]! < at[1]! && at[1]! < at[2]!, String(at));
      const osallisuus = html.slice(at[1], at[2]);
      assert.match(osallisuus, /<h3>2\. Osallisuuden vahvistaminen<\/h3>/);
      assert.match(osallisuus, /1 toimenpide, 1 organisaatio/);
      assert.match(osallisuus, /Yhdyspintatyötä ei näy/);
      assert.equal(html.match(/Yhdyspintatyötä ei näy/g)?.length, 1);
      assert.match(html, /3 toimenpidettä, 3 organisaatiota/);
      const elintavat = html.slice(at[2], html.indexOf('id="not-answered"'));
      for (const flag of Object.values(reportStrings('fi', {}).flag).filter(
        (f) => !/kumppania/.test(f),
      ))
        assert.ok(elintavat.includes(`<span class="flag">${flag}</span>`), flag);
      assert.match(elintavat, /<td>jatketaan<\/td><td>ei<\/td>/);
      assert.match(html, /<tr><td>Kuopion kaupunki<\/td><th scope="row">Liikuntaneuvonta /);
    });

    it('ends with who did not answer and every organisation-level answer', () => {
      const rest = html.slice(html.indexOf('id="not-answered"'));
      assert.match(rest, /<td>Larsmo kommun<\/td><td>kunta<\/td><td>luonnos<\/td>/);
      assert.match(rest, /<h4>Kuopion kaupunki<\/h4>/);
      assert.match(
        rest,
        /<dt>Tieto hyvinvointialueelta<\/dt><dd class="text">Tieto erityisryhmistä/,
      );
      assert.match(rest, /<dt>Muuta<\/dt><dd class="text">\[click\]\(http:\/\/evil\.example\)/);
      assert.match(
        rest,
        /tiedon hyvinvointialueelta\?<\/th><td class="num">1<\/td><td class="num">1/,
      );
    });

    it('labels every measure cell for a phone with its column heading, once per page', () => {
      for (const lang of LANGS) {
        const page = renderReportHtml(k, lang, HKI);
        const labels = phoneLabels(page);
        const tables = page.match(/<table class="stack measures">[\s\S]*?<\/table>/g) ?? [];
        assert.equal(tables.length, 3, lang);
        for (const table of tables) {
          const headings = [...table.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) =>
            unescapeHtml(m[1]!),
          );
          const title = headings.indexOf(reportStrings(lang, k.round).col.description);
          assert.equal(title, 1, 'the description heads each measure');
          assert.deepEqual(
            labels.get('measures'),
            new Map(headings.flatMap((h, i) => (i === title ? [] : [[i + 1, `${h}: `]]))),
            lang,
          );
          const body = table.slice(table.indexOf('<tbody>'));
          for (const row of body.match(/<tr>[\s\S]*?<\/tr>/g) ?? []) {
            const cells = [...row.matchAll(/<(td|th scope="row")>/g)].map((m) => m[1]);
            assert.equal(cells.length, headings.length, row);
            assert.equal(cells.indexOf('th scope="row"'), title, row);
            assert.equal(cells.lastIndexOf('th scope="row"'), title, row);
          }
        }
        const s = reportStrings(lang, k.round);
        assert.deepEqual(
          labels.get('ratings'),
          new Map(
            [s.rating.yes, s.rating.partly, s.rating.no, s.rating.unanswered].map((r, i) => [
              i + 2,
              `${r}: `,
            ]),
          ),
        );
        assert.match(page, /<table class="stack ratings">/);
        assert.doesNotMatch(page, /data-label/, 'no row carries a label of its own');
      }
    });

    it('speaks the reader’s language', () => {
      const sv = renderReportHtml(k, 'sv', HKI);
      assert.ok(sv.includes('<html lang="sv">'));
      assert.ok(sv.includes('Minskade hälsoskillnader') && sv.includes('Ingen ansvarig'));
      assert.ok(renderReportHtml(k, 'en', HKI).includes('No partner (no cross-sector work)'));
    });
  });

  describe('csv', () => {
    const csv = renderReportCsv(k, 'fi');
    const rows = parseCsv(csv.slice(1));

    it('starts with a BOM and a header from the catalog, then one CRLF row per measure', () => {
      assert.ok(csv.startsWith('\uFEFFTavoite,Organisaatio,Organisaatiotyyppi,Toimenpide,'));
      assert.equal(rows.length, measures + 1);
      assert.deepEqual(rows[0], measureHeader('fi', {}));
      assert.ok(rows.every((r) => r.length === 17));
    });

    it('quotes commas, quotes and newlines so they read back intact', () => {
      const row = rows.find((r) => r[6]?.startsWith('Seurakunta'));
      assert.equal(row?.[6], HOSTILE.quoting);
      assert.equal(row?.[5], 'Pohjois-Savon hyvinvointialue, Mielenterveysyhdistys ry');
      assert.ok(csv.includes('"Seurakunta, ""Nuorisotyö""\nja 4H-yhdistys"'));
    });

    it('defuses formulas with an apostrophe and keeps other text as typed', () => {
      const cells = rows.flat();
      for (const v of [HOSTILE.formula, HOSTILE.plus, HOSTILE.at, HOSTILE.minus])
        assert.ok(cells.includes(`'${v}`), v);
      assert.ok(!cells.some((c) => /^[=+\-@\t\r]/.test(c)));
      assert.ok(cells.includes(`Mielenterveyden ensiapu -koulutukset ${HOSTILE.emoji}`));
      assert.ok(cells.includes('Kellosoi'));
      const row = rows.find((r) => r[3] === `'${HOSTILE.formula}`);
      assert.deepEqual(row?.slice(10, 14), [
        'ei',
        'jatketaan',
        'ei',
        'Ei vastuutahoa, Ei seurantamittaria, Ei konkreettinen, Ei muutosta vuoteen 2029 mennessä',
      ]);
    });
  });

  describe('markdown', () => {
    it('escapes links, mentions, emphasis, HTML and line-start markers', () => {
      assert.equal(escapeMarkdown(HOSTILE.link), '\\[click\\]\\(http://evil.example\\)');
      assert.equal(escapeMarkdown(HOSTILE.mention), '\\<at\\>Someone\\</at\\>');
      assert.equal(
        escapeMarkdown('**bold** _x_ `code` a|b ~~s~~'),
        '\\*\\*bold\\*\\* \\_x\\_ \\`code\\` a\\|b \\~\\~s\\~\\~',
      );
      assert.equal(escapeMarkdown('&amp; ![img](x)'), '\\&amp; \\!\\[img\\]\\(x\\)');
      assert.equal(escapeMarkdown('# otsikko'), '\\# otsikko');
      assert.equal(
        escapeMarkdown('  - lista\n2. kohta\n\n===\n    koodi'),
        '\\- lista\\\n2\\. kohta\\\n\\===\\\nkoodi',
      );
      assert.equal(escapeMarkdown('Liikuntaneuvonta 2025–2029'), 'Liikuntaneuvonta 2025–2029');
      assert.equal(escapeMarkdown('a\u0007b 💪'), 'ab 💪');
    });

    it('renders goals in round order with measures as lists, respondent text escaped', () => {
      const md = renderReportMarkdown(k, 'fi', HKI);
      const at = ['### 1\\. Terveyserojen', '### 2\\. Osallisuuden', '### 3\\. Elintavat'].map(
        (h) => md.indexOf(h),
      );
      assert.ok(at[0]! > 0 && at[0]! < at[1]! && at[1]! < at[2]!, String(at));
      assert.ok(
        md.includes('- **Mielenterveysyhdistys ry**: \\[click\\]\\(http://evil.example\\)'),
      );
      assert.ok(!md.includes('[click](') && !md.includes('<at>') && !md.includes('<script>'));
      assert.ok(md.includes('  - Vastuutaho: Liikuntapalvelut'));
      assert.ok(
        md.includes('"Nuorisotyö"\\\n    ja 4H-yhdistys'),
        'continuation stays in the item',
      );
      assert.ok(md.includes('> Yhdyspintatyötä ei näy'));
      assert.ok(md.includes('- Larsmo kommun: luonnos'));
      assert.ok(
        md.includes(
          '| Saako organisaatio tarvitsemansa tiedon hyvinvointialueelta? | 1 | 1 | 0 | 1 |',
        ),
      );
    });
  });

  describe('xlsx', () => {
    let zip: Buffer;
    let sheets: Map<string, Array<Array<string | number>>>;
    before(async () => {
      zip = await renderReportXlsx(k, 'fi');
      sheets = await readSheets(zip);
    });

    it('is an Office Open XML workbook with the measures and the goal totals as sheets', () => {
      const parts = unzip(zip);
      assert.match(parts.get('[Content_Types].xml') ?? '', /sheet\.main\+xml/);
      assert.deepEqual([...sheets.keys()], ['Toimenpiteet', 'Tavoitteet', 'Työpajahuomiot']);
      assert.match(parts.get('docProps/core.xml') ?? '', /2025-09-10T06:00:00/);
    });

    it('has the CSV rows as text on sheet 1: no formulas, numbers or dates, XML-safe', () => {
      const parts = unzip(zip);
      const xml = [...parts].filter(([n]) => n.startsWith('xl/worksheets/')).map(([, x]) => x);
      assert.ok(xml.length === 3 && xml.every((x) => !/<f>|<f /.test(x)), 'no formulas');
      assert.ok(![...parts.values()].some((x) => x.includes('\u0007')));
      const rows = sheets.get('Toimenpiteet') ?? [];
      assert.ok(
        rows.flat().every((v) => typeof v === 'string'),
        'text stays text',
      );
      assert.equal(rows.length, measures + 1);
      assert.equal(rows[0]?.[0], 'Tavoite');
      assert.equal(rows[0]?.[13], 'Huomiot');
      assert.deepEqual(rows, parseCsv(renderReportCsv(k, 'fi').slice(1)));
      const values = rows.flat().map(String);
      assert.ok(values.includes(`'${HOSTILE.formula}`) && values.includes(`'${HOSTILE.minus}`));
      assert.ok(values.includes(`Asukasraatimalli kuntiin ${HOSTILE.script}`));
      assert.ok(values.includes(HOSTILE.quoting) && values.includes('Kellosoi'));
      assert.ok(values.some((v) => v.includes(HOSTILE.emoji)));
    });

    it('totals each goal on sheet 2, counts as numbers', () => {
      const rows = sheets.get('Tavoitteet') ?? [];
      assert.deepEqual(
        rows.map((r) => [r[0], r[1], r[2], r[8]]),
        [
          ['Tavoite', 'Toimenpiteitä', 'Organisaatioita', 'Yhdyspintatyö näkyy'],
          ['Terveyserojen kaventaminen', 3, 3, 'kyllä'],
          ['Osallisuuden vahvistaminen', 1, 1, 'ei'],
          ['Elintavat', 2, 2, 'kyllä'],
        ],
      );
    });
  });

  describe('escaping', () => {
    it('writes a phone label as a CSS string that can end neither the string nor the style', () => {
      const label = 'a"b\\c</style><script>\n}; ä–1';
      const css = stackedLabels('measures', [false, label]);
      const content = /content: "((?:[^"\\]|\\.)*)";/.exec(css)?.[1] ?? '';
      assert.doesNotMatch(content, /[<>"\n]/);
      assert.equal(unescapeCss(content), `${label}: `);
      assert.match(
        css,
        /^@media screen and \(max-width: 60em\) \{\ntable\.measures td:nth-child\(2\)/,
      );
    });

    it('escapes HTML and drops characters XML cannot hold', () => {
      assert.equal(
        escapeHtml(`<a href="x" onclick='y'>&</a>`),
        '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
      );
      assert.equal(stripInvalidXml('a\u0000b\u001Fc\td\ne\uFFFEf\uD800g💪'), 'abc\td\nefg💪');
    });
  });

  it('depends on no Teams, HTTP or Azure package', () => {
    const dir = path.join(__dirname, '..', '..', 'bot', 'report');
    for (const file of fs.readdirSync(dir)) {
      const source = fs.readFileSync(path.join(dir, file), 'utf8');
      assert.doesNotMatch(source, /from '(botbuilder|botframework|restify|@azure\/)/, file);
    }
  });

  it('offers every format with a content type, extension and file name', async () => {
    assert.deepEqual([...REPORT_FORMATS], ['html', 'csv', 'xlsx', 'md', 'docx', 'points.csv']);
    for (const format of REPORT_FORMATS) {
      const r = await renderReport(k, format, 'sv', HKI);
      assert.equal(r.contentType, REPORT_FORMAT_INFO[format].contentType);
      assert.equal(
        r.fileName,
        `pohjois-savo-2025-koonti-sv.${REPORT_FORMAT_INFO[format].extension}`,
      );
      assert.ok(r.body.length > 0);
    }
  });

  it('renders 15 000 measures (300 organisations × 10 goals × 5) in every format', async () => {
    const big = largeKoonti(300, 10, 5);
    assert.equal(big.totals.measures, 15_000);
    const html = renderReportHtml(big, 'fi', HKI);
    assert.equal(html.match(/<tr><td>/g)?.length, 15_000);
    assert.equal(html.match(/<svg/g)?.length, 3);
    assert.equal(html.match(/<circle/g)?.length, 30, 'the map keeps its labels readable');
    assert.ok(html.includes('Kuviossa 30 organisaatiota 300:stä'));
    assert.ok(!html.includes('<b>'));
    const csv = renderReportCsv(big, 'fi');
    assert.equal(csv.split('\r\n').length - 1, 15_001);
    const md = renderReportMarkdown(big, 'fi', HKI);
    assert.equal(md.match(/^- \*\*/gm)?.length, 15_000);
    const xlsx = await renderReportXlsx(big, 'fi');
    assert.ok(xlsx.length > 100_000 && xlsx.length < 5_000_000, String(xlsx.length));
    assert.equal(unzip(xlsx).get('xl/worksheets/sheet1.xml')?.match(/<row /g)?.length, 15_001);
  });
});
