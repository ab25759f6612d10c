import fs from 'node:fs/promises';
import path from 'node:path';
import type { Stores } from '../domain/ports';
import type { Round } from '../domain/round';
import { parseRoundFile } from '../domain/round-file';
import { importRound } from './round-import';

/** Earlier rounds before the rounds that follow them up, so each previousRound is stored. */
function inImportOrder(rounds: readonly Round[]): Round[] {
  const pending = new Map(rounds.map((r) => [r.id, r]));
  const out: Round[] = [];
  while (pending.size) {
    const ready = [...pending.values()].filter(
      (r) => !r.previousRound || !pending.has(r.previousRound),
    );
    // A cycle among the files: import them as they are and let the check refuse it.
    for (const r of ready.length ? ready : [...pending.values()]) {
      out.push(r);
      pending.delete(r.id);
    }
  }
  return out;
}

/**
 * Imports every round file in `dir` when storage holds no round yet, so a fresh `npm start`
 * has something to show; a round naming a previousRound gets its measures carried as on
 * `hyte round import`. Returns the ids imported (none when storage already had rounds).
 */
export async function importSampleRounds(stores: Stores, dir: string): Promise<string[]> {
  if ((await stores.rounds.list()).length > 0) return [];
  const files = (await fs.readdir(dir).catch(() => [] as string[]))
    .filter((f) => /\.(ya?ml|json)$/i.test(f))
    .sort();
  const rounds: Round[] = [];
  for (const file of files)
    rounds.push(parseRoundFile(await fs.readFile(path.join(dir, file), 'utf8'), file));
  const imported: string[] = [];
  for (const round of inImportOrder(rounds)) {
    await importRound(stores, round);
    imported.push(round.id);
  }
  return imported;
}
