import type { Round } from './round';

/** When answers stop being accepted: `closesAt` when a coordinator set one, else the deadline. */
export function answersCloseAt(round: Round): Date {
  return new Date(round.closesAt ?? round.deadline);
}

/** Whether respondents may still change their answers at `now`. */
export function answersOpen(round: Round, now: Date): boolean {
  return now.getTime() < answersCloseAt(round).getTime();
}
