import assert from 'node:assert/strict';
import { appLinks } from '../../bot/domain/app-links';
import type { Delivery } from '../../bot/domain/delivery';
import { LANGS, type Lang } from '../../bot/domain/localized-text';
import { roundStatus } from '../../bot/domain/round-status';
import { introCard, progressCard, reminderCard, statusCard } from '../../cards';
import { assertValidCard, cardTexts } from '../helpers/card-check';
import { HOME, KUOPIO, P, tenantRound } from '../helpers/tenant-fixtures';

const APP = '12345678-1234-4234-8234-123456789abc';
const round = tenantRound();

/** Kuopio's four in four Graph states, the NGO's guest reached through Graph. */
const deliveries: Delivery[] = [
  ['kuopio', 'email:kaisa@kuopio.fi', 'unreachable', 'notFound'],
  ['kuopio', 'email:matti@kuopio.fi', 'unreachable', 'installBlocked'],
  ['kuopio', `aad:${P.liisa.aadObjectId}`, 'unreachable', 'appNotInCatalog'],
  ['kuopio', 'email:poissa@kuopio.fi', 'unreachable', 'noConsent'],
  ['jarjesto', 'email:nina@jarjesto.example.org', 'sent', undefined],
  ['pshva', `aad:${P.paula.aadObjectId}`, 'unreachable', 'notFound'],
].map(([organisationId, person, state, reason]) => ({
  roundId: round.id,
  organisationId: organisationId!,
  person: person!,
  purpose: 'launch',
  state: state as Delivery['state'],
  ...(reason ? { reason } : {}),
  ...(state === 'sent' ? { via: 'graph' as const } : {}),
  at: '2099-01-01T00:00:00Z',
  attempts: 1,
}));

const status = roundStatus(round, new Map(), deliveries);
const card = (lang: Lang) =>
  statusCard({
    lang,
    timeZone: 'Europe/Helsinki',
    now: new Date('2099-01-01'),
    round,
    status,
    homeTenant: HOME,
    links: appLinks(APP),
  });

/** What each language says for each reason (the reason, then its remedy). */
const expected: Record<Lang, Record<string, RegExp>> = {
  fi: {
    notFound: new RegExp(
      `kaisa@kuopio\\.fi: ei tavoitettu – ei löydy organisaationsa käyttäjähakemistosta\\nTarkista .* organisaation Kuopion kaupunki omassa tenantissa \\(${KUOPIO}\\)`,
    ),
    installBlocked: new RegExp(
      `matti@kuopio\\.fi: ei tavoitettu – sovelluskäytäntö estää .*\\nPyydä organisaation Kuopion kaupunki Teams-ylläpitäjää sallimaan HYTE-botti .*tenantissa ${KUOPIO}\\.\\n\\[[^\\]]+\\]\\(https://teams\\.microsoft\\.com/l/app/${APP}\\)`,
    ),
    appNotInCatalog:
      /HYTE-botti ei ole organisaation Teams-sovelluskatalogissa\nPyydä organisaation Kuopion kaupunki Teams-ylläpitäjää lataamaan sovelluspaketti hyte-bot\.zip/,
    noConsent: new RegExp(
      `poissa@kuopio\\.fi: ei tavoitettu – organisaation ylläpitäjä ei ole hyväksynyt .*\\nPyydä organisaation Kuopion kaupunki Entra-ylläpitäjää .*\\n\\[[^\\]]+\\]\\(https://login\\.microsoftonline\\.com/${KUOPIO}/adminconsent\\?client_id=${APP}\\)`,
    ),
    home: /Vierailija \(B2B\) pitää ensin kutsua hyvinvointialueen tenanttiin\./,
  },
  sv: {
    notFound:
      /kaisa@kuopio\.fi: .* finns inte i organisationens användarkatalog\nKontrollera personens e-postadress/,
    installBlocked:
      /en appolicy hindrar .*\nBe Teams-administratören för Kuopion kaupunki att tillåta HYTE-botten/,
    appNotInCatalog:
      /finns inte i organisationens Teams-appkatalog\nBe Teams-administratören för Kuopion kaupunki att ladda upp apppaketet hyte-bot\.zip/,
    noConsent:
      /har inte godkänt HYTE-bottens behörigheter .*\nBe Entra-administratören för Kuopion kaupunki att ge administratörsmedgivande/,
    home: /En gäst \(B2B\) måste först bjudas in till välfärdsområdets klientorganisation\./,
  },
  en: {
    notFound:
      /kaisa@kuopio\.fi: not reached – no such user in their organisation's directory\nCheck their e-mail address or object id in the round\. They must be a user in the own tenant of Kuopion kaupunki/,
    installBlocked:
      /an app policy blocks installing the HYTE bot for them\nAsk the Teams administrator of Kuopion kaupunki to allow the HYTE bot in the app permission policies/,
    appNotInCatalog:
      /not in their organisation's Teams app catalog\nAsk the Teams administrator of Kuopion kaupunki to upload the app package hyte-bot\.zip/,
    noConsent:
      /has not consented to the HYTE bot's permissions \(admin consent\)\nAsk the Entra administrator of Kuopion kaupunki to grant admin consent .*\n\[Admin consent\]/,
    home: /A guest \(B2B\) must first be invited to the county's tenant\./,
  },
};

