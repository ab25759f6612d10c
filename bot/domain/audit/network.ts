import { isIPv4, isIPv6 } from 'node:net';

/** The eight 16-bit groups of an IPv6 address (`::` expanded, an IPv4 tail converted). */
function groups(address: string): number[] | undefined {
  let text = address;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = v4[1].split('.').map(Number);
    text = `${text.slice(0, -v4[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === undefined ? 0 : 8 - left.length - right.length;
  const all = [...left, ...Array<string>(fill).fill('0'), ...right].map((h) => parseInt(h, 16));
  return all.length === 8 && all.every((n) => n >= 0 && n <= 0xffff) ? all : undefined;
}

/**
 * The network a client address belongs to, as the disclosure log keeps it: an IPv4 address
 * cut to its /24 (`203.0.113.0/24`), an IPv6 one to its /48 (`2001:db8:1::/48`); an IPv4
 * address written as IPv6 (`::ffff:203.0.113.7`) counts as IPv4. `undefined` for anything
 * that is no address.
 */
export function networkOf(address: string | undefined): string | undefined {
  const a = (address ?? '').trim().replace(/%.*$/, '');
  if (isIPv4(a)) return `${a.split('.').slice(0, 3).join('.')}.0/24`;
  if (!isIPv6(a)) return undefined;
  const g = groups(a.toLowerCase());
  if (!g) return undefined;
  if (g.slice(0, 5).every((n) => n === 0) && g[5] === 0xffff) {
    const [hi = 0, lo = 0] = g.slice(6);
    return networkOf(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  const head = g.slice(0, 3);
  while (head.length && head.at(-1) === 0) head.pop();
  return `${head.map((n) => n.toString(16)).join(':')}::/48`;
}

/**
 * The address of whoever sent a request: the last `X-Forwarded-For` entry when there is one
 * (what the nearest proxy saw; App Service's front end puts the client there, with its
 * port), else the connection's own. The port is dropped, and `[…]` around IPv6.
 */
export function clientAddress(
  forwardedFor: string | string[] | undefined,
  remote: string | undefined,
): string | undefined {
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
  const last = header?.split(',').at(-1)?.trim();
  const raw = last || remote;
  if (!raw) return undefined;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(raw);
  if (bracketed?.[1]) return bracketed[1];
  const v4port = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(raw);
  return v4port?.[1] ?? raw;
}
