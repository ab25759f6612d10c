import { type Person, Round } from '../bot/domain/round';

/** A round far in the future with one goal, and `respondents(o)` for each organisation. */
export function benchRound(
  id: string,
  organisations: number,
  respondents: (organisation: number) => Person[],
): Round {
  return Round.parse({
    id,
    title: { fi: 'Kuormitustesti' },
    region: 'Bench',
    meetingAt: '2099-09-16T09:00:00+03:00',
    deadline: '2099-09-09T16:00:00+03:00',
    coordinators: [{ email: 'coordinator@example.fi' }],
    goals: [{ id: 'goal', title: { fi: 'Tavoite' } }],
    organisations: Array.from({ length: organisations }, (_, o) => ({
      id: `org-${o}`,
      name: `Organisaatio ${o}`,
      kind: 'municipality',
      respondents: respondents(o),
    })),
  });
}
