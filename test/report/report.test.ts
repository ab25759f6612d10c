import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
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
import { measureHeader } from '../../bot/report/rows';
import { reportStrings } from '../../bot/report/strings';
import { columnName } from '../../bot/report/xlsx';
import { crc32, crc32Table, unzip, zipFiles } from '../../bot/report/zip';
import { HOSTILE, largeKoonti, seedKoonti } from './fixtures';

const HKI = 'Europe/Helsinki';

/** RFC 4180 reader, strict: a record ends only at CRLF; a bare CR or LF must be quoted. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      for (i++; ; i++) {
        if (i >= text.length) throw new Error('unterminated quote');
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i++;
        } else if (text[i] === '"') break;
        else field += text[i];
      }
      i++;
    } else {
      while (i < text.length && !',\r\n'.includes(text[i]!)) field += text[i++];
    }
    row.push(field);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
      if (i === text.length) return rows;
    } else throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
}

/** Walks the local file headers in order (not the central directory) and inflates each. */
function localEntries(zip: Buffer): Array<{ name: string; data: Buffer; crc: number }> {
  const out = [];
  let at = 0;
  while (zip.readUInt32LE(at) === 0x04034b50) {
    const method = zip.readUInt16LE(at + 8);
    const crc = zip.readUInt32LE(at + 14);
    const size = zip.readUInt32LE(at + 18);
    const nameLength = zip.readUInt16LE(at + 26);
    const start = at + 30 + nameLength + zip.readUInt16LE(at + 28);
    const body = zip.subarray(start, start + size);
    const name = zip.toString('utf8', at + 30, at + 30 + nameLength);
    out.push({ name, crc, data: method === 8 ? zlib.inflateRawSync(body) : body });
    at = start + size;
  }
  return out;
}

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** Rows of a worksheet as cell-reference → value maps. */
function sheetRows(xml: string): Array<Map<string, string>> {
  return [...xml.matchAll(/<row r="(\d+)">(.*?)<\/row>/gs)].map(([, , cells]) => {
    const row = new Map<string, string>();
    for (const [, ref, body] of (cells ?? '').matchAll(/<c r="([A-Z]+)\d+"[^>]*>(.*?)<\/c>/gs)) {
      const text = /<t[^>]*>(.*?)<\/t>/s.exec(body ?? '')?.[1];
      const value = /<v>(.*?)<\/v>/.exec(body ?? '')?.[1];
      row.set(ref ?? '', unescapeXml(text ?? value ?? ''));
    }
    return row;
  });
}

const lookup = (node: unknown, key: string): string =>
  String(key.split('.').reduce<unknown>((n, part) => (n as Record<string, unknown>)[part], node));

function keys(node: unknown, prefix = ''): string[] {
  return Object.entries(node as object).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
  );
}

