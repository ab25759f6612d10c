import { unzipSync } from 'fflate';

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;|&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** The text of each paragraph of `word/document.xml`, in document order; a line break is `\n`. */
export function docxParagraphs(docx: Uint8Array): string[] {
  const xml = Buffer.from(unzipSync(new Uint8Array(docx))['word/document.xml'] ?? []).toString(
    'utf8',
  );
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)]
      .map((m) => (m[1] === undefined ? '\n' : decode(m[1])))
      .join(''),
  );
}