describe('status card: why Microsoft Graph could not reach someone, and what to do', () => {
  for (const lang of LANGS) {
    it(`says each reason with its remedy and links (${lang})`, () => {
      const c = card(lang);
      assertValidCard(c, `status with Graph reasons (${lang})`);
      const text = cardTexts(c).join('\n');
      for (const [reason, pattern] of Object.entries(expected[lang]))
        assert.match(text, pattern, `${lang} ${reason}`);
      // A person reached through Graph is reached: nothing to do about them.
      assert.doesNotMatch(text, /nina@jarjesto/);
    });
  }

  it('keeps the reasons and `via` in the status', () => {
    const kuopio = status.organisations.find((o) => o.id === 'kuopio')!;
    assert.deepEqual(
      kuopio.respondents.map((r) => r.reason),
      ['notFound', 'installBlocked', 'appNotInCatalog', 'noConsent'],
    );
    const nina = status.organisations.find((o) => o.id === 'jarjesto')!.respondents[0];
    assert.deepEqual(nina, {
      person: { email: 'nina@jarjesto.example.org' },
      delivery: 'sent',
      tenantId: HOME,
      via: 'graph',
    });
  });

  it('lists Graph reasons on the progress card, and the intro says why the app appeared', () => {
    for (const lang of LANGS) {
      const progress = progressCard({
        lang,
        round,
        kind: 'launch',
        total: 2,
        sent: 1,
        alreadySent: 0,
        inProgress: 0,
        problems: [
          {
            organisationName: 'Kuopion kaupunki',
            person: 'email:matti@kuopio.fi',
            kind: 'unreachable',
            reason: 'installBlocked',
          },
        ],
        state: 'done',
      });
      assertValidCard(progress, `progress (${lang})`);
      const why = {
        fi: /sovelluskäytäntö estää/,
        sv: /en appolicy hindrar/,
        en: /an app policy blocks/,
      }[lang];
      assert.match(cardTexts(progress).join('\n'), why);
      const view = {
        lang,
        timeZone: 'Europe/Helsinki',
        now: new Date('2099-01-01'),
        round,
        organisation: round.organisations[0]!,
      };
      const line = {
        fi: /^Miksi HYTE-botti ilmestyi Teamsiisi: HYTE-koordinaattori käynnisti kierroksen/,
        sv: /^Därför dök HYTE-botten upp i ditt Teams: HYTE-koordinatorn startade omgången .* där du svarar för Kuopion kaupunki\.$/,
        en: /^Why the HYTE bot appeared in your Teams: the HYTE coordinator launched the round .* in which you answer for Kuopion kaupunki\.$/,
      }[lang];
      for (const c of [
        introCard({ ...view, installed: {} }),
        reminderCard({ ...view, installed: {}, sheet: undefined }),
      ]) {
        assertValidCard(c, `intro or reminder after an install (${lang})`);
        assert.ok(
          cardTexts(c).some((l) => line.test(l)),
          `${lang}: ${cardTexts(c).join(' | ')}`,
        );
      }
      assert.ok(!cardTexts(introCard(view)).some((l) => line.test(l)));
    }
  });
});
