import type { Koonti } from '../domain/koonti';
import type { Lang } from '../domain/localized-text';
import { stripInvalidXml } from './escape';
import { type FieldTable, MEASURE_FIELDS } from '../domain/answers/measure-fields';
import { measureHeader, measureRows, safeCell, withHeader } from './rows';
import { Utf8Text } from './utf8';

/**
 * RFC 4180 quotes a field holding the separator, a quote or a line break. `;` and tab are
 * quoted too: Finnish Excel splits a double-clicked CSV on `;`, so an unquoted
 * `Liikunta;=1+1` would open as two cells, the second a formula.
 */
const NEEDS_QUOTES = /[",;\t\r\n]/;

/** One CSV field: formula-safe, control characters dropped, quoted when it must be. */
export function csvField(value: string): string {
  const v = safeCell(stripInvalidXml(value));
  return NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * The measures as CSV (RFC 4180): a header row from the catalog, then one row per measure,
 * CRLF line ends and a UTF-8 byte order mark so Excel reads ä and ö right. A spreadsheet
 * splitting on `;` instead of `,` shows rows in one column but never a formula; hand
 * spreadsheet users the .xlsx.
 */
export function reportCsvBytes(k: Koonti, lang: Lang, table: FieldTable = MEASURE_FIELDS): Buffer {
  return csvBytes(
    withHeader(measureHeader(lang, k.round, table, k.includeDrafts), measureRows(k, lang, table)),
  );
}

/** The same CSV as a string. */
export function renderReportCsv(k: Koonti, lang: Lang, table: FieldTable = MEASURE_FIELDS): string {
  return reportCsvBytes(k, lang, table).toString('utf8');
}

/** Rows as a CSV file in the same dialect (BOM, CRLF, formula-safe fields), as UTF-8. */
export function csvBytes(rows: Iterable<string[]>): Buffer {
  const out = new Utf8Text();
  out.write('\uFEFF');
  for (const row of rows) out.write(`${row.map(csvField).join(',')}\r\n`);
  return out.bytes();
}
