import { Round, type RoundInput } from '../../bot/domain/round';
import type { AuthenticatedUser } from '../../bot/domain/identity';
import type { Lang } from '../../bot/domain/localized-text';
import type { Origin } from '../../bot/lib/route';
import type { SheetView } from '../../cards';

/** Entra object ids of the fixture people. */
export const AAD = {
  anna: '11111111-1111-4111-8111-111111111111',
  ben: '22222222-2222-4222-8222-222222222222',
  siri: '33333333-3333-4333-8333-333333333333',
  olli: '44444444-4444-4444-8444-444444444444',
  stranger: '99999999-9999-4999-8999-999999999999',
} as const;

/** A small round: three goals, four organisations, deadline 9 Sept 2025 16:00 Helsinki. */
export function fixtureRoundInput(overrides: Partial<RoundInput> = {}): RoundInput {
  return {
    id: 'pohjois-savo-2025',
    title: {
      fi: 'HYTE-neuvottelut 2025',
      sv: 'HYTE-förhandlingar 2025',
      en: 'HYTE negotiations 2025',
    },
    region: 'Pohjois-Savo',
    meetingAt: '2025-09-16T09:00:00+03:00',
    deadline: '2025-09-09T16:00:00+03:00',
    coordinators: [{ email: 'Koordinaattori@Example.fi' }, { aadObjectId: AAD.olli }],
    goals: [
      {
        id: 'terveyserot',
        title: {
          fi: 'Terveyserojen kaventaminen',
          sv: 'Minskade hälsoskillnader',
          en: 'Narrowing health gaps',
        },
        description: { fi: 'Kohdennetut toimenpiteet hyvinvointivajeisiin.' },
      },
      {
        id: 'osallisuus',
        title: { fi: 'Osallisuuden vahvistaminen', en: 'Stronger participation' },
      },
      { id: 'elintavat', title: { fi: 'Elintavat', sv: 'Levnadsvanor', en: 'Lifestyles' } },
    ],
    organisations: [
      {
        id: 'kuopio',
        name: 'Kuopion kaupunki',
        kind: 'municipality',
        respondents: [{ email: 'anna@kuopio.fi' }, { aadObjectId: AAD.ben }],
      },
      {
        id: 'larsmo',
        name: 'Larsmo kommun',
        kind: 'municipality',
        language: 'sv',
        respondents: [{ aadObjectId: AAD.siri }],
      },
      { id: 'pshva', name: 'Pohjois-Savon hyvinvointialue', kind: 'county' },
      { id: 'mtr', name: 'Mielenterveysyhdistys ry', kind: 'ngo' },
    ],
    ...overrides,
  };
}

export function fixtureRound(overrides: Partial<RoundInput> = {}): Round {
  return Round.parse(fixtureRoundInput(overrides));
}

/** A user as the Teams layer authenticates them. */
export function user(
  who: keyof typeof AAD,
  extra: Partial<AuthenticatedUser> = {},
): AuthenticatedUser {
  const names = { anna: 'Anna A', ben: 'Ben B', siri: 'Siri S', olli: 'Olli O', stranger: 'X Y' };
  return {
    tenantId: 'tenant-1',
    aadObjectId: AAD[who],
    name: names[who],
    ...(who === 'anna' ? { email: 'Anna@Kuopio.FI' } : {}),
    ...extra,
  };
}

/** Well before the fixture deadline. */
export const BEFORE_DEADLINE = new Date('2025-09-02T06:00:00Z');
/** After the fixture deadline (16:00 Helsinki = 13:00 UTC). */
export const AFTER_DEADLINE = new Date('2025-09-09T13:00:01Z');

/** Where a fixture user acts from: their personal chat. */
export function personalOrigin(who: AuthenticatedUser): Origin {
  return {
    ref: {
      reference: { conversation: { id: `a:${who.aadObjectId}` } },
      tenantId: who.tenantId,
      conversationType: 'personal',
      updatedAt: '2025-09-01T06:00:00.000Z',
    },
    conversationId: `a:${who.aadObjectId}`,
  };
}

/** A questionnaire card's sheet view of the fixture round for Kuopio. */
export function sheet(lang: Lang, over: Partial<SheetView> = {}): SheetView {
  const round = fixtureRound();
  return {
    lang,
    timeZone: 'Europe/Helsinki',
    now: BEFORE_DEADLINE,
    round,
    organisation: round.organisations[0]!,
    readOnly: false,
    ...over,
  };
}
