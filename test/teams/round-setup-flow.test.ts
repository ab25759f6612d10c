import assert from 'node:assert/strict';
import { importRound } from '../../bot/rounds';
import { type Card, Verbs } from '../../cards';
import { TENANT, fileMessage, invoke, message } from '../helpers/activities';
import { type TestBot, post, startBot } from '../helpers/bot-server';
import { assertValidCard, cardTexts } from '../helpers/card-check';
import { press } from '../helpers/card-actions';
import { ConnectorEmulator } from '../helpers/connector';
import { blankMeasure } from '../helpers/measure-fixtures';
import { AAD, fixtureRound } from '../helpers/questionnaire-fixtures';
import { xlsxOf } from '../helpers/setup-fixtures';

const LAST = 'pohjois-savo-2025';
const NEXT = 'hyte-neuvottelut-2026';
const HANNA = '55555555-5555-4555-8555-555555555555';
const texts = (card: Card) => cardTexts(card).join('\n');
const HEADER = ['Organisaatio', 'Tunnus', 'Tyyppi', 'Kieli', 'Tenant', 'Vastaajat'];

/** Everyone the test's Teams knows: the organiser and the respondents, with their e-mails. */
const PEOPLE = [
  [HANNA, 'hanna@pshva.fi'],
  [AAD.anna, 'anna@kuopio.fi'],
  [AAD.ben, 'ben@kuopio.fi'],
  [AAD.siri, 'siri@larsmo.fi'],
  ['66666666-6666-4666-8666-666666666661', 'hyte@pshva.fi'],
  ['66666666-6666-4666-8666-666666666662', 'toimisto@mtr.fi'],
  ['66666666-6666-4666-8666-666666666663', 'hyte@iisalmi.fi'],
] as const;

