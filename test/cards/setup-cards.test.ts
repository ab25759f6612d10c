import assert from 'node:assert/strict';
import { LANGS } from '../../bot/domain/localized-text';
import { Round } from '../../bot/domain/round';
import { launchGaps } from '../../bot/domain/setup/launch-gaps';
import { readContactRows } from '../../bot/domain/setup/contact-rows';
import { previewContacts } from '../../bot/domain/setup/contacts-diff';
import { settingsValues } from '../../bot/domain/setup/settings-form';
import { goalValues, organisationValues } from '../../bot/domain/setup/setup-forms';
import {
  type Card,
  cardBytes,
  contactsHowToCard,
  contactsPreviewCard,
  fileRefusedCard,
  launchGapsCard,
  newRoundCard,
  notOrganiserCard,
  settingsCard,
  SETUP_ORGANISATIONS_PER_PAGE,
  setupGoalCard,
  setupOrganisationCard,
  setupRoundCard,
} from '../../cards';
import { assertValidCard, cardTexts } from '../helpers/card-check';
import { missingBindings, recordExpansions } from '../helpers/template-bindings';
import { fixtureRound } from '../helpers/questionnaire-fixtures';
import { bigRound, sheetRows } from '../helpers/setup-fixtures';

const TZ = 'Europe/Helsinki';
/** The Teams webhook limit; every round card page stays under it. */
const PAGE_LIMIT = 28 * 1024;
const none = { organisations: new Set<string>(), goals: new Map<string, Set<string>>() };
const texts = (card: Card) => cardTexts(card).join('\n');

function everyCard(round: Round, lang: (typeof LANGS)[number]): Card[] {
  const big = bigRound();
  const list = readContactRows(
    sheetRows([
      ['Organisaatio', 'Tunnus', 'Vastaajat'],
      ...big.organisations.slice(0, 250).map((o) => [o.name, o.id, 'uusi@x.fi']),
      ['Uusi', '', 'ei-osoite'],
      ['', 'x', 'a@b.fi'],
    ]),
    big,
  );
  const { preview } = previewContacts(big.organisations, list, new Set(['org-299']));
  return [
    newRoundCard({
      lang,
      timeZone: TZ,
      rounds: [{ id: round.id, title: round.title.fi }],
      scratch: true,
      values: { ...settingsValues(round, TZ), previousRound: round.id },
      issues: [{ field: 'deadlineDate', problem: 'deadlinePast' }],
    }),
    settingsCard({ lang, timeZone: TZ, round, values: settingsValues(round, TZ), issues: [] }),
    setupGoalCard({
      lang,
      round,
      goal: round.goals[0],
      values: goalValues(round.goals[0]),
      issues: [{ field: 'goalTitle', problem: 'required' }],
      answeredBy: 2,
    }),
    setupGoalCard({ lang, round, values: goalValues(undefined), issues: [], answeredBy: 0 }),
    setupOrganisationCard({
      lang,
      round,
      organisation: round.organisations[0],
      values: organisationValues(round.organisations[0]),
      issues: [{ field: 'respondentIds', problem: 'objectIds', entries: ['anna@kuopio.fi'] }],
      answered: true,
      picked: [{ title: 'Ben B', value: '22222222-2222-4222-8222-222222222222' }],
      page: 0,
    }),
    setupRoundCard({
      lang,
      timeZone: TZ,
      round: { ...round, setup: true },
      gaps: launchGaps(round, new Date('2025-10-01T00:00:00Z')),
      answered: {
        organisations: new Set(['kuopio']),
        goals: new Map([['elintavat', new Set(['kuopio'])]]),
      },
      page: 0,
      goalPage: 0,
      contactsUrl: 'https://hyte.example.fi/rounds/x/contacts.xlsx?exp=1&sig=s',
      flash: { key: 'created', carried: 12 },
    }),
    contactsPreviewCard({
      lang,
      round: big,
      fileName: 'yhteystiedot.xlsx',
      preview,
      issues: list.issues,
    }),
    contactsPreviewCard({
      lang,
      round: big,
      fileName: 'x.csv',
      preview,
      issues: [],
      uploadId: '0f0e0d0c-0b0a-4908-8706-050403020100',
    }),
    contactsHowToCard({ lang, round, contactsUrl: 'https://hyte.example.fi/x' }),
    fileRefusedCard(lang, 'host'),
    notOrganiserCard(lang),
    launchGapsCard(lang, round.id, launchGaps(big, new Date('2030-01-01T00:00:00Z'))),
  ];
}

