import { Round } from '../../bot/domain/round';
import { activity, message } from './activities';
import { post } from './bot-server';
import { ConnectorEmulator, type Member } from './connector';
import { fixtureRoundInput } from './questionnaire-fixtures';

/** The county (home), a municipality with its own tenant, and another allowed municipality. */
export const HOME = 'aaaaaaaa-0000-4000-8000-00000000000a';
export const KUOPIO = 'bbbbbbbb-0000-4000-8000-00000000000b';
export const IISALMI = 'cccccccc-0000-4000-8000-00000000000c';
export const ALLOWED = [HOME, KUOPIO, IISALMI];

const id = (n: number) => `0000000${n}-0000-4000-8000-000000000000`;

/** People by name: their Entra object id and Teams id in their own tenant. */
export const P = {
  koordinaattori: { aadObjectId: id(1), id: '29:koordinaattori', name: 'Kaija Koordinaattori' },
  kaisa: { aadObjectId: id(2), id: '29:kaisa', name: 'Kaisa Kuopio' },
  matti: { aadObjectId: id(3), id: '29:matti', name: 'Matti Kuopio' },
  liisa: { aadObjectId: id(4), id: '29:liisa', name: 'Liisa Kuopio' },
  nina: { aadObjectId: id(5), id: '29:nina', name: 'Nina Järjestö (vieras)' },
  paula: { aadObjectId: id(6), id: '29:paula', name: 'Paula Pshva' },
  eve: { aadObjectId: id(7), id: '29:eve', name: 'Eve Iisalmi' },
} as const;

export const EMAIL = {
  koordinaattori: 'hyte-koordinaattori@pshva.fi',
  kaisa: 'kaisa@kuopio.fi',
  matti: 'matti@kuopio.fi',
  nina: 'nina@jarjesto.example.org',
  poissa: 'poissa@kuopio.fi',
};

/**
 * A round with a home tenant: Kuopio in its own tenant (Kaisa installed the app personally,
 * Matti and Liisa are only in a Kuopio team, Poissa is in no roster), an NGO whose volunteer
 * Nina is a guest in the county's team with no e-mail in the roster, and the county's Paula.
 */
export function tenantRound(): Round {
  const base = fixtureRoundInput();
  return Round.parse({
    ...base,
    deadline: '2099-09-09T16:00:00+03:00',
    meetingAt: '2099-09-16T09:00:00+03:00',
    tenantId: HOME.toUpperCase(),
    coordinators: [{ email: EMAIL.koordinaattori }],
    organisations: [
      {
        id: 'kuopio',
        name: 'Kuopion kaupunki',
        kind: 'municipality',
        tenantId: KUOPIO,
        respondents: [
          { email: EMAIL.kaisa },
          { email: EMAIL.matti },
          { aadObjectId: P.liisa.aadObjectId },
          { email: EMAIL.poissa },
        ],
      },
      {
        id: 'jarjesto',
        name: 'Järjestö ry',
        kind: 'ngo',
        respondents: [{ email: EMAIL.nina }],
      },
      {
        id: 'pshva',
        name: 'Pohjois-Savon hyvinvointialue',
        kind: 'county',
        respondents: [{ aadObjectId: P.paula.aadObjectId }],
      },
    ],
  });
}

const member = (p: (typeof P)[keyof typeof P], email?: string, upn?: string): Member => ({
  id: p.id,
  aadObjectId: p.aadObjectId,
  name: p.name,
  ...(email ? { email } : {}),
  ...(upn ? { userPrincipalName: upn } : {}),
});

export const COUNTY_TEAM = '19:county-team@thread.tacv2';
export const KUOPIO_TEAM = '19:kuopio-team@thread.tacv2';

/** One connector per tenant, each with its own service URL, rosters and limits. */
export async function tenantConnectors(
  limits: { randomFailures?: number; random?: () => number } = {},
) {
  const county = await new ConnectorEmulator({ ...limits, tenantId: HOME }).start();
  const kuopio = await new ConnectorEmulator({ ...limits, tenantId: KUOPIO }).start();
  const iisalmi = await new ConnectorEmulator({ ...limits, tenantId: IISALMI }).start();
  county.roster(COUNTY_TEAM, [
    member(P.koordinaattori, EMAIL.koordinaattori),
    member(P.paula, 'paula@pshva.fi'),
    member(P.nina, undefined, 'nina_jarjesto.example.org#EXT#@pshva.onmicrosoft.com'),
  ]);
  kuopio.roster(KUOPIO_TEAM, [member(P.matti, EMAIL.matti), member(P.liisa, 'liisa@kuopio.fi')]);
  // Kaisa is in no Kuopio team, but has the app installed for herself.
  kuopio.members.set(P.kaisa.aadObjectId, member(P.kaisa, EMAIL.kaisa));
  return { county, kuopio, iisalmi, all: [county, kuopio, iisalmi] };
}

/** The bot is added to a team channel: it keeps the reference (and later reads the roster). */
export async function botAddedToTeam(
  botUrl: string,
  connector: ConnectorEmulator,
  tenant: string,
  team: string,
  by: { aadObjectId: string; id: string; name: string },
): Promise<void> {
  const channelId = team.replace(/^19:|@thread\.tacv2$/g, '');
  await post(
    `${botUrl}/api/messages`,
    activity(
      'conversationUpdate',
      by,
      {
        serviceUrl: connector.url,
        tenant,
        conversationType: 'channel',
        channelId,
        conversationId: team,
      },
      { membersAdded: [{ id: '28:hyte-bot' }] },
    ),
  );
}

/** A message typed by `who` in their personal chat in `tenant`. */
export const typed = (
  text: string,
  who: { aadObjectId: string; id: string; name: string },
  connector: ConnectorEmulator,
  tenant: string,
) => message(text, who, { serviceUrl: connector.url, tenant });
