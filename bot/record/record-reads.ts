import type { Disclosure, Stores } from '../domain/ports';
import { inTimeOrder } from '../domain/audit/changes';
import type { Version } from '../domain/audit/version';

/** `hyte round history --json`: the round's versions in time order (each names its round too). */
export interface RoundHistory {
  roundId: string;
  versions: Version[];
}

/**
 * Every kept version of a round, in time order: its answers (every organisation's, or one's),
 * and with no organisation named, its workshop points and its set-up too.
 */
export async function roundHistory(
  stores: Pick<Stores, 'responses' | 'workshops' | 'rounds'>,
  roundId: string,
  options: { organisationId?: string } = {},
): Promise<RoundHistory> {
  const { organisationId } = options;
  const [answers, points, setup] = await Promise.all([
    stores.responses.versions(roundId, { organisationId }),
    organisationId === undefined ? stores.workshops.versions(roundId) : [],
    organisationId === undefined ? stores.rounds.versions(roundId) : [],
  ]);
  return { roundId, versions: [...setup, ...answers, ...points].sort(inTimeOrder) };
}

/** `hyte round access-log --json`. */
export interface AccessLog {
  roundId: string;
  entries: Array<Omit<Disclosure, 'roundId'>>;
}

/** Every disclosure of a round's koonti, in time order. */
export async function accessLog(
  stores: Pick<Stores, 'record'>,
  roundId: string,
): Promise<AccessLog> {
  const entries = (await stores.record.disclosures(roundId))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
    .map(({ roundId: _round, ...e }) => e);
  return { roundId, entries };
}
