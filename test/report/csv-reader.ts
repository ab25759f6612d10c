/**
 * RFC 4180 reader, strict: a record ends only at `lineEnd` (CRLF unless told); a bare CR or
 * LF inside a field must be quoted. Throws on anything else, so a writer's slip shows.
 */
export function parseCsv(text: string, lineEnd = '\r\n'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      for (i++; ; i++) {
        if (i >= text.length) throw new Error('unterminated quote');
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i++;
        } else if (text[i] === '"') break;
        else field += text[i];
      }
      i++;
    } else {
      while (i < text.length && !',\r\n'.includes(text[i]!)) field += text[i++];
    }
    row.push(field);
    if (text[i] === ',') i++;
    else if (text.startsWith(lineEnd, i)) {
      rows.push(row);
      row = [];
      i += lineEnd.length;
      if (i === text.length) return rows;
    } else throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
}

/**
 * The cells a program splitting lines on `sep` sees (Finnish Excel uses `;`): a quote is
 * special only at the start of a cell, as in those programs.
 */
export function naiveCells(text: string, sep: string): string[] {
  return text.split(/\r\n|\n/).flatMap((line) => line.split(sep));
}
