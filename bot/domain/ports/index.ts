/**
 * The one home of every port: what use cases need from storage, Teams, time and telemetry,
 * as small interfaces. Azure Tables, in-memory and Teams implementations live outside the
 * domain (storage/, bot/teams/); tests pass fakes.
 */
export { type Clock, systemClock } from './clock';
export type { Versioned } from './versioned';
export type { RoundStore } from './round-store';
export type {
  OrganisationSheet,
  MeasureWrite,
  SheetWrite,
  SheetWritten,
  SheetRewrite,
  SheetsRewritten,
  ResponseStore,
} from './response-store';
export { StoredReference, GraphInstall, type ConversationStore } from './conversation-store';
export type { DeliveryStore } from './delivery-store';
export { CouncilChannel, LaunchRecord, type RoundStateStore } from './round-state-store';
export type {
  ThreadKey,
  WorkshopRewrite,
  WorkshopRewritten,
  WorkshopStore,
} from './workshop-store';
export { type CallSite, type Through, direct, type Messenger, conversationIdOf } from './messenger';
export {
  InstallProblem,
  type DirectoryUser,
  type Refused,
  type Installer,
  isRefused,
} from './installer';
export { type StartedThread, type ChannelThreads, threadReference } from './channel-threads';
export {
  type TelemetryAttrs,
  Metrics,
  type MetricName,
  Spans,
  type SpanName,
  type ActiveSpan,
  type TraceFields,
  type Telemetry,
  noTelemetry,
} from './telemetry';
export { Disclosure, DisclosureVia, type RecordStore } from './record-store';
export type { Stores, UseCaseStores } from './stores';
export type { DownloadLimits, FileDownloads } from './file-download';
export { ContactUpload, type SetupStore } from './setup-store';
