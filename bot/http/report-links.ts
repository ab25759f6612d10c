import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** How long a posted report link works. */
export const REPORT_LINK_TTL_SECONDS = 30 * 24 * 3600;

/** What a link opens; a link signed for one never opens another. */
type LinkPurpose = 'report' | 'report-drafts' | 'contacts';

const signature = (secret: string, roundId: string, exp: number, purpose: LinkPurpose = 'report') =>
  createHmac('sha256', secret).update(`${purpose}\n${roundId}\n${exp}`).digest('base64url');

/** How long a contact list link works: it names people, so a day (the round card makes a new one). */
export const CONTACTS_LINK_TTL_SECONDS = 24 * 3600;

/** A link to the report page that works until `exp`; the same signature serves every format. */
export function signedReportUrl(
  publicUrl: string,
  secret: string,
  roundId: string,
  now: Date,
  ttlSeconds = REPORT_LINK_TTL_SECONDS,
  options: { drafts?: boolean } = {},
): string {
  const exp = Math.floor(now.getTime() / 1000) + ttlSeconds;
  const base = publicUrl.replace(/\/+$/, '');
  // A link with drafts is signed as such: `drafts=1` cannot be added to a link without.
  const purpose = options.drafts ? 'report-drafts' : 'report';
  const drafts = options.drafts ? '&drafts=1' : '';
  return `${base}/reports/${encodeURIComponent(roundId)}?exp=${exp}${drafts}&sig=${signature(secret, roundId, exp, purpose)}`;
}

/** A link to the round's contact list (XLSX), valid for a day. */
export function signedContactsUrl(
  publicUrl: string,
  secret: string,
  roundId: string,
  now: Date,
  ttlSeconds = CONTACTS_LINK_TTL_SECONDS,
): string {
  const exp = Math.floor(now.getTime() / 1000) + ttlSeconds;
  const base = publicUrl.replace(/\/+$/, '');
  return `${base}/rounds/${encodeURIComponent(roundId)}/contacts.xlsx?exp=${exp}&sig=${signature(secret, roundId, exp, 'contacts')}`;
}

/** True when `sig` was made with `secret` for this round and `exp` has not passed. */
export function verifyReportLink(
  secret: string,
  roundId: string,
  exp: string | undefined,
  sig: string | undefined,
  now: Date,
  purpose: LinkPurpose = 'report',
): boolean {
  if (!exp || !sig || !/^\d{1,12}$/.test(exp)) return false;
  if (Number(exp) * 1000 < now.getTime()) return false;
  const want = Buffer.from(signature(secret, roundId, Number(exp), purpose));
  const got = Buffer.from(sig);
  return got.length === want.length && timingSafeEqual(got, want);
}

/**
 * Which posted link a request used, for the disclosure log: a short digest of its signature.
 * The signature itself opens the report, so it is never kept.
 */
export function linkIdOf(sig: string): string {
  return createHash('sha256').update(`link\n${sig}`).digest('base64url').slice(0, 12);
}
