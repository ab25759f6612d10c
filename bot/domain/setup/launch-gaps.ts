import type { Round } from '../round';

/** Something a round still needs before it can be launched. */
export type LaunchGap =
  | { kind: 'noGoal' }
  | { kind: 'noOrganisation' }
  | { kind: 'noRespondents'; organisationId: string; name: string }
  | { kind: 'deadlinePast' }
  | { kind: 'deadlineAfterMeeting' };

/**
 * What keeps `round` from being launched at `now`: no goal, no organisation, an organisation
 * nobody answers for, a deadline that has passed or falls after the meeting. Empty = ready.
 */
export function launchGaps(round: Round, now: Date): LaunchGap[] {
  const gaps: LaunchGap[] = [];
  if (round.goals.length === 0) gaps.push({ kind: 'noGoal' });
  if (round.organisations.length === 0) gaps.push({ kind: 'noOrganisation' });
  for (const o of round.organisations)
    if (o.respondents.length === 0)
      gaps.push({ kind: 'noRespondents', organisationId: o.id, name: o.name });
  if (Date.parse(round.deadline) <= now.getTime()) gaps.push({ kind: 'deadlinePast' });
  if (Date.parse(round.deadline) > Date.parse(round.meetingAt))
    gaps.push({ kind: 'deadlineAfterMeeting' });
  return gaps;
}
