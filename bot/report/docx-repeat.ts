import { once } from 'node:events';
import zlib from 'node:zlib';
import { Zip, ZipPassThrough, strFromU8, unzipSync } from 'fflate';
import { escapeHtml } from './escape';

/**
 * A block of paragraphs the `docx` library writes once, with a mark where each text goes,
 * and the texts of every copy of it.
 */
export interface RepeatedBlock {
  /** Texts the library wrote as whole text runs in the block, in document order; unique in the document. */
  marks: readonly string[];
  /** One entry per copy: a text for each mark, in the same order. */
  rows: Iterable<readonly string[]>;
}

/** Where the library writes a text run's text (it always preserves spaces). */
const TEXT_OPEN = '<w:t xml:space="preserve">';
const TEXT_CLOSE = '</w:t>';
/** A line end in a copied text: the same run goes on after a line break, as the library writes it. */
const LINE_BREAK = `${TEXT_CLOSE}<w:br/>${TEXT_OPEN}`;
const LINE_END = /\r\n?|\n/g;
/** Strings are encoded and deflated in pieces about this long, so no copy of the whole body forms. */
const CHUNK = 1 << 16;
const DOCUMENT = 'word/document.xml';

/** User text as the content of a `w:t`: XML specials escaped, forbidden characters dropped. */
const runText = (text: string) => escapeHtml(text).replace(LINE_END, LINE_BREAK);

function indexOnce(xml: string, mark: string): number {
  const at = xml.indexOf(mark);
  if (at < 0 || xml.indexOf(mark, at + mark.length) >= 0)
    throw new Error(`docx mark ${mark} is not in the document exactly once`);
  return at;
}

/** The start of the paragraph (`<w:p>` or `<w:p …>`, not `<w:pPr>`) holding position `at`. */
function paragraphStart(xml: string, at: number): number {
  return Math.max(xml.lastIndexOf('<w:p>', at), xml.lastIndexOf('<w:p ', at));
}

/** A block's XML cut at its marks: `pieces[0] text0 pieces[1] text1 … pieces[n]`. */
function cutBlock(xml: string, marks: readonly string[]) {
  const at = marks.map((m) => indexOnce(xml, m));
  const start = paragraphStart(xml, at[0]!);
  const endAt = xml.indexOf('</w:p>', at.at(-1)!);
  if (start < 0 || endAt < 0 || at.some((a, i) => i > 0 && a < at[i - 1]!))
    throw new Error('docx marks are not in order inside paragraphs');
  const end = endAt + '</w:p>'.length;
  const pieces = at.map((a, i) =>
    xml.slice(i === 0 ? start : at[i - 1]! + marks[i - 1]!.length, a),
  );
  pieces.push(xml.slice(at.at(-1)! + marks.at(-1)!.length, end));
  // Each mark must be a whole run's text, so a copied text cannot end up inside markup.
  pieces.forEach((p, i) => {
    if ((i < marks.length && !p.endsWith(TEXT_OPEN)) || (i > 0 && !p.startsWith(TEXT_CLOSE)))
      throw new Error('a docx mark is not a whole text run');
  });
  return { start, end, pieces };
}

/**
 * Zip entries deflated by Node's zlib. fflate's own streaming deflate takes a 2 MB hash table
 * per entry and new buffers for every piece pushed, tens of MB of garbage for one document;
 * zlib keeps its window outside the heap and is several times faster. fflate still writes
 * the zip container and the checksums (subclassing ZipPassThrough is its documented way to
 * plug in another compressor).
 */
class DeflatedPart extends ZipPassThrough {
  constructor(filename: string) {
    super(filename);
    this.compression = 8;
  }
  /** A part the library wrote, a few kB, deflated at once so one zlib state exists at a time. */
  protected override process(chunk: Uint8Array, final: boolean): void {
    if (!final) throw new Error(`${this.filename} must be pushed whole`);
    this.ondata(null, zlib.deflateRawSync(chunk, { level: 6 }) as Uint8Array<ArrayBuffer>, true);
  }
}

/** The document's body, deflated as it is written. */
class DeflatedStream extends ZipPassThrough {
  private readonly deflate = zlib.createDeflateRaw({ level: 6 });
  constructor(filename: string, onError: (e: Error) => void) {
    super(filename);
    this.compression = 8;
    this.deflate.on('data', (c: Buffer) => this.ondata(null, c as Uint8Array<ArrayBuffer>, false));
    this.deflate.on('end', () => this.ondata(null, new Uint8Array(0), true));
    this.deflate.on('error', onError);
  }
  protected override process(chunk: Uint8Array, final: boolean): void {
    if (final) this.deflate.end(chunk);
    else this.deflate.write(chunk);
  }
  /** Frees zlib at once when the text cannot be written to the end. */
  abort(): void {
    this.deflate.destroy();
  }
  /** Resolves once zlib can take more, so at most its buffer of text waits for it. */
  async drained(): Promise<void> {
    if (this.deflate.writableNeedDrain) await once(this.deflate, 'drain');
  }
}

/**
 * Copies blocks of a document the `docx` library wrote, once per row, as the package is
 * zipped again. The library keeps every paragraph of a document as a tree of objects and
 * then its whole XML as one string, which for a long, regular body (15 000 measures) takes
 * several hundred MB; here the library still decides every paragraph's and run's formatting
 * and the numbering, by writing one copy, and only the texts of the other copies are
 * written, escaped, straight into the deflate stream in small pieces.
 */
export async function repeatBlocks(
  docx: Uint8Array,
  blocks: readonly RepeatedBlock[],
): Promise<Buffer> {
  const files = unzipSync(docx);
  const xml = strFromU8(files[DOCUMENT] ?? new Uint8Array());
  const cut = blocks.map((b) => ({ ...cutBlock(xml, b.marks), rows: b.rows }));
  cut.sort((a, b) => a.start - b.start);
  cut.forEach((c, i) => {
    if (i > 0 && c.start < cut[i - 1]!.end) throw new Error('docx blocks overlap');
  });

  const out: Uint8Array[] = [];
  const zipped = new Promise<Buffer>((resolve, reject) => {
    const zip = new Zip((err, data, final) => {
      if (err) return reject(err);
      out.push(data);
      if (final) resolve(Buffer.concat(out));
    });
    let body: DeflatedStream | undefined;
    for (const [name, data] of Object.entries(files)) {
      if (name === DOCUMENT) zip.add((body = new DeflatedStream(name, reject)));
      else {
        const part = new DeflatedPart(name);
        zip.add(part);
        part.push(data, true);
      }
    }
    zip.end();
    if (body)
      writeBody(body, xml, cut).catch((e: unknown) => {
        body.abort();
        reject(e as Error);
      });
  });
  return zipped;
}

/** The library's document.xml with each block's copies in place of its one copy. */
async function writeBody(
  file: DeflatedStream,
  xml: string,
  cut: ReadonlyArray<ReturnType<typeof cutBlock> & Pick<RepeatedBlock, 'rows'>>,
): Promise<void> {
  let pending = '';
  const flush = async () => {
    file.push(Buffer.from(pending, 'utf8'));
    pending = '';
    await file.drained();
  };
  let from = 0;
  for (const { start, end, pieces, rows } of cut) {
    pending += xml.slice(from, start);
    for (const row of rows) {
      pending += pieces[0]!;
      for (let i = 1; i < pieces.length; i++) pending += runText(row[i - 1] ?? '') + pieces[i]!;
      if (pending.length >= CHUNK) await flush();
    }
    from = end;
  }
  file.push(Buffer.from(pending + xml.slice(from), 'utf8'), true);
}
