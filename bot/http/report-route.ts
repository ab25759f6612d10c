import type { Request, Response } from 'restify';
import { type Lang, langOf } from '../domain/localized-text';
import type { Disclosure } from '../domain/ports';
import { clientAddress, networkOf } from '../domain/audit/network';
import { isReportFormat, type ReportFormat } from '../report';
import { linkIdOf, verifyReportLink } from './report-links';

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
    /**
     * Told of each page view and download served (the disclosure log); must return at once
     * and never throw: the download never waits for it.
     */
    disclosed?: (entry: Omit<Disclosure, 'at'>) => void;
  };
}

/** The disclosure a served signed link makes: which link, what, and from which network. */
export function linkDisclosure(
  req: Request,
  roundId: string,
  format: string,
  query: URLSearchParams,
): Omit<Disclosure, 'at'> {
  const exp = Number(query.get('exp'));
  const userAgent = req.headers['user-agent']?.slice(0, 300);
  const lang = query.get('lang');
  return {
    roundId,
    via: 'link',
    format,
    linkId: linkIdOf(query.get('sig') ?? ''),
    ...(exp ? { linkExpires: new Date(exp * 1000).toISOString() } : {}),
    client: networkOf(clientAddress(req.headers['x-forwarded-for'], req.socket?.remoteAddress)),
    ...(userAgent ? { userAgent } : {}),
    ...(lang ? { lang: lang.slice(0, 5) } : {}),
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
  try {
    reports.disclosed?.(linkDisclosure(req, roundId, ext, query));
  } catch {
    // The log reports its own failures; the report is already on its way.
  }
}
