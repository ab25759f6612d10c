import { docxAsText } from '../helpers/libreoffice';
import assert from 'node:assert/strict';
import { unzipSync } from 'fflate';
import type { Koonti } from '../../bot/domain/koonti';
import type { WorkshopPoint } from '../../bot/domain/workshop-records';
import { REPORT_FORMAT_INFO, renderReportDocx, renderReportHtml } from '../../bot/report';
import { renderReportMarkdown } from '../../bot/report/markdown';
import { renderReportXlsx } from '../../bot/report/xlsx';
import { parseCsv } from './csv-reader';
import { docxParagraphs } from './docx-reader';
import { seedKoonti } from './fixtures';

const HKI = 'Europe/Helsinki';
const LONG = `Pitkä muistio: ${'yhteistyö kuntien ja hyvinvointialueen välillä '.repeat(1500)}loppu`;
const HOSTILE = [
  '<script>alert(1)</script> ja <at>Olli</at>',
  '=HYPERLINK("http://evil","klik")',
  '[linkki](http://evil) **lihavoitu** & &amp;',
];

const point = (goalId: string, seq: number, text: string): WorkshopPoint => ({
  roundId: 'pohjois-savo-2025',
  goalId,
  seq,
  text,
  author: 'Maija Meikäläinen',
  authorId: 'u1',
  at: `2025-09-16T07:${String(10 + seq).padStart(2, '0')}:00.000Z`,
  via: 'reply',
});

/** The seed koonti with workshop points under the first and last goal, none under the others. */
function koontiWithPoints(): Koonti {
  const k = seedKoonti();
  const last = k.goals.length - 1;
  return {
    ...k,
    goals: k.goals.map((g, i) => ({
      ...g,
      points:
        i === 0
          ? [
              point(g.goal.id, 0, 'Suunnitelmat tilannekuvaan pohjautuviksi'),
              point(g.goal.id, 1, LONG),
              ...HOSTILE.map((h, j) => point(g.goal.id, 2 + j, h)),
            ]
          : i === last
            ? [point(g.goal.id, 0, 'Kunnat kaipaavat tietoa palvelujen kustannuksista')]
            : [],
    })),
  };
}

/** Positions of `needles` in `lines` (each the first line at or after the previous one). */
function inOrder(lines: string[], needles: string[]): void {
  let at = -1;
  for (const n of needles) {
    const next = lines.findIndex((l, i) => i > at && l.includes(n));
    assert.ok(next > at, `"${n.slice(0, 60)}" after line ${at}`);
    at = next;
  }
}

