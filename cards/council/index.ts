export { statusCard, type StatusView, STATUS_PAGE_SIZE } from './status-card';
export { progressCard, type ProgressView, type ProgressProblem } from './progress-card';
export { introCard, reminderCard, type RespondentMessageView } from './respondent-cards';
export { summaryCard, type SummaryView, SUMMARY_PAGE_SIZE } from './summary-card';
export { noticeCard, roundsCard, type NoticeKind, type RoundsView } from './notice-card';
export {
  workshopCard,
  workshopStartedCard,
  workshopWhereCard,
  WORKSHOP_CARD_POINTS,
  type WorkshopCardView,
  type WorkshopMessage,
} from './workshop-card';
export { carriedTotal, progressWords } from './follow-up-words';
