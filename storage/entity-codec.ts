import { TooLargeError } from '../bot/domain/errors';
import type { Doc } from './table';
import { MAX_KEY_CHARS } from './key-codec';

/**
 * Documents are stored as JSON split over string properties `d0`, `d1`, … so any document
 * shape fits Table Storage's property rules. Azurite accepts entities that Azure rejects, so
 * Azure's limits are enforced here, the same for every implementation.
 */
export const LIMITS = {
  /** Azure: 64 KiB per string property, i.e. 32 768 UTF-16 code units; keep a margin. */
  chunkChars: 32_000,
  /** Azure: 1 MiB per entity, counted as documented (keys and strings in UTF-16). */
  entityBytes: 1024 * 1024,
  /** Azure: 4 MiB per entity group transaction. */
  transactionBytes: 4 * 1024 * 1024,
  transactionOps: 100,
};

export type EncodedProps = Record<string, string | number>;

export interface EncodedEntity {
  props: EncodedProps;
  /** Size as Azure counts it. */
  bytes: number;
}

const propBytes = (name: string, value: string | number) =>
  8 + name.length * 2 + (typeof value === 'string' ? 4 + value.length * 2 : 8);

/** The path of the member that makes `value` big, descending while one member dominates. */
function largestPath(value: unknown, path = ''): string {
  if (value === null || typeof value !== 'object') return path || '(document)';
  let best: { key: string; size: number; child: unknown } | undefined;
  let total = 0;
  for (const [key, child] of Object.entries(value)) {
    const size = JSON.stringify(child ?? null).length;
    total += size;
    if (!best || size > best.size) best = { key, size, child };
  }
  if (!best || best.size * 2 < total) return path || '(document)';
  const next = Array.isArray(value)
    ? `${path}[${best.key}]`
    : path
      ? `${path}.${best.key}`
      : best.key;
  return largestPath(best.child, next);
}

/**
 * A document's JSON as stored: ASCII only. Azurite garbles multi-byte characters that straddle
 * a network chunk of a large request (seen with Finnish text), and chunks can be cut anywhere
 * without splitting a character.
 */
export function storedJson(doc: unknown): string {
  return JSON.stringify(doc).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export function encodeEntity(partitionKey: string, rowKey: string, doc: Doc): EncodedEntity {
  for (const [what, key] of [
    ['partition key', partitionKey],
    ['row key', rowKey],
  ] as const) {
    if (key.length === 0 || key.length > MAX_KEY_CHARS)
      throw new TooLargeError(what, `${key.length} characters (1–${MAX_KEY_CHARS} allowed)`);
  }
  const json = storedJson(doc);
  const props: EncodedProps = { n: 0 };
  let chunks = 0;
  for (let i = 0; i < json.length; i += LIMITS.chunkChars) {
    props[`d${chunks++}`] = json.slice(i, i + LIMITS.chunkChars);
  }
  props.n = chunks;
  let bytes = 4 + partitionKey.length * 2 + rowKey.length * 2;
  for (const [name, value] of Object.entries(props)) bytes += propBytes(name, value);
  if (bytes > LIMITS.entityBytes) {
    throw new TooLargeError(
      largestPath(doc),
      `the record would take ${bytes} bytes; Table Storage allows ${LIMITS.entityBytes}`,
    );
  }
  return { props, bytes };
}

export function decodeEntity(props: Record<string, unknown>): Doc {
  const n = Number(props.n ?? 0);
  let json = '';
  for (let i = 0; i < n; i++) json += String(props[`d${i}`] ?? '');
  return JSON.parse(json) as Doc;
}

/** Checks a transaction's size before it is sent (Azurite would accept anything). */
export function checkTransaction(ops: number, bytes: number): void {
  if (ops > LIMITS.transactionOps)
    throw new TooLargeError('transaction', `${ops} operations; at most ${LIMITS.transactionOps}`);
  if (bytes > LIMITS.transactionBytes)
    throw new TooLargeError('transaction', `${bytes} bytes; at most ${LIMITS.transactionBytes}`);
}
