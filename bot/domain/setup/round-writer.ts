import { stringify } from 'yaml';
import type { Round } from '../round';

/** The round's fields in the order round files are read best (as in rounds/*.yaml). */
const ORDER: ReadonlyArray<keyof Round> = [
  'id',
  'title',
  'region',
  'meetingAt',
  'deadline',
  'closesAt',
  'tenantId',
  'previousRound',
  'planPeriod',
  'setup',
  'coordinators',
  'reminders',
  'goals',
  'organisations',
];

/**
 * A round as a round file (YAML) that `hyte round import` reads back to the same round:
 * every field written out, defaults included, so nothing depends on them staying the same.
 */
export function roundFileText(round: Round, comment?: string): string {
  const ordered: Record<string, unknown> = {};
  for (const key of ORDER) if (round[key] !== undefined) ordered[key] = round[key];
  for (const [key, value] of Object.entries(round))
    if (!(key in ordered) && value !== undefined) ordered[key] = value;
  const body = stringify(ordered, { lineWidth: 0, schema: 'core' });
  const head = comment
    ? comment
        .split('\n')
        .map((l) => `# ${l}`.trimEnd())
        .join('\n') + '\n'
    : '';
  return head + body;
}
