import type { Request, Response } from 'restify';
import type { Disclosure } from '../domain/ports';
import { verifyReportLink } from './report-links';
import { linkDisclosure } from './report-route';

export interface ContactsDeps {
  /** `/rounds/{roundId}/contacts.xlsx` behind signed links; absent = 404. */
  contacts?: {
    secret: string;
    now(): Date;
    render(roundId: string): Promise<Buffer | undefined>;
    /** Told of each list served (the disclosure log); returns at once and never throws. */
    disclosed?: (entry: Omit<Disclosure, 'at'>) => void;
  };
}

const ROUND_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** `GET /rounds/:roundId/contacts.xlsx?exp=…&sig=…`: the round's contact list, 403 unless signed. */
export async function contactsRoute(deps: ContactsDeps, req: Request, res: Response) {
  const contacts = deps.contacts;
  const roundId = String(req.params.roundId ?? '');
  if (!contacts || !ROUND_ID.test(roundId)) {
    res.send(404, { error: 'not found' });
    return;
  }
  const query = new URL(req.url ?? '', 'http://x').searchParams;
  const ok = verifyReportLink(
    contacts.secret,
    roundId,
    query.get('exp') ?? undefined,
    query.get('sig') ?? undefined,
    contacts.now(),
    'contacts',
  );
  if (!ok) {
    res.send(403, { error: 'the link is not valid or has expired' });
    return;
  }
  const body = await contacts.render(roundId);
  if (!body) {
    res.send(404, { error: 'not found' });
    return;
  }
  res.writeHead(200, {
    'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'content-disposition': `attachment; filename="${roundId}-yhteystiedot.xlsx"`,
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(body);
  try {
    // Names and e-mails of every respondent: disclosed as the koonti is, and logged so.
    contacts.disclosed?.(linkDisclosure(req, roundId, 'contacts.xlsx', query));
  } catch {
    // The log reports its own failures; the list is already on its way.
  }
}
