import type { Koonti } from '../domain/koonti';
import type { Lang } from '../domain/localized-text';
import { MEASURE_FIELDS } from '../domain/answers/measure-fields';
import { csvBytes, renderReportCsv, reportCsvBytes } from './csv';
import { renderReportDocx } from './docx';
import { renderReportHtml, reportHtmlBytes } from './html';
import { renderReportMarkdown, reportMarkdownBytes } from './markdown';
import { pointRows } from './points';
import { renderReportXlsx } from './xlsx';

export {
  renderReportCsv,
  renderReportDocx,
  renderReportHtml,
  renderReportMarkdown,
  renderReportXlsx,
};

export { escapeMarkdown } from './markdown';
export { reportStrings, type ReportStrings } from './strings';

/**
 * The formats a koonti is published in; each is also its file suffix. `points.csv` is the
 * workshop points as a CSV file of their own (the measures' CSV keeps one row per measure).
 */
export const REPORT_FORMATS = ['html', 'csv', 'xlsx', 'md', 'docx', 'points.csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** What each format needs to be served or saved. */
export interface ReportFormatInfo {
  contentType: string;
  extension: string;
  /** Renders this one format; `timeZone`: the IANA zone dates are written in (HYTE_TIMEZONE). */
  render(k: Koonti, lang: Lang, timeZone: string): Promise<string | Buffer>;
}

/**
 * HTTP content type, file extension and renderer of each format. A format is rendered only
 * when it is asked for; the spreadsheet and word-processing libraries load on first use.
 */
export const REPORT_FORMAT_INFO: Record<ReportFormat, ReportFormatInfo> = {
  html: {
    contentType: 'text/html; charset=utf-8',
    extension: 'html',
    render: async (k, lang, timeZone) => reportHtmlBytes(k, lang, timeZone),
  },
  csv: {
    contentType: 'text/csv; charset=utf-8; header=present',
    extension: 'csv',
    render: async (k, lang) => reportCsvBytes(k, lang),
  },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
    render: (k, lang, timeZone) => renderReportXlsx(k, lang, MEASURE_FIELDS, timeZone),
  },
  md: {
    contentType: 'text/markdown; charset=utf-8',
    extension: 'md',
    render: async (k, lang, timeZone) => reportMarkdownBytes(k, lang, timeZone),
  },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: 'docx',
    render: renderReportDocx,
  },
  'points.csv': {
    contentType: 'text/csv; charset=utf-8; header=present',
    extension: 'points.csv',
    render: async (k, lang, timeZone) => csvBytes(pointRows(k, lang, timeZone)),
  },
};

export function isReportFormat(x: string): x is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(x);
}

/** A rendered report, ready to send or save. */
export interface RenderedReport {
  body: string | Buffer;
  contentType: string;
  /** `{round id}-koonti-{lang}.{extension}`: round ids are already file-name safe. */
  fileName: string;
}

/** Renders the koonti in `format` (that format only) for a reader of `lang`, dates in `timeZone`. */
export async function renderReport(
  k: Koonti,
  format: ReportFormat,
  lang: Lang,
  timeZone: string,
): Promise<RenderedReport> {
  const { contentType, extension, render } = REPORT_FORMAT_INFO[format];
  return {
    body: await render(k, lang, timeZone),
    contentType,
    fileName: `${k.round.id}-koonti-${lang}.${extension}`,
  };
}
