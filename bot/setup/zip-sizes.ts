/** What a ZIP's central directory says about it. */
export interface ZipSizes {
  entries: number;
  /** Sum of the entries' uncompressed sizes, as declared. */
  uncompressed: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

/**
 * Reads the sizes a ZIP (an XLSX) declares from its central directory, without inflating
 * anything, so a small file that would unpack to gigabytes is refused before a parser sees
 * it. `undefined` for a file that is no plain ZIP (ZIP64 included: a contact list never
 * needs it). The unzip library checks that each entry inflates to its declared size.
 */
export function zipSizes(bytes: Uint8Array): ZipSizes | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const from = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= from; i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const entries = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);
  if (entries === 0xffff || offset === 0xffffffff || offset + size > bytes.length) return undefined;
  let at = offset;
  let uncompressed = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) return undefined;
    const entrySize = view.getUint32(at + 24, true);
    if (entrySize === 0xffffffff) return undefined;
    uncompressed += entrySize;
    at +=
      46 +
      view.getUint16(at + 28, true) +
      view.getUint16(at + 30, true) +
      view.getUint16(at + 32, true);
  }
  return { entries, uncompressed };
}
