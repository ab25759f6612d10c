import type { Koonti } from '../domain/koonti';
import type { Lang } from '../domain/localized-text';
import { stripInvalidXml } from './escape';
import { measureHeader, measureRows, safeCell } from './rows';

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field: formula-safe, control characters dropped, quoted per RFC 4180 if needed. */
export function csvField(value: string): string {
  const v = safeCell(stripInvalidXml(value));
  return NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * The measures as CSV (RFC 4180): a header row from the catalog, then one row per measure,
 * CRLF line ends and a UTF-8 byte order mark so Excel reads ä and ö right. Finnish Excel
 * splits a double-clicked CSV on `;`, not `,`: hand spreadsheet users the .xlsx instead.
 */
export function renderReportCsv(k: Koonti, lang: Lang): string {
  const lines = [measureHeader(lang), ...measureRows(k, lang)].map((row) =>
    row.map(csvField).join(','),
  );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