describe('round set-up cards', () => {
  it('pass the Adaptive Cards 1.5 schema and renderer, every input labelled, in every language', () => {
    for (const lang of LANGS) {
      for (const card of everyCard(fixtureRound(), lang))
        assertValidCard(card, `${lang} ${String(card.speak)}`);
    }
  });

  it('bind only values their views have', () => {
    let cards: Card[] = [];
    const expansions = recordExpansions(() => {
      cards = everyCard(fixtureRound(), 'fi');
    });
    assert.deepEqual(expansions.flatMap(missingBindings), []);
    for (const card of cards) assert.ok(!JSON.stringify(card).includes('${'));
  });

  it('keep every page of a 300-organisation round card under 28 KB, with every organisation on a page', () => {
    const round = bigRound(300, { setup: true });
    const seen = new Set<string>();
    const pages = Math.ceil(300 / SETUP_ORGANISATIONS_PER_PAGE);
    let largest = 0;
    for (let page = 0; page < pages; page++) {
      const card = setupRoundCard({
        lang: 'fi',
        timeZone: TZ,
        round,
        gaps: launchGaps(
          { ...round, organisations: round.organisations.map((o) => ({ ...o, respondents: [] })) },
          new Date(),
        ),
        answered: none,
        page,
        goalPage: 0,
        contactsUrl: `https://hyte.example.fi/rounds/${round.id}/contacts.xlsx?exp=1234567890&sig=${'s'.repeat(43)}`,
      });
      assertValidCard(card, `page ${page}`);
      largest = Math.max(largest, cardBytes(card));
      for (const o of round.organisations) if (texts(card).includes(o.name)) seen.add(o.id);
    }
    assert.ok(largest < PAGE_LIMIT, `largest page ${largest} bytes`);
    assert.equal(seen.size, 300);
  });

  it('keep a preview under 28 KB whatever the file holds, counting what is not listed', () => {
    const big = bigRound(300);
    const org = big.organisations[0]!;
    const many = big.organisations;
    const card = contactsPreviewCard({
      lang: 'fi',
      round: big,
      fileName: 'x'.repeat(300),
      preview: {
        added: many,
        changed: many.map((o) => ({
          id: o.id,
          name: o.name,
          fields: ['name', 'kind', 'language', 'tenantId'],
          added: o.respondents,
          removed: org.respondents,
        })),
        removed: many,
        kept: many,
        respondentsAdded: 1500,
        respondentsRemoved: 1500,
        unchanged: 0,
      },
      issues: Array.from({ length: 1000 }, (_, i) => ({
        row: i + 2,
        column: 'F (Vastaajat)',
        problem: 'emails' as const,
        entries: ['ei-osoite-'.repeat(10), 'toinen', 'kolmas', 'neljäs', 'viides', 'kuudes'],
      })),
    });
    assertValidCard(card, 'worst preview');
    assert.ok(cardBytes(card) < PAGE_LIMIT, `${cardBytes(card)} bytes`);
    assert.match(texts(card), /1.000 virheellistä riviä/);
    assert.match(texts(card), /… ja 950 muuta/);
  });

  it('show who set up what: pickers, respondents, the people picker’s Data.Query', () => {
    const round = fixtureRound();
    const form = setupOrganisationCard({
      lang: 'fi',
      round,
      organisation: round.organisations[0],
      values: organisationValues(round.organisations[0]),
      issues: [],
      answered: false,
      picked: [],
      page: 0,
    });
    const picker = JSON.stringify(form);
    assert.match(
      picker,
      /"choices.data":\{"type":"Data.Query","dataset":"graph.microsoft.com\/users"\}/,
    );
    assert.match(picker, /"id":"respondentIds"/);
    assert.match(picker, /"value":"22222222-2222-4222-8222-222222222222"/);
    assert.match(texts(form), /Muokkaa organisaatiota/);
  });
});