describe('report', () => {
  const k = seedKoonti();
  const measures = k.totals.measures;

  it('has the same keys in the fi, sv and en catalogs, none empty', () => {
    const fi = keys(reportStrings.fi).sort();
    for (const lang of LANGS) {
      assert.deepEqual(keys(reportStrings[lang]).sort(), fi, lang);
      const empty = fi.filter((key) => !lookup(reportStrings[lang], key).trim());
      assert.deepEqual(empty, [], lang);
    }
    assert.equal(reportStrings.fi.flag.noPartner, 'Ei kumppania (ei yhdyspintatyötä)');
    assert.equal(reportStrings.fi.plan.intensify, 'tehostetaan');
    assert.equal(reportStrings.fi.kind.county, 'hyvinvointialue');
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
      for (const flag of Object.values(reportStrings.fi.flag).filter((f) => !/kumppania/.test(f)))
        assert.ok(elintavat.includes(`<span class="flag">${flag}</span>`), flag);
      assert.match(elintavat, /<td>jatketaan<\/td><td>ei<\/td>/);
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
      assert.deepEqual(rows[0], measureHeader('fi'));
      assert.ok(rows.every((r) => r.length === 14));
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
      assert.deepEqual(row?.slice(10), [
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
    const zip = renderReportXlsx(k, 'fi');

    it('is a ZIP of the Office Open XML parts with matching CRC-32s', () => {
      const entries = localEntries(zip);
      assert.deepEqual(
        entries.map((e) => e.name),
        [
          '[Content_Types].xml',
          '_rels/.rels',
          'xl/workbook.xml',
          'xl/_rels/workbook.xml.rels',
          'xl/styles.xml',
          'xl/worksheets/sheet1.xml',
          'xl/worksheets/sheet2.xml',
        ],
      );
      for (const e of entries) assert.equal(crc32Table(e.data), e.crc, e.name);
      const files = unzip(zip);
      assert.match(files.get('[Content_Types].xml')!.toString(), /sheet\.main\+xml/);
      assert.match(
        files.get('xl/workbook.xml')!.toString(),
        /<sheet name="Toimenpiteet" sheetId="1" r:id="rId1"\/><sheet name="Tavoitteet"/,
      );
      assert.deepEqual(renderReportXlsx(k, 'fi'), zip, 'the same koonti gives the same bytes');
    });

    it('has the CSV rows as inline strings on sheet 1, formulas defused, XML-safe', () => {
      const xml = unzip(zip).get('xl/worksheets/sheet1.xml')!.toString('utf8');
      assert.doesNotMatch(xml, /<f>|t="s"/, 'no formulas, no shared strings');
      assert.ok(!xml.includes('\u0007'));
      const rows = sheetRows(xml);
      assert.equal(rows.length, measures + 1);
      assert.equal(rows[0]?.get('A'), 'Tavoite');
      assert.equal(rows[0]?.get('N'), 'Huomiot');
      const csv = parseCsv(renderReportCsv(k, 'fi').slice(1));
      rows.forEach((row, r) =>
        csv[r]!.forEach((v, c) => assert.equal(row.get(columnName(c)) ?? '', v, `${r}:${c}`)),
      );
      const values = rows.flatMap((r) => [...r.values()]);
      assert.ok(values.includes(`'${HOSTILE.formula}`) && values.includes(`'${HOSTILE.minus}`));
      assert.ok(values.includes(`Asukasraatimalli kuntiin ${HOSTILE.script}`));
      assert.ok(values.includes(HOSTILE.quoting) && values.includes('Kellosoi'));
      assert.ok(values.some((v) => v.includes(HOSTILE.emoji)));
    });

    it('totals each goal on sheet 2', () => {
      const rows = sheetRows(unzip(zip).get('xl/worksheets/sheet2.xml')!.toString('utf8'));
      assert.deepEqual(
        rows.map((r) => [r.get('A'), r.get('B'), r.get('C'), r.get('I')]),
        [
          ['Tavoite', 'Toimenpiteitä', 'Organisaatioita', 'Yhdyspintatyö näkyy'],
          ['Terveyserojen kaventaminen', '3', '3', 'kyllä'],
          ['Osallisuuden vahvistaminen', '1', '1', 'ei'],
          ['Elintavat', '2', '2', 'kyllä'],
        ],
      );
    });
  });

  describe('zip and escaping', () => {
    it('computes CRC-32 natively and by table alike', () => {
      assert.equal(crc32Table(Buffer.from('123456789')), 0xcbf43926);
      const data = Buffer.from('Hyvinvointi ja terveys 💪'.repeat(100));
      assert.equal(crc32(data), crc32Table(data));
      if (typeof zlib.crc32 === 'function') assert.equal(zlib.crc32(data) >>> 0, crc32Table(data));
    });

    it('round-trips stored and deflated entries, UTF-8 names included', () => {
      const files = unzip(
        zipFiles([
          { name: 'tyhjä.txt', data: '' },
          { name: 'a.bin', data: Buffer.from([1, 2, 3]) },
          { name: 'big.txt', data: 'ää'.repeat(5000) },
        ]),
      );
      assert.deepEqual([...files.keys()], ['tyhjä.txt', 'a.bin', 'big.txt']);
      assert.equal(files.get('big.txt')?.toString(), 'ää'.repeat(5000));
      const corrupt = zipFiles([{ name: 'x', data: 'abc' }]);
      corrupt[30 + 1] = 'z'.charCodeAt(0);
      assert.throws(() => unzip(corrupt), /CRC-32/);
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

  it('offers every format with a content type, extension and file name', () => {
    assert.deepEqual([...REPORT_FORMATS], ['html', 'csv', 'xlsx', 'md']);
    for (const format of REPORT_FORMATS) {
      const r = renderReport(k, format, 'sv', HKI);
      assert.equal(r.contentType, REPORT_FORMAT_INFO[format].contentType);
      assert.equal(
        r.fileName,
        `pohjois-savo-2025-koonti-sv.${REPORT_FORMAT_INFO[format].extension}`,
      );
      assert.ok(r.body.length > 0);
    }
  });

  it('renders 15 000 measures (300 organisations × 10 goals × 5) in every format', () => {
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
    const xlsx = renderReportXlsx(big, 'fi');
    assert.ok(xlsx.length > 100_000 && xlsx.length < 5_000_000, String(xlsx.length));
    assert.equal(
      unzip(xlsx).get('xl/worksheets/sheet1.xml')!.toString().match(/<row /g)?.length,
      15_001,
    );
  });
});
