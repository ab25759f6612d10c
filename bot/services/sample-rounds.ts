import fs from 'node:fs/promises';
import path from 'node:path';
import type { RoundStore } from '../domain/ports';
import { parseRoundFile } from '../domain/round-file';

/**
 * Imports every round file in `dir` when storage holds no round yet, so a fresh `npm start`
 * has something to show. Returns the ids imported (none when storage already had rounds).
 */
export async function importSampleRounds(rounds: RoundStore, dir: string): Promise<string[]> {
  if ((await rounds.list()).length > 0) return [];
  const files = (await fs.readdir(dir).catch(() => [] as string[]))
    .filter((f) => /\.(ya?ml|json)$/i.test(f))
    .sort();
  const imported: string[] = [];
  for (const file of files) {
    const text = await fs.readFile(path.join(dir, file), 'utf8');
    const round = parseRoundFile(text, file);
    await rounds.save(round);
    imported.push(round.id);
  }
  return imported;
}
