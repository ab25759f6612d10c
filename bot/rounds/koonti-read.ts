import { compileKoonti, type Koonti } from '../domain/koonti';
import type { Stores } from '../domain/ports';
import type { Round } from '../domain/round';

/**
 * A round's koonti as stored now: every organisation's sheet and the workshop's points; with
 * `includeDrafts`, the answers of organisations that saved but did not submit too.
 */
export async function readKoonti(
  stores: Pick<Stores, 'responses' | 'workshops'>,
  round: Round,
  now: Date,
  options: { includeDrafts?: boolean } = {},
): Promise<Koonti> {
  const ids = round.organisations.map((o) => o.id);
  const [sheets, points] = await Promise.all([
    stores.responses.listSheets(round.id, ids),
    stores.workshops.listPoints(round.id),
  ]);
  return compileKoonti(round, sheets, { now, points, includeDrafts: options.includeDrafts });
}
