import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Round } from '../../bot/domain/round';
import { type Card, Verbs } from '../../cards';
import { TENANT, fileMessage, invoke, message } from '../helpers/activities';
import { type TestBot, post, startBot } from '../helpers/bot-server';
import { assertValidCard, cardTexts } from '../helpers/card-check';
import { ConnectorEmulator } from '../helpers/connector';
import { blankMeasure } from '../helpers/measure-fixtures';
import { AAD, fixtureRound } from '../helpers/questionnaire-fixtures';
import { xlsxOf } from '../helpers/setup-fixtures';

const ROUND = 'hyte-2026';
const texts = (card: Card) => cardTexts(card).join('\n');

/** A round in set-up that Olli coordinates; Anna answers for Kuopio in it. */
const round = Round.parse({
  ...fixtureRound(),
  id: ROUND,
  setup: true,
  deadline: '2026-09-08T16:00:00+03:00',
  meetingAt: '2026-09-15T09:00:00+03:00',
});

describe('round set-up refuses over HTTP, and changes nothing', () => {
  let connector: ConnectorEmulator;
  let bot: TestBot;
  /** Another host on loopback: the bot must never ask it for anything. */
  let elsewhere: http.Server;
  let elsewhereHits: string[];
  let elsewhereUrl: string;
  const olli = { aadObjectId: AAD.olli, name: 'Olli' };
  const anna = { aadObjectId: AAD.anna, name: 'Anna' };
  const where = (locale = 'fi-FI') => ({ serviceUrl: connector.url, locale });

  beforeEach(async () => {
    connector = await new ConnectorEmulator().start();
    connector.members.set(AAD.anna, {
      id: `29:${AAD.anna}`,
      aadObjectId: AAD.anna,
      email: 'anna@kuopio.fi',
    });
    elsewhereHits = [];
    elsewhere = http.createServer((req, res) => {
      elsewhereHits.push(req.url ?? '');
      res.end('Organisaatio\nKuopio\n');
    });
    await new Promise<void>((r) => elsewhere.listen(0, '127.0.0.1', r));
    elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
    bot = await startBot({
      allowedTenants: [TENANT],
      clock: { now: () => new Date('2026-03-02T08:00:00Z') },
      config: { fileHosts: [new URL(connector.url).host] },
    });
    await bot.stores.rounds.save(round);
  });
  afterEach(async () => {
    await bot.close();
    await connector.close();
    elsewhere.closeAllConnections();
    await new Promise<void>((r) => elsewhere.close(() => r()));
  });

  async function act(
    from: { aadObjectId: string; name: string },
    verb: string,
    data: Record<string, unknown>,
    locale?: string,
  ) {
    const res = await post(`${bot.url}/api/messages`, invoke(verb, data, from, where(locale)));
    assert.equal(res.status, 200);
    const card = (res.body as { value: Card }).value;
    assertValidCard(card, verb);
    return card;
  }
  async function say(activity: Record<string, unknown>): Promise<Card> {
    const before = connector.cards.length;
    await post(`${bot.url}/api/messages`, activity);
    await connector.waitForActivities(before + 1);
    const card = connector.cards.at(-1) as Card;
    assertValidCard(card, 'reply');
    return card;
  }
  const stored = async () => (await bot.stores.rounds.read(ROUND))?.etag;

  it('refuses a respondent every set-up verb and command, in their language', async () => {
    const etag = await stored();
    const data = {
      roundId: ROUND,
      goalId: 'elintavat',
      organisationId: 'kuopio',
      uploadId: '0f0e0d0c-0b0a-4908-8706-050403020100',
    };
    for (const verb of [
      Verbs.roundEdit,
      Verbs.roundSettingsSave,
      Verbs.roundGoalSave,
      Verbs.roundGoalDelete,
      Verbs.roundOrganisationSave,
      Verbs.roundOrganisationDelete,
      Verbs.roundContactsApply,
      Verbs.roundLaunch,
    ]) {
      const card = await act(anna, verb, { ...data, title: 'Kaapattu', name: 'Kaapattu' });
      assert.match(texts(card), /Vain HYTE-koordinaattorille/, verb);
    }
    const sv = await act(anna, Verbs.roundGoalDelete, data, 'sv-SE');
    assert.match(texts(sv), /Endast för HYTE-koordinatorn|koordinator/i);
    const create = await act(anna, Verbs.roundCreate, { previousRound: ROUND, title: 'X' });
    assert.match(texts(create), /Kierroksia luovat HYTE-koordinaattorit/);
    assert.match(texts(await say(message('uusi kierros', anna, where()))), /Kierroksia luovat/);
    assert.match(
      texts(await say(message('muokkaa kierrosta', anna, where()))),
      /Vain HYTE-koordinaattorille/,
    );
    const file = await say(
      fileMessage('x.csv', connector.serveFile('Organisaatio\nX\n'), anna, where()),
    );
    assert.match(texts(file), /En tiedä, mitä kierrosta|Vain HYTE-koordinaattorille/);
    assert.equal(await stored(), etag, 'nothing stored');
    assert.deepEqual(connector.fileRequests, [], 'nothing fetched for her');
  });

  it('never fetches a file from another host, and refuses one over 5 MiB or not a spreadsheet', async () => {
    await act(olli, Verbs.roundEdit, { roundId: ROUND });
    const etag = await stored();
    const local = new URL(connector.url);
    for (const url of [
      `${elsewhereUrl}/x.xlsx`,
      `http://localhost:${local.port}/files/f1`,
      'https://evil.example/sharepoint.com/x.xlsx',
      'http://169.254.169.254/latest/meta-data/',
      'http://contoso.sharepoint.com/x.xlsx',
    ]) {
      const card = await say(fileMessage('yhteystiedot.xlsx', url, olli, where()));
      assert.match(texts(card), /Tiedostoa ei haettu/, url);
    }
    assert.deepEqual(elsewhereHits, [], 'no request to another host');
    assert.deepEqual(connector.fileRequests, []);

    const big = connector.serveFile(Buffer.alloc(5 * 1024 * 1024 + 1, 0x41));
    assert.match(texts(await say(fileMessage('iso.csv', big, olli, where()))), /liian suuri/);
    const png = connector.serveFile(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    assert.match(
      texts(await say(fileMessage('kuva.png', png, olli, where()))),
      /ei ole Excel-taulukko/,
    );
    const zip = connector.serveFile(Buffer.from('504b0304140000000000', 'hex'));
    assert.match(
      texts(await say(fileMessage('x.xlsx', zip, olli, where()))),
      /ei ole Excel-taulukko/,
    );
    const headerless = connector.serveFile(
      await xlsxOf([
        ['Nimi', 'Sähköposti'],
        ['Kuopio', 'a@b.fi'],
      ]),
    );
    assert.match(
      texts(await say(fileMessage('x.xlsx', headerless, olli, where()))),
      /otsikkoriviä/,
    );
    const long = connector.serveFile(
      await xlsxOf([['Organisaatio'], ...Array.from({ length: 10_000 }, (_, i) => [`Org ${i}`])]),
    );
    assert.match(texts(await say(fileMessage('x.xlsx', long, olli, where()))), /liikaa rivejä/);
    const sv = await say(fileMessage('x.xlsx', `${elsewhereUrl}/y`, olli, where('sv-FI')));
    assert.match(texts(sv), /Filen hämtades inte/);
    assert.equal(await stored(), etag, 'nothing stored');
  });

  it('brings bad form values back under their fields: picker values that are no object ids, a tenant that is no GUID', async () => {
    const etag = await stored();
    const card = await act(olli, Verbs.roundOrganisationSave, {
      roundId: ROUND,
      organisationId: 'kuopio',
      name: 'Kuopion kaupunki',
      kind: 'municipality',
      language: 'fi',
      tenantId: 'kuopio.onmicrosoft.com',
      respondentIds: 'anna@kuopio.fi',
      respondentEmails: 'ben@kuopio.fi; ben@kuopio.fi',
    });
    const t = texts(card);
    assert.match(t, /Tarkista merkityt kentät/);
    assert.match(t, /Vuokraajan tunnuksen pitää olla GUID/);
    assert.match(
      t,
      /Henkilövalitsin antaa vain käyttäjätunnuksia \(GUID\); nämä eivät kelpaa: anna@kuopio.fi/,
    );
    assert.match(t, /Sama henkilö on mainittu kahdesti: ben@kuopio.fi/);
    assert.equal(await stored(), etag);
  });

  it('keeps a goal and an organisation that have answers, and says so', async () => {
    await bot.stores.responses.createMeasure(
      ROUND,
      'kuopio',
      blankMeasure({ goalId: 'elintavat' }),
    );
    const etag = await stored();
    const goal = await act(olli, Verbs.roundGoalDelete, { roundId: ROUND, goalId: 'elintavat' });
    assert.match(texts(goal), /Tavoitetta ei poistettu: 1 organisaatio on jo kirjannut/);
    const org = await act(olli, Verbs.roundOrganisationDelete, {
      roundId: ROUND,
      organisationId: 'kuopio',
    });
    assert.match(texts(org), /Organisaatiota ei poistettu/);
    const form = await act(olli, Verbs.roundEdit, {
      roundId: ROUND,
      view: 'goal',
      goalId: 'elintavat',
    });
    assert.ok(
      !JSON.stringify(form).includes(Verbs.roundGoalDelete),
      'no delete button on its form',
    );
    assert.equal(await stored(), etag);
    const other = await act(olli, Verbs.roundGoalDelete, { roundId: ROUND, goalId: 'osallisuus' });
    assert.match(texts(other), /Tavoite poistettu/);
  });

  it('counts an organiser named by e-mail only in the home tenant', async () => {
    const OTHER = '99999999-8888-4777-8666-555555555555';
    const home = await startBot({
      allowedTenants: [TENANT, OTHER],
      botAuth: { MicrosoftAppTenantId: TENANT },
      clock: { now: () => new Date('2026-03-02T08:00:00Z') },
      config: { organisers: [{ email: 'hanna@pshva.fi' }] },
    });
    try {
      const hanna = { aadObjectId: '55555555-5555-4555-8555-555555555555', name: 'Hanna' };
      connector.members.set(hanna.aadObjectId, {
        id: `29:${hanna.aadObjectId}`,
        aadObjectId: hanna.aadObjectId,
        email: 'hanna@pshva.fi',
      });
      const ask = async (tenant: string) => {
        const before = connector.cards.length;
        await post(
          `${home.url}/api/messages`,
          message('uusi kierros', hanna, { ...where(), tenant }),
        );
        await connector.waitForActivities(before + 1);
        return texts(connector.cards.at(-1) as Card);
      };
      assert.match(await ask(TENANT), /Uusi HYTE-kierros/);
      assert.match(await ask(OTHER), /Kierroksia luovat HYTE-koordinaattorit/);
      const res = await post(
        `${home.url}/api/messages`,
        invoke(
          Verbs.roundCreate,
          {
            previousRound: '',
            title: 'Alusta 2026',
            region: 'Pohjois-Savo',
            deadlineDate: '2026-09-01',
            meetingDate: '2026-09-10',
          },
          hanna,
          where(),
        ),
      );
      const card = (res.body as { value: Card }).value;
      assertValidCard(card, 'from scratch');
      assert.match(texts(card), /Kierros luotu/);
      const made = await home.stores.rounds.get('alusta-2026');
      assert.equal(made?.tenantId, TENANT);
      assert.deepEqual([made?.goals.length, made?.organisations.length, made?.setup], [0, 0, true]);
      assert.match(texts(card), /Kierroksella ei ole yhtään tavoitetta/);
    } finally {
      await home.close();
    }
  });
});
