import type { Stores } from '../domain/ports';

/** Deletes a round and everything stored about it: answers, deliveries, channel, definition. */
export async function deleteRoundData(stores: Stores, roundId: string): Promise<void> {
  await stores.responses.deleteRound(roundId);
  await stores.deliveries.deleteRound(roundId);
  await stores.roundState.deleteRound(roundId);
  await stores.rounds.delete(roundId);
}
