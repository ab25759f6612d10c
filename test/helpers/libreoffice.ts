import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Runs soffice headless with its profile in `home`; fails (never skips) when it is missing. */
export function soffice(home: string, args: string[]): void {
  const r = spawnSync('soffice', ['--headless', ...args], {
    env: { ...process.env, HOME: home },
    encoding: 'utf8',
    timeout: 90_000,
  });
  assert.ifError(r.error);
  assert.equal(r.status, 0, r.stderr);
}

/** A Word document as LibreOffice Writer shows it, converted to plain text: its lines. */
export function docxAsText(docx: Uint8Array): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyte-docx-'));
  try {
    const file = path.join(dir, 'koonti.docx');
    fs.writeFileSync(file, docx);
    soffice(path.join(dir, 'home'), ['--convert-to', 'txt:Text', '--outdir', dir, file]);
    return fs.readFileSync(path.join(dir, 'koonti.txt'), 'utf8').split(/\r?\n/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
