import { isDomainError } from '../bot/domain/errors';
import { CouncilChannel, LaunchRecord, type RoundStateStore } from '../bot/domain/ports';
import type { Table } from './table';

/** Small per-round state kept apart from the definition, which a re-import replaces. */
export function tableRoundStateStore(table: Table): RoundStateStore {
  return {
    async getCouncil(roundId) {
      const e = await table.get(roundId, 'council');
      return e && CouncilChannel.parse(e.doc);
    },
    async setCouncil(channel) {
      await table.upsert(channel.roundId, 'council', CouncilChannel.parse(channel));
    },
    async getLaunch(roundId) {
      const e = await table.get(roundId, 'launch');
      return e && LaunchRecord.parse(e.doc);
    },
    async setLaunchOnce(launch) {
      try {
        await table.create(launch.roundId, 'launch', LaunchRecord.parse(launch));
      } catch (e) {
        if (!isDomainError(e, 'AlreadyExists')) throw e;
      }
    },
    async putLaunch(launch) {
      await table.upsert(launch.roundId, 'launch', LaunchRecord.parse(launch));
    },
    async deleteRound(roundId) {
      await table.delete(roundId, 'council');
      await table.delete(roundId, 'launch');
    },
  };
}
