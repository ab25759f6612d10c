/** Characters gathered as a string before they are encoded. */
const CHUNK = 1 << 15;

/**
 * A report's text gathered as UTF-8 bytes, piece by piece. As one JS string a large report
 * takes two bytes a character as soon as it holds one character beyond Latin-1 (a dash,
 * `⚑`, an emoji), and every line stays alive until all are joined; here at most ~32 000
 * characters wait as a string, and what is kept is the UTF-8 a response sends anyway.
 */
export class Utf8Text {
  private pending = '';
  private readonly chunks: Buffer[] = [];

  /** Appends `text` as it is. */
  write(text: string): void {
    this.pending += text;
    if (this.pending.length >= CHUNK) this.flush();
  }

  /** Appends each of `lines` with a line feed after it. */
  line(...lines: string[]): void {
    for (const l of lines) this.write(`${l}\n`);
  }

  private flush(): void {
    this.chunks.push(Buffer.from(this.pending, 'utf8'));
    this.pending = '';
  }

  /** Everything written, as UTF-8. */
  bytes(): Buffer {
    this.flush();
    return Buffer.concat(this.chunks);
  }
}
