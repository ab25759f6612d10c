import type ExcelJS from 'exceljs';
import type { Lang } from '../domain/localized-text';
import type { Round } from '../domain/round';
import { CONTACT_COLUMNS, CONTACT_HEADERS, KIND_WORDS } from '../domain/setup/contact-columns';
import { personId } from '../domain/setup/people-input';
import { t } from '../../cards';

/** Column widths of the contact sheet, in CONTACT_COLUMNS order. */
const WIDTHS = [40, 22, 18, 8, 38, 70];

/** One row per organisation, as the contact list holds it: every value text. */
export function contactRows(round: Round): string[][] {
  return round.organisations.map((o) => [
    o.name,
    o.id,
    KIND_WORDS[o.kind].written,
    o.language,
    o.tenantId ?? '',
    o.respondents.map(personId).join('; '),
  ]);
}

/**
 * The round's contact list as an XLSX workbook: a sheet with the header row the bot reads
 * back (Finnish headers, every value a text cell) and a sheet of instructions in `lang`.
 */
export async function contactsWorkbook(
  round: Round,
  lang: Lang = 'fi',
  now = new Date(),
): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = wb.lastModifiedBy = 'hyte-bot';
  wb.created = wb.modified = now;
  const ws = wb.addWorksheet(t(lang, 'setup.workbook.sheet'), {
    views: [{ state: 'frozen', ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
  });
  ws.columns = WIDTHS.map((width) => ({ width }));
  const head = ws.addRow(CONTACT_COLUMNS.map((c) => CONTACT_HEADERS[c].written));
  head.font = { bold: true };
  const text: Partial<ExcelJS.Style> = {
    numFmt: '@',
    alignment: { vertical: 'top', wrapText: true },
  };
  for (const values of contactRows(round)) {
    const row = ws.addRow(values);
    row.eachCell({ includeEmpty: true }, (c) => {
      c.style = text;
    });
  }
  // Cells typed later stay text too: an id like 0012 or a date-like value is not reinterpreted.
  for (let i = 1; i <= CONTACT_COLUMNS.length; i++) ws.getColumn(i).numFmt = '@';
  const help = wb.addWorksheet(t(lang, 'setup.workbook.helpSheet'));
  help.columns = [{ width: 110 }];
  for (const key of ['help1', 'help2', 'help3', 'help4', 'help5', 'help6'] as const)
    help.addRow([t(lang, `setup.workbook.${key}`)]).alignment = { wrapText: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
