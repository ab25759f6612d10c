import type { Koonti } from '../domain/koonti';
import type { Lang } from '../domain/localized-text';
import { renderReportCsv } from './csv';
import { renderReportHtml } from './html';
import { renderReportMarkdown } from './markdown';
import { renderReportXlsx } from './xlsx';

export { renderReportCsv, renderReportHtml, renderReportMarkdown, renderReportXlsx };

export { escapeMarkdown } from './markdown';
export { reportStrings, type ReportStrings } from './strings';

/** The formats a koonti is published in. */
export const REPORT_FORMATS = ['html', 'csv', 'xlsx', 'md'] as const;
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
 * when it is asked for; the spreadsheet library is loaded on the first XLSX.
 */
export const REPORT_FORMAT_INFO: Record<ReportFormat, ReportFormatInfo> = {
  html: {
    contentType: 'text/html; charset=utf-8',
    extension: 'html',
    render: async (k, lang, timeZone) => renderReportHtml(k, lang, timeZone),
  },
  csv: {
    contentType: 'text/csv; charset=utf-8; header=present',
    extension: 'csv',
    render: async (k, lang) => renderReportCsv(k, lang),
  },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
    render: (k, lang) => renderReportXlsx(k, lang),
  },
  md: {
    contentType: 'text/markdown; charset=utf-8',
    extension: 'md',
    render: async (k, lang, timeZone) => renderReportMarkdown(k, lang, timeZone),
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
