/**
 * Delivery: every message to Teams outside a turn, claimed in storage before it is sent and
 * sent through one pipeline with per-tenant lanes; the reminder job.
 */
export { SendPipeline, type PipelineOptions } from './send-pipeline';
export {
  allRecipients,
  deliverAll,
  type DeliveryProgress,
  type Reached,
  type Recipient,
} from './deliver';
export { type GraphReach, installedByBot } from './graph-reach';
export { claimDelivery } from './claim';
export { runReminders } from './reminders';
