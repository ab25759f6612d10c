/**
 * Rounds: importing and deleting them, the sample rounds, and how use cases read round
 * definitions (cached, with the home tenant filled in) and a round's koonti.
 */
export { cachedRoundStore } from './cached-rounds';
export { withHomeTenant } from './home-tenant';
export { readKoonti } from './koonti-read';
export {
  type CarryResult,
  type ImportResult,
  carryMeasures,
  importRound,
  operatorActor,
  SYSTEM_ACTOR,
} from './round-import';
export { changeRound, type RoundChanged } from './round-change';
export { endSetup, saveRoundChange, withoutSetup } from './setup-change';
export { deleteRoundData } from './round-delete';
export { importSampleRounds } from './sample-rounds';
