import type { ChannelThreads } from '../domain/ports';
import type { CoordinatorDeps } from '../coordinator';

/** What the workshop's use cases need: the coordinator's ports and the channel threads. */
export type WorkshopDeps = Pick<
  CoordinatorDeps,
  'stores' | 'rounds' | 'messenger' | 'pipeline' | 'clock' | 'timeZone' | 'owner'
> & {
  threads: ChannelThreads;
  /** Told about failures that must not fail the turn (a card update that did not land). */
  onError?: (e: unknown) => void;
};
