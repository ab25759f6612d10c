import fs from 'node:fs';
import path from 'node:path';
import { parseRoundFile } from '../bot/domain/round-file';
import type { Round } from '../bot/domain/round';
import { openStorage } from '../storage';
import { seedDemoAnswers } from './demo-answers';

const DAY = 86_400_000;

/** `2026-12-07T16:00:00+02:00`-style local time in Helsinki for a date `days` from now. */
function helsinki(now: Date, days: number, hhmm: string): string {
  const d = new Date(now.getTime() + days * DAY);
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(d);
  const offset =
    new Intl.DateTimeFormat('en', { timeZone: 'Europe/Helsinki', timeZoneName: 'longOffset' })
      .formatToParts(d)
      .find((p) => p.type === 'timeZoneName')
      ?.value.replace('GMT', '') || '+00:00';
  return `${date}T${hhmm}:00${offset}`;
}

/**
 * The sample round as a practice round that is open now (deadline in two weeks), so a
 * newcomer in the Playground can fill in and submit the pre-assignment.
 */
export function demoRound(now = new Date()): Round {
  const file = path.resolve(__dirname, '..', 'rounds', 'pohjois-savo-2025.yaml');
  const sample = parseRoundFile(fs.readFileSync(file, 'utf8'), file);
  return {
    ...sample,
    id: 'pohjois-savo-harjoitus',
    title: {
      fi: `${sample.title.fi} (harjoitus)`,
      sv: `${sample.title.sv ?? sample.title.fi} (övning)`,
      en: `${sample.title.en ?? sample.title.fi} (practice)`,
    },
    deadline: helsinki(now, 14, '16:00'),
    meetingAt: helsinki(now, 21, '09:00'),
  };
}

/**
 * Saves the practice round into the embedded storage of a bot using `dataDir`, with answers
 * from several organisations under all ten goals and the workshop's first points.
 */
export async function saveDemoRound(dataDir: string): Promise<Round> {
  const storage = await openStorage({ kind: 'embedded', dataDir, tablePrefix: 'hyte' });
  try {
    const round = demoRound();
    await storage.stores.rounds.save(round);
    await seedDemoAnswers(storage.stores, round, new Date());
    return round;
  } finally {
    await storage.close();
  }
}
