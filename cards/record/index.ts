export { measureHistoryCard, type MeasureHistoryView, HISTORY_PER_PAGE } from './history-card';
