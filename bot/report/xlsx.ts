import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { Koonti } from '../domain/koonti';
import type { Lang } from '../domain/localized-text';
import { stripInvalidXml } from './escape';
import { type FieldTable, MEASURE_FIELDS } from '../domain/answers/measure-fields';
import {
  goalTotals,
  measureHeader,
  measureRows,
  measureWidths,
  safeCell,
  withHeader,
} from './rows';
import { reportStrings } from './strings';
import { pointRows } from './points';
import { t } from '../../cards';

type Cell = string | number;

/**
 * Excel reads `_xHHHH_` in a string as an escaped character; a respondent's literal
 * `_x0041_` is written as Excel writes it (`_x005F_` is the underscore), so it reads back as typed.
 */
const EXCEL_ESCAPE = /_(x[0-9A-Fa-f]{4}_)/g;

/**
 * A cell value exactly as the CSV has it: formula starts defused with an apostrophe (the
 * library writes strings as strings, never formulas, but the text must stay inert when
 * someone edits the cell or copies it on into a CSV), characters XML cannot hold dropped,
 * line ends as spreadsheets store them.
 */
function cellText(value: Cell): Cell {
  if (typeof value === 'number') return value;
  const v = safeCell(stripInvalidXml(value));
  const lf = v.includes('\r') ? v.replace(/\r\n?/g, '\n') : v;
  return lf.includes('_x') ? lf.replace(EXCEL_ESCAPE, '_x005F_$1') : lf;
}

/** Excel sheet names: at most 31 characters, none of `[]:*?/\`. */
const sheetName = (name: string) => name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

/** Shared style objects: the writer caches a style by identity, so each is written once. */
const BODY: Partial<ExcelJS.Style> = { alignment: { vertical: 'top', wrapText: true } };
const HEAD: Partial<ExcelJS.Style> = { ...BODY, font: { bold: true } };

function addSheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  widths: number[],
  rows: Iterable<Cell[]>,
): void {
  const ws = wb.addWorksheet(sheetName(name), {
    views: [{ state: 'frozen', ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
  });
  ws.columns = widths.map((width) => ({ width }));
  let style = HEAD;
  for (const row of rows) {
    const added = ws.addRow(row.map(cellText));
    added.eachCell((c) => {
      c.style = style;
    });
    added.commit();
    style = BODY;
  }
  ws.commit();
}

/**
 * The koonti as an .xlsx workbook, written by exceljs's streaming writer: sheet 1 has the
 * CSV's rows (one per measure), sheet 2 the totals per goal, sheet 3 the workshop points. Text cells are strings, never
 * formulas, numbers or dates guessed from text.
 */
export async function renderReportXlsx(
  k: Koonti,
  lang: Lang,
  table: FieldTable = MEASURE_FIELDS,
  timeZone = 'Europe/Helsinki',
): Promise<Buffer> {
  const s = reportStrings(lang, k.round);
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (c: Buffer) => chunks.push(c));
  const at = new Date(k.generatedAt);
  // Loaded on the first workbook: a process that never exports one never pays for it.
  const { stream: excel } = (await import('exceljs')).default;
  const wb = new excel.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: true,
    // Level 3 deflates a 15 000-measure sheet several times faster than the default for a
    // slightly larger file: the report is made while someone waits for it.
    zip: { zlib: { level: 3 } },
  } as Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>);
  wb.creator = wb.lastModifiedBy = 'hyte-bot';
  wb.created = wb.modified = at;
  addSheet(
    wb,
    s.sheetMeasures,
    measureWidths(table, k.includeDrafts),
    withHeader(measureHeader(lang, k.round, table, k.includeDrafts), measureRows(k, lang, table)),
  );
  addSheet(wb, s.sheetGoals, [40, 12, 14, 14, 14, 14, 14, 14, 14], goalTotals(k, lang));
  addSheet(wb, t(lang, 'points.sheet'), [36, 6, 80, 24, 18], pointRows(k, lang, timeZone));
  const done = new Promise((resolve, reject) => stream.on('end', resolve).on('error', reject));
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