describe('round set-up in chat over HTTP on Azurite', () => {
  let connector: ConnectorEmulator;
  let bot: TestBot;
  let now: Date;
  const hanna = { aadObjectId: HANNA, name: 'Hanna Koordinaattori' };
  const anna = { aadObjectId: AAD.anna, name: 'Anna' };
  const where = () => ({ serviceUrl: connector.url });

  beforeEach(async () => {
    now = new Date('2026-03-02T08:00:00Z');
    connector = await new ConnectorEmulator().start();
    for (const [aad, email] of PEOPLE)
      connector.members.set(aad, { id: `29:${aad}`, aadObjectId: aad, email, name: email });
    bot = await startBot({
      allowedTenants: [TENANT],
      clock: { now: () => now },
      pipeline: {
        baseDelayMs: 5,
        maxDelayMs: 20,
        perTenantPerSecond: 1000,
        perConversationPerSecond: 1000,
      },
      config: {
        organisers: [{ aadObjectId: HANNA }],
        fileHosts: [new URL(connector.url).host],
        publicUrl: 'https://hyte.example.fi',
        linkSecret: 'a-link-secret-of-at-least-32-characters',
      },
    });
    await importRound(bot.stores, fixtureRound());
    await bot.stores.responses.createMeasure(
      LAST,
      'kuopio',
      blankMeasure({ goalId: 'terveyserot' }),
    );
  });
  afterEach(async () => {
    await bot.close();
    await connector.close();
  });

  async function act(
    from: typeof hanna,
    verb: string,
    data: Record<string, unknown>,
  ): Promise<Card> {
    const res = await post(`${bot.url}/api/messages`, invoke(verb, data, from, where()));
    assert.equal(res.status, 200, `${verb}: ${JSON.stringify(res.body)}`);
    const card = (res.body as { value: Card }).value;
    assertValidCard(card, verb);
    return card;
  }
  async function say(activity: Record<string, unknown>): Promise<Card> {
    const before = connector.cards.length;
    const res = await post(`${bot.url}/api/messages`, activity);
    assert.equal(res.status, 200);
    await connector.waitForActivities(before + 1);
    const card = connector.cards.at(-1) as Card;
    assertValidCard(card, String(activity.text ?? 'file'));
    return card;
  }

  it('an organiser makes next year’s round from last year’s, edits it, takes a contact list from Excel and launches it', async () => {
    // The new round's form, filled in from last year's round a year on.
    const form = await say(message('uusi kierros', hanna, where()));
    assert.match(texts(form), /Uusi HYTE-kierros/);
    const created = await act(
      hanna,
      Verbs.roundCreate,
      press(form, Verbs.roundCreate, {
        previousRound: LAST,
        title: 'HYTE-neuvottelut 2026',
        deadlineDate: '2026-09-08',
        meetingDate: '2026-09-15',
      }),
    );
    assert.match(texts(created), /Kierros luotu/);
    assert.match(texts(created), /1 viime vuoden toimenpide siirtyi/);
    let round = await bot.stores.rounds.get(NEXT);
    assert.ok(round?.setup, 'made in chat: in set-up');
    assert.equal(round.previousRound, LAST);
    assert.equal(round.deadline, '2026-09-08T16:00:00+03:00');
    assert.deepEqual(round.goals, fixtureRound().goals);
    assert.deepEqual(round.organisations, fixtureRound().organisations);
    assert.ok(round.coordinators.some((c) => 'aadObjectId' in c && c.aadObjectId === HANNA));
    const carried = await bot.stores.responses.getSheet(NEXT, 'kuopio');
    assert.equal(carried.measures.length, 1, 'last year’s measure carried as an import carries it');

    // Dates: a deadline after the meeting comes back under its field, nothing stored.
    const settings = await act(hanna, Verbs.roundEdit, { roundId: NEXT, view: 'settings' });
    const refused = await act(
      hanna,
      Verbs.roundSettingsSave,
      press(settings, Verbs.roundSettingsSave, { deadlineDate: '2026-09-20' }),
    );
    assert.match(texts(refused), /Määräpäivän pitää olla ennen neuvottelua/);
    assert.equal((await bot.stores.rounds.get(NEXT))?.deadline, '2026-09-08T16:00:00+03:00');
    await act(
      hanna,
      Verbs.roundSettingsSave,
      press(settings, Verbs.roundSettingsSave, {
        deadlineDate: '2026-09-01',
        deadlineTime: '12:00',
      }),
    );
    assert.equal((await bot.stores.rounds.get(NEXT))?.deadline, '2026-09-01T12:00:00+03:00');

    // A goal and an organisation, edited on their forms.
    const goal = await act(hanna, Verbs.roundEdit, {
      roundId: NEXT,
      view: 'goal',
      goalId: 'elintavat',
    });
    await act(
      hanna,
      Verbs.roundGoalSave,
      press(goal, Verbs.roundGoalSave, { goalTitle: 'Elintavat ja liikunta' }),
    );
    const org = await act(hanna, Verbs.roundEdit, {
      roundId: NEXT,
      view: 'organisation',
      organisationId: 'larsmo',
    });
    await act(
      hanna,
      Verbs.roundOrganisationSave,
      press(org, Verbs.roundOrganisationSave, { respondentEmails: 'siri.second@larsmo.fi' }),
    );
    round = await bot.stores.rounds.get(NEXT);
    assert.equal(round?.goals.find((g) => g.id === 'elintavat')?.title.fi, 'Elintavat ja liikunta');
    assert.deepEqual(round?.organisations.find((o) => o.id === 'larsmo')?.respondents, [
      { aadObjectId: AAD.siri },
      { email: 'siri.second@larsmo.fi' },
    ]);

    // Nothing reaches respondents while the round is being set up.
    assert.deepEqual(await bot.app.runReminders(), { sent: 0, skipped: 0, failed: 0 });
    const annaSees = await say(message('aloita', anna, where()));
    assert.ok(!JSON.stringify(annaSees).includes(NEXT), 'the round in set-up is not offered');

    // Launch is refused while organisations have nobody to answer.
    const gaps = await act(hanna, Verbs.roundLaunch, { roundId: NEXT });
    assert.match(texts(gaps), /Kierrosta ei käynnistetty/);
    assert.match(texts(gaps), /Mielenterveysyhdistys ry/);

    // The contact list, edited in Excel: two bad rows are shown, and nothing changes.
    const card = await act(hanna, Verbs.roundEdit, { roundId: NEXT });
    assert.match(
      JSON.stringify(card),
      /https:\/\/hyte\.example\.fi\/rounds\/hyte-neuvottelut-2026\/contacts\.xlsx\?exp=/,
    );
    const bad = await xlsxOf([
      HEADER,
      ['Kuopion kaupunki', 'kuopio', 'kunta', 'fi', '', `anna@kuopio.fi; ${AAD.ben}`],
      ['Larsmo kommun', 'larsmo', 'kunta', 'sv', '', AAD.siri],
      [
        'Pohjois-Savon hyvinvointialue',
        'pshva',
        'hyvinvointialue',
        'fi',
        '',
        { formula: 'A1', result: 'x' },
      ],
      ['Mielenterveysyhdistys ry', 'mtr', 'järjestö', 'fi', '', 'toimisto@mtr.fi; toimisto@mtr.fi'],
      ['Iisalmen kaupunki', '', 'kunta', 'fi', '', 'hyte@iisalmi.fi'],
    ]);
    const before = await bot.stores.rounds.read(NEXT);
    const preview = await say(
      fileMessage('yhteystiedot.xlsx', connector.serveFile(bad), hanna, where()),
    );
    assert.match(texts(preview), /2 virheellistä riviä/);
    assert.match(texts(preview), /Rivi 4, sarake F \(Vastaajat\): Solussa on kaava/);
    assert.match(
      texts(preview),
      /Rivi 5, sarake F \(Vastaajat\): Sama henkilö on mainittu kahdesti: toimisto@mtr.fi/,
    );
    assert.ok(
      !JSON.stringify(preview).includes(Verbs.roundContactsApply),
      'no apply with bad rows',
    );
    assert.equal((await bot.stores.rounds.read(NEXT))?.etag, before?.etag, 'nothing stored');

    // Corrected: previewed, then applied.
    const good = await xlsxOf([
      HEADER,
      ['Kuopion kaupunki', 'kuopio', 'kunta', 'fi', '', `anna@kuopio.fi; ${AAD.ben}`],
      ['Larsmo kommun', 'larsmo', 'kunta', 'sv', '', AAD.siri],
      [
        'Pohjois-Savon hyvinvointialue',
        'pshva',
        'hyvinvointialue',
        'fi',
        '',
        { text: 'hyte@pshva.fi', hyperlink: 'mailto:hyte@pshva.fi' },
      ],
      ['Mielenterveysyhdistys ry', 'mtr', 'järjestö', 'fi', '', 'toimisto@mtr.fi'],
      ['Iisalmen kaupunki', '', 'kunta', 'fi', '', 'hyte@iisalmi.fi'],
    ]);
    const ok = await say(
      fileMessage('yhteystiedot.xlsx', connector.serveFile(good), hanna, where()),
    );
    assert.match(texts(ok), /1 lisätään · 3 muuttuu · 0 poistetaan · 1 ennallaan/);
    assert.match(texts(ok), /Vastaajia lisätään 3, poistetaan 1/);
    assert.equal(
      (await bot.stores.rounds.read(NEXT))?.etag,
      before?.etag,
      'a preview changes nothing',
    );
    const applied = await act(hanna, Verbs.roundContactsApply, press(ok, Verbs.roundContactsApply));
    assert.match(
      texts(applied),
      /Yhteystietolista otettu käyttöön: 1 lisätty, 3 muutettu, 0 poistettu/,
    );
    round = await bot.stores.rounds.get(NEXT);
    assert.deepEqual(
      round?.organisations.map((o) => [o.id, o.respondents.length]),
      [
        ['kuopio', 2],
        ['larsmo', 1],
        ['pshva', 1],
        ['mtr', 1],
        ['iisalmen-kaupunki', 1],
      ],
    );
    const again = await post(
      `${bot.url}/api/messages`,
      invoke(Verbs.roundContactsApply, press(ok, Verbs.roundContactsApply), hanna, where()),
    );
    assert.match(texts((again.body as { value: Card }).value), /Tätä esikatselua ei enää ole/);

    // Launched: the set-up ends and every respondent gets one intro.
    await say(
      message('<at>HYTE-botti</at> ohje', hanna, { ...where(), conversationType: 'channel' }),
    );
    connector.delivered.clear();
    const launched = await act(hanna, Verbs.roundLaunch, { roundId: NEXT });
    assert.doesNotMatch(texts(launched), /ei käynnistetty/);
    const deadline = Date.now() + 15_000;
    while (
      (await bot.stores.deliveries.list(NEXT, 'launch')).filter((d) => d.state === 'sent').length <
      6
    ) {
      assert.ok(Date.now() < deadline, 'every respondent reached');
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal((await bot.stores.rounds.get(NEXT))?.setup, undefined);
    // Anna's 1:1 chat is known from her `aloita`; the others' are opened from the roster.
    const intros = [...connector.delivered].filter(
      ([id]) => id.startsWith('a:created-') || id === `a:personal-${AAD.anna}`,
    );
    assert.equal(intros.length, 6);
    assert.ok(
      intros.every(([, n]) => n === 1),
      'one intro each',
    );
    const annaNow = await say(message('aloita', anna, where()));
    assert.match(JSON.stringify(annaNow), new RegExp(NEXT));

    // The record: every change of the set-up was kept with the organiser's name: the round
    // made, its edits, the contact list applied and the set-up ended at launch.
    const changes = await bot.stores.rounds.versions(NEXT);
    assert.ok(changes.length >= 4, `${changes.length} versions`);
    assert.equal(changes.filter((v) => v.action === 'create').length, 1);
    assert.ok(changes.every((v) => v.kind === 'round' && v.by.aadObjectId === HANNA));
    assert.ok(changes.every((v) => v.by.name === 'Hanna Koordinaattori'));
    assert.ok(changes.some((v) => JSON.stringify(v.changes.setup) === '{"from":true,"to":null}'));
  });
});
