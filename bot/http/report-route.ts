import type { Request, Response } from 'restify';
import { type Lang, langOf } from '../domain/localized-text';
import { isReportFormat, type ReportFormat } from '../report';
import { verifyReportLink } from './report-links';

export interface ReportDeps {
  /** `/reports/{roundId}[.csv|.xlsx|.md|.docx|.points.csv]` behind signed links; absent = 404. */
  reports?: {
    secret: string;
    now(): Date;
    render(
      roundId: string,
      format: ReportFormat,
      lang: Lang,
      options?: { includeDrafts?: boolean },
    ): Promise<{ body: string | Buffer; contentType: string } | undefined>;
  };
}

// Round ids hold no dots, so everything after the first one is the format.
const FILE = /^([a-z0-9][a-z0-9-]{0,62})(?:\.([a-z]{1,8}(?:\.[a-z]{1,8})?))?$/;

/** `GET /reports/:file?exp=…&sig=…`: the compiled report, 403 unless the link is signed. */
export async function reportRoute(deps: ReportDeps, req: Request, res: Response) {
  const reports = deps.reports;
  const m = FILE.exec(String(req.params.file));
  const [, roundId = '', ext = 'html'] = m ?? [];
  if (!reports || !m || !isReportFormat(ext)) {
    res.send(404, { error: 'not found' });
    return;
  }
  const query = new URL(req.url ?? '', 'http://x').searchParams;
  const includeDrafts = query.get('drafts') === '1';
  const ok = verifyReportLink(
    reports.secret,
    roundId,
    query.get('exp') ?? undefined,
    query.get('sig') ?? undefined,
    reports.now(),
    includeDrafts ? 'report-drafts' : 'report',
  );
  if (!ok) {
    res.send(403, { error: 'the link is not valid or has expired' });
    return;
  }
  const lang = langOf(query.get('lang') ?? undefined);
  const out = await reports.render(roundId, ext, lang, { includeDrafts });
  if (!out) {
    res.send(404, { error: 'not found' });
    return;
  }
  const headers: Record<string, string> = {
    'content-type': out.contentType,
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
    // The link's signature is in the address: keep it out of other sites' Referer headers.
    'referrer-policy': 'no-referrer',
    // The page is static: no scripts, nothing loaded from elsewhere.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
  };
  if (ext !== 'html') headers['content-disposition'] = `attachment; filename="${roundId}.${ext}"`;
  res.writeHead(200, headers);
  res.end(out.body);
}
