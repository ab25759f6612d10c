/**
 * Table Storage forbids `/ \ # ?` and control characters in PartitionKey and RowKey. Keys are
 * percent-encoded character by character, so an encoded prefix stays a prefix of every
 * encoded key that starts with it (row-key prefix queries keep working) and order among
 * ordinary characters is kept.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be encoded
const FORBIDDEN = /[%/\\#?\u0000-\u001f\u007f-\u009f]/g;

export const MAX_KEY_CHARS = 512; // Azure allows 1 KiB of UTF-16

export function encodeKey(key: string): string {
  return key.replace(FORBIDDEN, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export function decodeKey(key: string): string {
  return key.replace(/%([0-9a-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The smallest string greater than every string starting with `prefix` (for range queries). */
export function prefixEnd(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}
