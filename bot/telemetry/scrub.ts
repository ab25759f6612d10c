/**
 * Report links carry their signature in the query string, and storage SAS tokens would too:
 * telemetry keeps a URL's scheme, host and path only.
 */
export function withoutQuery(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s?#"']*)[?#][^\s"']*/gi, '$1');
}

/** Attributes holding a bare request target or query, which `withoutQuery` cannot see as URLs. */
const TARGET_KEYS = new Set(['http.target', 'url.path']);
const QUERY_KEYS = new Set(['url.query', 'http.query']);
/**
 * Who is calling: a report reader's browser address and user agent are personal data (the
 * exporter would turn the address into `ai.location.ip`); nothing here needs them.
 */
const CLIENT_KEYS = new Set([
  'client.address',
  'http.client_ip',
  'net.peer.ip',
  'net.sock.peer.addr',
  'network.peer.address',
  'user_agent.original',
  'http.user_agent',
]);

/**
 * Scrubs a span's or log record's attributes in place: no query strings anywhere, no client
 * address, no Authorization header even if an instrumentation was told to record headers.
 */
export function scrubAttributes(attributes: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(attributes)) {
    if (QUERY_KEYS.has(key) || CLIENT_KEYS.has(key) || /authorization|cookie/i.test(key)) {
      delete attributes[key];
    } else if (typeof value === 'string') {
      attributes[key] = TARGET_KEYS.has(key) ? value.replace(/[?#].*$/, '') : withoutQuery(value);
    }
  }
}
