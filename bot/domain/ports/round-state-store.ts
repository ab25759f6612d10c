import { z } from 'zod';
import { StoredReference } from './conversation-store';

/** The council channel a round's koonti goes to, linked by a coordinator. */
export const CouncilChannel = z.object({
  roundId: z.string(),
  conversationId: z.string(),
  ref: StoredReference,
  linkedBy: z.string(),
  linkedAt: z.string(),
});
export type CouncilChannel = z.infer<typeof CouncilChannel>;

/** Where and by whom a round was launched: reminders go out in that tenant. */
export const LaunchRecord = z.object({
  roundId: z.string(),
  tenantId: z.string(),
  launchedBy: z.string(),
  launchedAt: z.string(),
});
export type LaunchRecord = z.infer<typeof LaunchRecord>;

export interface RoundStateStore {
  getCouncil(roundId: string): Promise<CouncilChannel | undefined>;
  setCouncil(channel: CouncilChannel): Promise<void>;
  getLaunch(roundId: string): Promise<LaunchRecord | undefined>;
  /** The first launch is kept: later launches only send to those not yet reached. */
  setLaunchOnce(launch: LaunchRecord): Promise<void>;
  /** Replaces the launch record as it is (erasure renames who launched). */
  putLaunch(launch: LaunchRecord): Promise<void>;
  deleteRound(roundId: string): Promise<void>;
}
