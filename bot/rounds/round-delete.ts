import type { Stores } from '../domain/ports';

/**
 * Deletes a round and everything stored about it. The definition goes first: every card
 * action reads it, so from then on no save can start. Answers are swept twice, because a save
 * that had already read the definition may land while the first sweep runs; the second finds
 * it, so no partition is left behind. The record of the round — versions and disclosures —
 * goes with it.
 */
export async function deleteRoundData(stores: Stores, roundId: string): Promise<void> {
  await stores.rounds.delete(roundId);
  await stores.responses.deleteRound(roundId);
  await stores.deliveries.deleteRound(roundId);
  await stores.roundState.deleteRound(roundId);
  await stores.workshops.deleteRound(roundId);
  await stores.setup.deleteRound(roundId);
  await stores.record.deleteRound(roundId);
  await stores.responses.deleteRound(roundId);
}
