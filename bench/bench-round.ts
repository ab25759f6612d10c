import { type Person, Round } from '../bot/domain/round';

/**
 * A round far in the future with `goals` goals (one unless told), and `respondents(o)` for
 * each organisation; every fourth organisation is an NGO, the rest municipalities.
 */
export function benchRound(
  id: string,
  organisations: number,
  respondents: (organisation: number) => Person[] = () => [],
  goals = 1,
): Round {
  return Round.parse({
    id,
    title: { fi: 'Kuormitustesti' },
    region: 'Bench',
    meetingAt: '2099-09-16T09:00:00+03:00',
    deadline: '2099-09-09T16:00:00+03:00',
    coordinators: [{ email: 'coordinator@example.fi' }],
    goals: Array.from({ length: goals }, (_, g) => ({
      id: goals === 1 ? 'goal' : `goal-${g}`,
      title: { fi: goals === 1 ? 'Tavoite' : `Tavoite ${g + 1}` },
    })),
    organisations: Array.from({ length: organisations }, (_, o) => ({
      id: `org-${o}`,
      name: `Organisaatio ${o}`,
      kind: o % 4 ? 'municipality' : 'ngo',
      respondents: respondents(o),
    })),
  });
}
