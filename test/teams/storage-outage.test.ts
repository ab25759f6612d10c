import assert from 'node:assert/strict';
import { createStores } from '../../storage';
import { AzureTableService } from '../../storage/azure-table';
import type { Card } from '../../cards';
import { invoke } from '../helpers/activities';
import { azuriteConnectionString, azuritePort, uniquePrefix } from '../helpers/azurite';
import { type TestBot, post, startBot } from '../helpers/bot-server';
import { inputValues, press } from '../helpers/card-actions';
import { assertValidCard, cardTexts } from '../helpers/card-check';
import { ConnectorEmulator } from '../helpers/connector';
import { type FaultMode, FaultProxy } from '../helpers/fault-proxy';
import { AAD, BEFORE_DEADLINE, fixtureRound } from '../helpers/questionnaire-fixtures';

const ben = { aadObjectId: AAD.ben, name: 'Ben B' };
/** A long description typed on a phone: what must not be lost. */
const TYPED = {
  description: 'Liikuntaneuvonta kaikille 65 vuotta täyttäneille. '.repeat(30).trim(),
  owner: 'Liikuntapalvelut',
  metrics: 'Neuvontaan osallistuneiden määrä; koettu terveys (FinSote)',
};
const UNSAVED = {
  fi: 'Tallennus ei onnistunut',
  sv: 'Det gick inte att spara',
  en: 'Not saved',
} as const;

describe('a save that storage refuses keeps what was typed (over HTTP, Azurite behind a faulty proxy)', () => {
  let proxy: FaultProxy;
  let connector: ConnectorEmulator;
  let bot: TestBot;
  let now: number;

  beforeEach(async () => {
    proxy = await new FaultProxy(azuritePort()).start();
    const connectionString = azuriteConnectionString().replace(
      `:${azuritePort()}/`,
      `:${proxy.port}/`,
    );
    const stores = createStores(new AzureTableService({ connectionString }, uniquePrefix()));
    connector = await new ConnectorEmulator().start();
    now = BEFORE_DEADLINE.getTime();
    bot = await startBot({ stores, clock: { now: () => new Date(now) } });
    await stores.rounds.save(fixtureRound());
  });
  afterEach(async () => {
    await bot.close();
    await connector.close();
    await proxy.close();
  });

  const act = async (verb: string, data: Record<string, unknown>, locale = 'fi-FI') => {
    const where = { serviceUrl: connector.url, locale };
    const res = await post(`${bot.url}/api/messages`, invoke(verb, data, ben, where));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const card = (res.body as { value: Card }).value;
    assertValidCard(card, verb);
    return card;
  };
  const measures = async () =>
    (await bot.stores.responses.getSheet(fixtureRound().id, 'kuopio')).measures;

  for (const [mode, locale, lang] of [
    ['503', 'fi-FI', 'fi'],
    ['drop', 'sv-FI', 'sv'],
    ['503', 'en-GB', 'en'],
  ] as Array<[FaultMode, string, keyof typeof UNSAVED]>) {
    it(`storage answering ${mode}: the measure form comes back as typed (${lang}), and saves once later`, async () => {
      const form = await act('measure.add', { goalId: 'terveyserot' }, locale);
      const sent = press(form, 'measure.save', TYPED);

      proxy.set(mode);
      // Long enough on a phone for every cache to have lapsed.
      now += 20 * 60_000;
      const back = await act('measure.save', sent, locale);
      const texts = cardTexts(back).join('\n');
      assert.match(texts, new RegExp(UNSAVED[lang]));
      const values = inputValues(back);
      for (const [id, value] of Object.entries(TYPED)) assert.equal(values[id], value, id);
      assert.equal((await fetch(`${bot.url}/healthz`)).status, 503, '/healthz says so too');

      proxy.set('pass');
      assert.equal((await fetch(`${bot.url}/healthz`)).status, 200);
      const again = await act('measure.save', press(back, 'measure.save'), locale);
      assert.doesNotMatch(cardTexts(again).join('\n'), new RegExp(UNSAVED[lang]));
      const stored = await measures();
      assert.equal(stored.length, 1);
      assert.equal(stored[0]?.value.description, TYPED.description);
      // Pressed once more (a redelivery): still one measure.
      await act('measure.save', press(back, 'measure.save'), locale);
      assert.equal((await measures()).length, 1);
    });
  }

  it('an edit refused by storage keeps the edit and the version it started from', async () => {
    const form = await act('measure.add', { goalId: 'terveyserot' });
    await act('measure.save', press(form, 'measure.save', TYPED));
    const [m] = await measures();
    const edit = await act('measure.edit', {
      goalId: 'terveyserot',
      measureId: m!.value.id,
    });
    proxy.set('drop');
    now += 20 * 60_000;
    const back = await act('measure.save', press(edit, 'measure.save', { owner: 'Hyvinvointi' }));
    assert.match(cardTexts(back).join('\n'), /Tallennus ei onnistunut/);
    assert.equal(inputValues(back).owner, 'Hyvinvointi');
    proxy.set('pass');
    await act('measure.save', press(back, 'measure.save'));
    const [after] = await measures();
    assert.equal(after?.value.owner, 'Hyvinvointi');
    assert.notEqual(after?.etag, m!.etag);
  });

  it('the organisation answers come back as typed too', async () => {
    const form = await act('organisation.open', {});
    const typed = {
      addToPlan: 'Lisää tietoa väestön hyvinvoinnista kunnittain. '.repeat(10).trim(),
    };
    const sent = press(form, 'organisation.save', typed);
    proxy.set('503');
    now += 20 * 60_000;
    const back = await act('organisation.save', sent);
    assert.match(cardTexts(back).join('\n'), /Tallennus ei onnistunut/);
    assert.equal(inputValues(back).addToPlan, typed.addToPlan);
    proxy.set('pass');
    await act('organisation.save', press(back, 'organisation.save'));
    const sheet = await bot.stores.responses.getSheet(fixtureRound().id, 'kuopio');
    assert.equal(sheet.response?.value.answers?.addToPlan, typed.addToPlan);
  });
});
