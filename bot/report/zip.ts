import zlib from 'node:zlib';
import { TooLargeError, ValidationError } from '../domain/errors';

/** One file to put in an archive; a string is written as UTF-8. */
export interface ZipEntry {
  name: string;
  data: Buffer | string;
}

let table: Uint32Array | undefined;

/** CRC-32 (IEEE 802.3) by lookup table: the fallback where `zlib.crc32` is missing. */
export function crc32Table(data: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of data) crc = (table[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

// zlib.crc32 arrived in Node 20.15 and 22.2; the engines range allows nothing older, but the
// check keeps the writer working on any runtime that lacks it.
const nativeCrc = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/** CRC-32 as ZIP stores it. */
export function crc32(data: Uint8Array): number {
  return typeof nativeCrc === 'function' ? nativeCrc(data) >>> 0 : crc32Table(data);
}

/** MS-DOS date and time fields (local wall time by definition; we write UTC). */
function dosDateTime(d: Date): { time: number; date: number } {
  const year = Math.min(Math.max(d.getUTCFullYear(), 1980), 2107);
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

const UTF8_NAMES = 0x0800;
const LIMIT = 0xffffffff;

/**
 * A ZIP archive (PKWARE APPNOTE 6.3, no ZIP64) of `files`, each deflated unless storing is
 * smaller. `modified` fixes every entry's time, so the same input gives the same bytes;
 * `level` is zlib's compression level (1 fastest … 9 smallest, default 6).
 */
export function zipFiles(
  files: readonly ZipEntry[],
  options: { modified?: Date; level?: number } = {},
): Buffer {
  if (files.length > 0xffff) throw new TooLargeError('ZIP archive', `${files.length} files`);
  const { time, date } = dosDateTime(options.modified ?? new Date(Date.UTC(1980, 0, 1)));
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const data = typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : file.data;
    const deflated = zlib.deflateRawSync(data, { level: options.level ?? 6 });
    const store = deflated.length >= data.length;
    const body = store ? data : deflated;
    const crc = crc32(data);
    if (data.length > LIMIT || offset + body.length + 30 + name.length > LIMIT)
      throw new TooLargeError('ZIP archive', 'over 4 GiB (ZIP64 is not supported)');

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(store ? 0 : 8, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);

    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4); // made by: MS-DOS, 2.0
    local.copy(entry, 6, 4, 30); // version needed … name length, extra length: same as local
    // comment length, disk number, internal and external attributes stay 0
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);

    parts.push(local, name, body);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

const corrupt = (path: string, message: string) => new ValidationError([{ path, message }]);

/**
 * Reads a ZIP archive such as `zipFiles` writes (stored or deflated entries, no ZIP64) into
 * a map of name → content, checking every size and CRC-32. Meant for archives we made
 * ourselves (tests, the app package check): inflating stops at the declared size.
 */
export function unzip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > zip.length) throw corrupt('zip', 'no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50)
      throw corrupt('zip', `bad central directory entry ${i}`);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const size = zip.readUInt32LE(at + 20);
    const length = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50)
      throw corrupt(name, 'bad local file header');
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const body = zip.subarray(start, start + size);
    if (body.length !== size) throw corrupt(name, 'truncated');
    let data: Buffer;
    if (method === 0) data = body;
    else if (method === 8)
      data = zlib.inflateRawSync(body, { maxOutputLength: Math.max(1, length) });
    else throw corrupt(name, `unsupported compression method ${method}`);
    if (data.length !== length) throw corrupt(name, 'size mismatch');
    if (crc32(data) !== crc) throw corrupt(name, 'CRC-32 mismatch');
    files.set(name, data);
    at += 46 + skip;
  }
  return files;
}
