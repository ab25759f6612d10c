import type ExcelJS from 'exceljs';
import { columnOf } from '../domain/setup/contact-columns';
import type { Cell, SheetRow } from '../domain/setup/contact-rows';
import { MAX_CONTACT_ROWS } from '../domain/setup/contact-rows';
import { FileRefusedError } from '../domain/setup/setup-errors';
import { zipSizes } from './zip-sizes';

/** An XLSX unpacking to more than this, or of more parts, is refused unread. */
const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 2000;
/** Rows read at most: the header, its search area and 1 000 organisations, and one more. */
const MAX_ROWS_READ = MAX_CONTACT_ROWS + 12;

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** One exceljs cell value as a contact-list cell: text, a number, a formula or a date. */
function cellOf(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'string') return { kind: 'text', text: value };
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'boolean') return { kind: 'text', text: String(value) };
  if (value instanceof Date) return { kind: 'date' };
  const v = value as unknown as Record<string, unknown>;
  if ('formula' in v || 'sharedFormula' in v || 'error' in v) return { kind: 'formula' };
  if (Array.isArray(v.richText))
    return {
      kind: 'text',
      text: (v.richText as Array<{ text?: string }>).map((r) => r.text ?? '').join(''),
    };
  // Excel makes a typed e-mail address a mailto: link; its text is what was typed.
  if ('hyperlink' in v) {
    const text = v.text;
    if (typeof text === 'string') return { kind: 'text', text };
    return cellOf(text as ExcelJS.CellValue);
  }
  return { kind: 'formula' };
}

async function xlsxRows(bytes: Uint8Array): Promise<SheetRow[]> {
  const sizes = zipSizes(bytes);
  if (!sizes || sizes.uncompressed > MAX_UNPACKED_BYTES || sizes.entries > MAX_ZIP_ENTRIES)
    throw new FileRefusedError(sizes ? 'tooLarge' : 'notSpreadsheet');
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    throw new FileRefusedError('notSpreadsheet');
  }
  const sheets = wb.worksheets.filter((ws) => ws.state !== 'hidden' && ws.state !== 'veryHidden');
  if (!sheets.length) throw new FileRefusedError('notSpreadsheet');
  // The first sheet with a name column in its first rows (an instructions sheet is skipped).
  const hasHeader = (ws: ExcelJS.Worksheet) =>
    Array.from({ length: 10 }, (_, i) => ws.getRow(i + 1).values as ExcelJS.CellValue[]).some(
      (values) =>
        values.some((v) => {
          const c = cellOf(v);
          return c.kind === 'text' && columnOf(c.text) === 'name';
        }),
    );
  const ws = sheets.find(hasHeader) ?? sheets[0]!;
  if (ws.actualRowCount > MAX_ROWS_READ) throw new FileRefusedError('tooManyRows');
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    const values = row.values as ExcelJS.CellValue[];
    // exceljs numbers columns from 1: index 0 is always empty.
    rows.push({ row: n, cells: Array.from(values.slice(1, 40), cellOf) });
  });
  return rows;
}

/** Text from a CSV file: UTF-8 (with or without a BOM), else Windows-1252 as older Excel saves it. */
function csvText(bytes: Uint8Array): string {
  if (bytes.includes(0)) throw new FileRefusedError('notSpreadsheet');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** The delimiter of a CSV file: `;` (Finnish Excel), `,` or a tab, whichever the first line has most. */
function delimiterOf(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [';', ',', '\t'].map((d) => [d, first.split(d).length] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]?.[0] ?? ';';
}

/** RFC 4180 rows (quotes, doubled quotes, line breaks inside quotes), numbered from 1. */
function csvRows(bytes: Uint8Array): SheetRow[] {
  const text = csvText(bytes);
  const delimiter = delimiterOf(text);
  const rows: SheetRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  const endRow = () => {
    cells.push(cell);
    if (cells.some((c) => c.trim()))
      rows.push({
        row: startLine,
        cells: cells.map((c) => (c ? { kind: 'text', text: c } : { kind: 'empty' })),
      });
    if (rows.length > MAX_ROWS_READ) throw new FileRefusedError('tooManyRows');
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && !cell) quoted = true;
    else if (c === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      startLine = line;
    } else cell += c;
  }
  if (cell || cells.length) endRow();
  return rows;
}

/**
 * The rows of an attached contact list: an XLSX workbook (the first sheet with a name
 * column) or a CSV file separated by `;`, `,` or tabs. Anything else is `notSpreadsheet`.
 */
export async function readContactFile(bytes: Uint8Array, fileName = ''): Promise<SheetRow[]> {
  if (isZip(bytes)) return xlsxRows(bytes);
  if (/\.(xlsx|xlsm|xls|ods|docx|pdf|zip)$/i.test(fileName))
    throw new FileRefusedError('notSpreadsheet');
  return csvRows(bytes);
}
