import assert from 'node:assert/strict';
import { type Card, Verbs } from '../../cards';
import { invoke, message } from '../helpers/activities';
import { type TestBot, post, startBot } from '../helpers/bot-server';
import { assertValidCard, cardTexts } from '../helpers/card-check';
import { ConnectorEmulator } from '../helpers/connector';
import {
  AAD,
  AFTER_DEADLINE,
  BEFORE_DEADLINE,
  fixtureRound,
} from '../helpers/questionnaire-fixtures';
import { actionData, executeActions, press } from '../helpers/card-actions';

const ROUND = 'pohjois-savo-2025';
const texts = (card: Card) => cardTexts(card).join('\n');

/** Everything one flow shows, per language, to check each card once more at the end. */
const seen: Array<{ label: string; card: Card }> = [];

describe('questionnaire over HTTP on Azurite', () => {
  let connector: ConnectorEmulator;
  let bot: TestBot;
  let now: Date;

  beforeEach(async () => {
    now = BEFORE_DEADLINE;
    connector = await new ConnectorEmulator().start();
    connector.members.set(AAD.anna, {
      id: `29:${AAD.anna}`,
      aadObjectId: AAD.anna,
      email: 'anna@kuopio.fi',
    });
    // A clock that ticks, so measures keep the order they were written in.
    bot = await startBot({
      clock: { now: () => (now = new Date(now.getTime() + 1000)) },
    });
    await bot.stores.rounds.save(fixtureRound());
  });
  afterEach(async () => {
    await bot.close();
    await connector.close();
  });

  /** Presses a Universal Action as a Teams client does and returns the card it answers with. */
  function actor(aadObjectId: string, locale = 'fi-FI') {
    const from = { aadObjectId, name: `User ${aadObjectId.slice(0, 4)}` };
    return async (verb: string, data: Record<string, unknown>, label = verb): Promise<Card> => {
      const res = await post(
        `${bot.url}/api/messages`,
        invoke(verb, data, from, { serviceUrl: connector.url, locale }),
      );
      assert.equal(res.status, 200, `${verb}: ${JSON.stringify(res.body)}`);
      const card = (res.body as { value: Card }).value;
      assertValidCard(card, `${label} (${locale})`);
      seen.push({ label: `${label} (${locale})`, card });
      return card;
    };
  }

  const sheet = () => bot.stores.responses.getSheet(ROUND, 'kuopio');

  for (const [locale, words] of [
    ['fi-FI', { submitted: /Lähetetty|lähetetty/ }],
    ['sv-SE', { submitted: /skickats/ }],
    ['en-US', { submitted: /[Ss]ubmitted/ }],
  ] as const) {
    it(`runs the whole flow in ${locale}: add, edit, delete, organisation, review, submit, edit after submit`, async () => {
      const act = actor(AAD.anna, locale);
      const overview = await act(Verbs.questionnaireOpen, {}, 'overview');
      assert.match(texts(overview), /Kuopion kaupunki/);
      const goal = await act(Verbs.goalOpen, actionData(overview, Verbs.goalOpen), 'goal');

      const formA = await act(Verbs.measureAdd, actionData(goal, Verbs.measureAdd), 'form');
      const afterA = await act(
        Verbs.measureSave,
        press(formA, Verbs.measureSave, {
          description: 'Liikuntaneuvonta ikääntyneille',
          owner: 'Liikuntapalvelut',
          metrics: 'Neuvottujen määrä',
          partners: 'pshva',
          concrete: 'yes',
          changeBy2029: 'partly',
          plan: 'intensify',
        }),
        'goal after save',
      );
      assert.match(texts(afterA), /Liikuntaneuvonta ikääntyneille/);
      const formB = await act(Verbs.measureAdd, actionData(afterA, Verbs.measureAdd));
      const afterB = await act(
        Verbs.measureSave,
        press(formB, Verbs.measureSave, { description: 'Poistettava', owner: 'Joku' }),
      );
      assert.equal((await sheet()).measures.length, 2);

      const edit = await act(Verbs.measureEdit, actionData(afterB, Verbs.measureEdit, 0), 'edit');
      await act(
        Verbs.measureSave,
        press(edit, Verbs.measureSave, { owner: 'Hyvinvointikoordinaattori' }),
      );
      const withBoth = await act(Verbs.goalOpen, actionData(overview, Verbs.goalOpen));
      const confirm = await act(
        Verbs.measureDelete,
        actionData(withBoth, Verbs.measureDelete, 1),
        'delete confirm',
      );
      await act(Verbs.measureDelete, actionData(confirm, Verbs.measureDelete), 'deleted');
      const stored = (await sheet()).measures;
      assert.deepEqual(
        stored.map((m) => [m.value.description, m.value.owner]),
        [['Liikuntaneuvonta ikääntyneille', 'Hyvinvointikoordinaattori']],
      );

      const orgForm = await act(
        Verbs.organisationOpen,
        actionData(overview, Verbs.organisationOpen),
        'organisation',
      );
      await act(
        Verbs.organisationSave,
        press(orgForm, Verbs.organisationSave, { dataFromCounty: 'partly', comments: 'Kiitos' }),
      );
      assert.equal((await sheet()).response?.value.answers?.dataFromCounty, 'partly');

      const review = await act(
        Verbs.responseReview,
        actionData(overview, Verbs.responseReview),
        'review',
      );
      const done = await act(
        Verbs.responseSubmit,
        actionData(review, Verbs.responseSubmit),
        'submitted',
      );
      assert.match(texts(done), words.submitted);
      const submitted = (await sheet()).response?.value;
      assert.equal(submitted?.state, 'submitted');
      assert.equal(submitted?.submittedById, AAD.anna);

      // Still editable until the deadline; the response stays submitted but shows the change.
      const again = await act(Verbs.goalOpen, actionData(overview, Verbs.goalOpen));
      const formC = await act(Verbs.measureAdd, actionData(again, Verbs.measureAdd));
      await act(
        Verbs.measureSave,
        press(formC, Verbs.measureSave, { description: 'Uusi', owner: 'X' }),
      );
      assert.equal((await sheet()).measures.length, 2);
    });
  }

  it('keeps typed values and stores nothing when the form is invalid', async () => {
    const act = actor(AAD.ben);
    const goal = await act(Verbs.goalOpen, { goalId: 'terveyserot' });
    const form = await act(Verbs.measureAdd, actionData(goal, Verbs.measureAdd));
    const again = await act(
      Verbs.measureSave,
      press(form, Verbs.measureSave, { description: '', owner: 'Oma tiimi', metrics: 'Mittari X' }),
      'form with errors',
    );
    assert.match(JSON.stringify(again), /Oma tiimi/);
    assert.match(JSON.stringify(again), /Mittari X/);
    assert.equal((await sheet()).measures.length, 0);
  });

  it('creates one measure from a double click or a redelivered activity', async () => {
    const act = actor(AAD.ben);
    const goal = await act(Verbs.goalOpen, { goalId: 'terveyserot' });
    const form = await act(Verbs.measureAdd, actionData(goal, Verbs.measureAdd));
    const data = press(form, Verbs.measureSave, { description: 'Kerran', owner: 'Me' });
    await Promise.all([act(Verbs.measureSave, data), act(Verbs.measureSave, data)]);
    await act(Verbs.measureSave, data);
    assert.equal((await sheet()).measures.length, 1);
  });

  it('gives the second of two respondents editing one measure a conflict card, not a lost update', async () => {
    const annaAct = actor(AAD.anna);
    const benAct = actor(AAD.ben);
    const goal = await annaAct(Verbs.goalOpen, { goalId: 'terveyserot' });
    const form = await annaAct(Verbs.measureAdd, actionData(goal, Verbs.measureAdd));
    const saved = await annaAct(
      Verbs.measureSave,
      press(form, Verbs.measureSave, { description: 'Alkuperäinen', owner: 'A' }),
    );
    const annaEdit = await annaAct(Verbs.measureEdit, actionData(saved, Verbs.measureEdit));
    const benEdit = await benAct(Verbs.measureEdit, actionData(saved, Verbs.measureEdit));
    await annaAct(
      Verbs.measureSave,
      press(annaEdit, Verbs.measureSave, { description: 'Annan versio' }),
    );
    const conflict = await benAct(
      Verbs.measureSave,
      press(benEdit, Verbs.measureSave, { description: 'Benin versio' }),
      'conflict',
    );
    assert.match(JSON.stringify(conflict), /Annan versio/);
    assert.match(JSON.stringify(conflict), /Benin versio/);
    assert.equal((await sheet()).measures[0]?.value.description, 'Annan versio');
  });

  it('refuses card data naming another organisation and changes nothing', async () => {
    const act = actor(AAD.ben);
    const card = await act(Verbs.measureAdd, { organisationId: 'larsmo', goalId: 'terveyserot' });
    assert.match(texts(card), /ei ole sinun/);
    const forged = await act(Verbs.measureSave, {
      roundId: ROUND,
      organisationId: 'larsmo',
      goalId: 'terveyserot',
      measureId: 'forged-measure-1',
      description: 'Väärennetty',
      owner: 'X',
    });
    assert.match(texts(forged), /ei ole sinun/);
    const larsmo = await bot.stores.responses.getSheet(ROUND, 'larsmo');
    assert.equal(larsmo.measures.length, 0);
    assert.equal(larsmo.response, undefined);
  });

  it('answers an oversize or mistyped payload with an error card and stores nothing', async () => {
    const act = actor(AAD.ben);
    const goal = await act(Verbs.goalOpen, { goalId: 'terveyserot' });
    const form = await act(Verbs.measureAdd, actionData(goal, Verbs.measureAdd));
    await act(
      Verbs.measureSave,
      press(form, Verbs.measureSave, { description: 'x'.repeat(100_000), owner: 'Me' }),
      'too long',
    );
    await act(
      Verbs.measureSave,
      { ...press(form, Verbs.measureSave), goalId: 42, page: 'x' },
      'mistyped',
    );
    assert.equal((await sheet()).measures.length, 0);
  });

  it('is read-only after the deadline', async () => {
    now = AFTER_DEADLINE;
    const act = actor(AAD.ben);
    const overview = await act(Verbs.questionnaireOpen, {}, 'closed overview');
    const goal = await act(Verbs.goalOpen, actionData(overview, Verbs.goalOpen), 'closed goal');
    assert.ok(!executeActions(goal).some((a) => a.verb === Verbs.measureAdd));
    await act(Verbs.measureSave, {
      roundId: ROUND,
      goalId: 'terveyserot',
      measureId: 'late-measure-1',
      description: 'Myöhässä',
      owner: 'X',
    });
    assert.equal((await sheet()).measures.length, 0);
  });

  it('sends the overview as a message when the respondent types "start"', async () => {
    await post(
      `${bot.url}/api/messages`,
      message('start', { aadObjectId: AAD.siri }, { serviceUrl: connector.url, locale: 'sv-SE' }),
    );
    await connector.waitForActivities(1);
    assert.match(texts(connector.cards[0]!), /Larsmo kommun/);
  });

  after(() => {
    // Every card the flows produced, in all three languages, within Teams' limits.
    assert.ok(seen.length > 40);
    for (const { label, card } of seen) assertValidCard(card, label);
  });
});
