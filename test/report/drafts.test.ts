import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { compileKoonti } from '../../bot/domain/koonti';
import { fixtureRound } from '../helpers/questionnaire-fixtures';
import {
  renderReportCsv,
  renderReportDocx,
  renderReportHtml,
  renderReportMarkdown,
  renderReportXlsx,
} from '../../bot/report';
import { summaryCard } from '../../cards';
import { assertValidCard, cardTexts } from '../helpers/card-check';
import { parseCsv } from './csv-reader';
import { docxParagraphs } from './docx-reader';
import { NOW, measure } from './fixtures';

/** Kuopio submitted one measure; Larsmo saved one and never submitted. */
function koonti(includeDrafts: boolean) {
  const round = fixtureRound();
  const sheets = new Map([
    [
      'kuopio',
      {
        response: {
          etag: 'r1',
          value: { roundId: round.id, organisationId: 'kuopio', state: 'submitted' as const },
        },
        measures: [measure('terveyserot', { description: 'Lähetetty toimenpide' })],
      },
    ],
    [
      'larsmo',
      {
        response: {
          etag: 'r2',
          value: { roundId: round.id, organisationId: 'larsmo', state: 'draft' as const },
        },
        measures: [measure('terveyserot', { description: 'Luonnostoimenpide' })],
      },
    ],
  ]);
  return compileKoonti(round, sheets, { now: NOW, includeDrafts });
}

describe('drafts in the koonti', () => {
  it('are left out unless asked for', () => {
    const k = koonti(false);
    assert.equal(k.totals.measures, 1);
    assert.doesNotMatch(renderReportCsv(k, 'fi'), /Luonnostoimenpide/);
  });

  it('are marked as not submitted in every format when included', async () => {
    const k = koonti(true);
    assert.equal(k.totals.measures, 2);
    assert.equal(k.totals.submitted, 1, 'a draft is not counted as submitted');
    const marker = 'luonnos – ei lähetetty';
    const csv = parseCsv(renderReportCsv(k, 'fi').replace(/^\uFEFF/, ''));
    assert.equal(csv[0]?.at(-1), 'Lähetetty');
    const byDescription = new Map(
      csv.slice(1).map((r) => [r.find((c) => /toimenpide/.test(c)), r.at(-1)]),
    );
    assert.equal(byDescription.get('Lähetetty toimenpide'), 'kyllä');
    assert.equal(byDescription.get('Luonnostoimenpide'), 'ei – luonnos');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderReportXlsx(k, 'fi')) as never);
    const sheet = wb.worksheets[0]!;
    const last = sheet.getRow(1).cellCount;
    assert.equal(sheet.getRow(1).getCell(last).value, 'Lähetetty');
    assert.deepEqual(
      [sheet.getRow(2).getCell(last).value, sheet.getRow(3).getCell(last).value].sort(),
      ['ei – luonnos', 'kyllä'],
    );
    assert.match(
      renderReportHtml(k, 'fi', 'Europe/Helsinki'),
      new RegExp(`Larsmo kommun \\(${marker}\\)`),
    );
    assert.match(
      renderReportMarkdown(k, 'fi', 'Europe/Helsinki'),
      new RegExp(`\\*\\*Larsmo kommun\\*\\* \\(${marker}\\)`),
    );
    const docx = docxParagraphs(await renderReportDocx(k, 'fi', 'Europe/Helsinki')).join('\n');
    assert.match(docx, new RegExp(`Larsmo kommun \\(${marker}\\)`));
    assert.doesNotMatch(docx, new RegExp(`Kuopion kaupunki \\(${marker}\\)`));
    const card = summaryCard({
      lang: 'fi',
      timeZone: 'Europe/Helsinki',
      koonti: k,
      goalId: 'terveyserot',
    });
    assertValidCard(card, 'summary with drafts');
    assert.match(cardTexts(card).join('\n'), new RegExp(`Larsmo kommun \\(${marker}\\)`));
    const overview = summaryCard({ lang: 'sv', timeZone: 'Europe/Helsinki', koonti: k });
    assert.match(cardTexts(overview).join('\n'), /utkast som inte skickats in/);
    assert.match(JSON.stringify(overview), /"includeDrafts":"true"/);
  });
});