describe('the koonti with workshop points in every format', () => {
  const k = koontiWithPoints();
  const titles = k.goals.map((g, i) => `${i + 1}. ${g.goal.title.fi}`);
  const firstMeasure = k.goals.flatMap((g) => g.measures)[0]?.measure.description ?? '';

  it('writes the Word document in the council shape: title, background, summary, numbered points, appendix', async () => {
    const lines = docxParagraphs(await renderReportDocx(k, 'fi', HKI));
    assert.equal(lines[0], 'HYTE-neuvottelujen 16.9.2025 yhteenveto');
    assert.match(lines[1] ?? '', /Pohjois-Savo/);
    inOrder(lines, [
      'Taustaa',
      '612/2021',
      'Ennakkotehtävä',
      'organisaatiota vastasi ennakkotehtävään',
      'Toimenpiteet tavoitteittain',
      'Saadaanko toimenpiteillä muutoksia aikaan vuoteen 2029 mennessä?',
      '16.9.2025 HYTE-neuvottelujen koonti',
      'Työpajatyöskentelyssä tuotiin esille seuraavia asioita:',
      titles[0]!,
      'Suunnitelmat tilannekuvaan pohjautuviksi',
      'Pitkä muistio',
      ...HOSTILE,
      titles[1]!,
      'Ei työpajahuomioita.',
      titles.at(-1)!,
      'Kunnat kaipaavat tietoa palvelujen kustannuksista',
      'Liite: toimenpiteet tavoitteittain',
      titles[0]!,
      firstMeasure,
    ]);
    assert.ok(lines.includes(LONG), 'a point longer than a Teams message is kept whole');
    for (const h of HOSTILE) assert.ok(lines.includes(h), `stays text: ${h}`);
  });

  it('writes Swedish and English headings when asked', async () => {
    const sv = docxParagraphs(await renderReportDocx(k, 'sv', HKI));
    inOrder(sv, [
      'Sammanfattning av HYTE-förhandlingarna 16.9.2025',
      'Bakgrund',
      'I workshoparbetet lyftes följande fram',
      'Bilaga',
    ]);
    const en = docxParagraphs(await renderReportDocx(k, 'en', HKI));
    inOrder(en, [
      'Summary of the HYTE negotiations of 16/09/2025',
      'Background',
      'The workshops raised the following points',
      'Appendix',
    ]);
  });

  it('puts the points in the page, markdown, the points CSV and the XLSX sheet, as text', async () => {
    const page = renderReportHtml(k, 'fi', HKI);
    assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt; ja &lt;at&gt;Olli&lt;/at&gt;'));
    assert.ok(!page.includes('<script>') && !page.includes('<at>'));
    assert.ok(page.includes(LONG));
    const second = page.indexOf(`id="goal-${k.goals[1]?.goal.id}"`);
    assert.ok(
      page.indexOf(`id="goal-${k.goals[0]?.goal.id}"`) < page.indexOf('Suunnitelmat tilannekuvaan'),
    );
    assert.ok(page.indexOf('Suunnitelmat tilannekuvaan') < second);
    const md = renderReportMarkdown(k, 'fi', HKI);
    assert.match(md, /\\\[linkki\\\]\\\(http:\/\/evil\\\)/);
    assert.ok(!md.includes('<script>'));
    const csv = String(await REPORT_FORMAT_INFO['points.csv'].render(k, 'fi', HKI));
    const rows = parseCsv(csv.slice(1));
    assert.deepEqual(rows[0], ['Tavoite', 'Nro', 'Huomio', 'Kirjoittaja', 'Aika']);
    assert.equal(rows.length, 1 + 6);
    assert.deepEqual(rows.map((r) => r[1]).slice(1), ['1', '2', '3', '4', '5', '1']);
    assert.equal(rows[2]?.[2], LONG);
    assert.equal(rows[4]?.[2], `'${HOSTILE[1]}`, 'a formula stays text');
    const xlsx = unzipSync(new Uint8Array(await renderReportXlsx(k, 'fi', undefined, HKI)));
    const sheet3 = Buffer.from(xlsx['xl/worksheets/sheet3.xml'] ?? []).toString('utf8');
    assert.equal(sheet3.match(/<row /g)?.length, 7);
    assert.match(Buffer.from(xlsx['xl/workbook.xml'] ?? []).toString('utf8'), /Työpajahuomiot/);
  });

  it('opens in LibreOffice Writer to plain text in the same order', async function () {
    this.timeout(120_000);
    const text = docxAsText(await renderReportDocx(k, 'fi', HKI));
    inOrder(text, [
      'HYTE-neuvottelujen 16.9.2025 yhteenveto',
      'Taustaa',
      'Työpajatyöskentelyssä tuotiin esille seuraavia asioita:',
      titles[0]!,
      'Suunnitelmat tilannekuvaan pohjautuviksi',
      HOSTILE[0]!,
      titles[1]!,
      'Ei työpajahuomioita.',
      'Kunnat kaipaavat tietoa palvelujen kustannuksista',
      'Liite: toimenpiteet tavoitteittain',
      firstMeasure,
    ]);
    assert.ok(text.some((l) => l.includes(LONG.slice(0, 2000))));
  });
});
