import type { ConversationStore } from './conversation-store';
import type { DeliveryStore } from './delivery-store';
import type { RecordStore } from './record-store';
import type { ResponseStore } from './response-store';
import type { RoundStateStore } from './round-state-store';
import type { RoundStore } from './round-store';
import type { SetupStore } from './setup-store';
import type { WorkshopStore } from './workshop-store';

/** All stores, as wired in one place. */
export interface Stores {
  rounds: RoundStore;
  responses: ResponseStore;
  conversations: ConversationStore;
  deliveries: DeliveryStore;
  roundState: RoundStateStore;
  workshops: WorkshopStore;
  /** Round set-up in chat: what each person has open, contact lists waiting to be applied. */
  setup: SetupStore;
  /** Disclosures of each round's koonti, and the pseudonym key. */
  record: RecordStore;
  /** Answers when storage is reachable; throws StorageUnavailableError with a reason otherwise. */
  ping(): Promise<void>;
}

/**
 * The stores a use case works with. Round definitions are not among them: a use case reads
 * rounds through the `rounds` the wiring gives it (cached, with the home tenant filled in),
 * the one way it reads them.
 */
export type UseCaseStores = Omit<Stores, 'rounds' | 'ping'>;
