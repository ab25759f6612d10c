import assert from 'node:assert/strict';
import { type Card, Verbs } from '../../cards';
import { invoke, message } from '../helpers/activities';
import { type TestBot, post, startBot } from '../helpers/bot-server';
import { actionData, executeActions, press } from '../helpers/card-actions';
import { assertValidCard, cardTexts } from '../helpers/card-check';
import { ConnectorEmulator } from '../helpers/connector';
import { AAD, BEFORE_DEADLINE, fixtureRound } from '../helpers/questionnaire-fixtures';

const ROUND = 'pohjois-savo-2025';
const texts = (card: Card) => cardTexts(card).join('\n');
const who = (aadObjectId: string, name: string) => ({ aadObjectId, name });
const anna: { aadObjectId: string; name: string } = who(AAD.anna, 'Anna A');
const ben = who(AAD.ben, 'Ben B');
const siri = who(AAD.siri, 'Siri S');
const olli = who(AAD.olli, 'Olli O');
const stranger = who(AAD.stranger, 'X Y');
const mention = {
  entities: [{ type: 'mention', mentioned: { id: '28:hyte-bot' }, text: '<at>HYTE-botti</at>' }],
};

describe('measure.history over HTTP on Azurite', () => {
  let connector: ConnectorEmulator;
  let bot: TestBot;
  let now: number;

  beforeEach(async () => {
    connector = await new ConnectorEmulator().start();
    connector.members.set(AAD.anna, {
      id: `29:${AAD.anna}`,
      aadObjectId: AAD.anna,
      email: 'anna@kuopio.fi',
    });
    now = BEFORE_DEADLINE.getTime();
    bot = await startBot({ clock: { now: () => new Date((now += 60_000)) } });
    await bot.stores.rounds.save(fixtureRound());
  });
  afterEach(async () => {
    await bot.close();
    await connector.close();
  });

  const act = async (
    from: typeof anna,
    verb: string,
    data: Record<string, unknown>,
    locale = 'fi-FI',
    where: object = {},
  ) => {
    const res = await post(
      `${bot.url}/api/messages`,
      invoke(verb, data, from, { serviceUrl: connector.url, locale, ...where }),
    );
    assert.equal(res.status, 200);
    const card = (res.body as { value: Card }).value;
    assertValidCard(card, `${verb} (${locale})`);
    return card;
  };

  /** Anna adds a measure, Ben edits it twice, Anna twice more: five versions. */
  async function measureWithVersions(): Promise<{ goal: Card; measureId: string }> {
    const overview = await act(anna, Verbs.questionnaireOpen, {});
    const goal = await act(anna, Verbs.goalOpen, actionData(overview, Verbs.goalOpen));
    const form = await act(anna, Verbs.measureAdd, actionData(goal, Verbs.measureAdd));
    const typed = { description: 'Liikuntaneuvonta ${round.id} <b>', owner: 'Liikuntapalvelut' };
    await act(anna, Verbs.measureSave, press(form, Verbs.measureSave, typed));
    const measureId = String(actionData(form, Verbs.measureSave).measureId);
    const ref = { goalId: 'terveyserot', measureId };
    for (const [from, typed] of [
      [ben, { metrics: 'Käynnit' }],
      [ben, { owner: 'Kulttuuri- ja liikuntapalvelut', partners: 'pshva,mtr' }],
      [anna, { concrete: 'yes' }],
      [anna, { timeframe: '2025–2027' }],
    ] as const) {
      const edit = await act(from, Verbs.measureEdit, ref);
      await act(from, Verbs.measureSave, press(edit, Verbs.measureSave, typed));
    }
    return { goal: await act(anna, Verbs.goalOpen, { goalId: 'terveyserot' }), measureId };
  }

  it('shows a respondent who wrote each value and when, newest first, paged, in their language', async () => {
    const { goal, measureId } = await measureWithVersions();
    const data = actionData(goal, Verbs.measureHistory);
    assert.equal(data.measureId, measureId);
    const card = await act(anna, Verbs.measureHistory, data);
    const t = texts(card);
    assert.match(t, /Toimenpiteen muutoshistoria/);
    assert.match(t, /Liikuntaneuvonta \$\{round\.id\} <b>/, 'typed text stays text');
    assert.match(t, /Versiot 1–4 \/ 5, uusin ensin/);
    const order = ['Anna A', 'Anna A', 'Ben B', 'Ben B'];
    assert.deepEqual(
      cardTexts(card).filter((x) => x === 'Anna A' || x === 'Ben B'),
      order,
    );
    assert.match(t, /Onko toimenpide konkreettinen\?: \n\(tyhjä\)\n → \nKyllä/);
    assert.match(t, /Liikuntapalvelut[\s\S]*→[\s\S]*Kulttuuri- ja liikuntapalvelut/);
    assert.match(t, /Pohjois-Savon hyvinvointialue, Mielenterveysyhdistys ry/);
    const older = await act(anna, Verbs.measureHistory, press(card, Verbs.measureHistory));
    assert.match(texts(older), /lisäsi toimenpiteen/);
    assert.match(texts(older), /Versiot 5–5 \/ 5/);
    const back = actionData(card, Verbs.goalOpen);
    assert.equal(back.goalId, 'terveyserot');
    for (const locale of ['sv-SE', 'en-US']) {
      const other = await act(anna, Verbs.measureHistory, data, locale);
      assert.match(
        texts(other),
        locale === 'sv-SE' ? /ändringshistorik/ : /History of the measure/,
      );
    }
  });

  it('keeps the history of a deleted measure, with its last values', async () => {
    const { goal, measureId } = await measureWithVersions();
    const confirm = await act(anna, Verbs.measureDelete, actionData(goal, Verbs.measureDelete));
    await act(anna, Verbs.measureDelete, press(confirm, Verbs.measureDelete));
    const card = await act(ben, Verbs.measureHistory, {
      roundId: ROUND,
      organisationId: 'kuopio',
      measureId,
      goalId: 'terveyserot',
    });
    const t = texts(card);
    assert.match(t, /Toimenpide on poistettu/);
    assert.match(t, /poisti toimenpiteen/);
    assert.match(t, /Liikuntaneuvonta/);
  });

  it('opens for the round’s coordinators from the koonti in their own chat, and for nobody else', async () => {
    const { measureId } = await measureWithVersions();
    await act(anna, Verbs.responseSubmit, {});
    const data = { roundId: ROUND, organisationId: 'kuopio', measureId };
    for (const other of [siri, stranger]) {
      const refused = await act(other, Verbs.measureHistory, data);
      assert.match(texts(refused), /ei ole oikeutta/);
      assert.doesNotMatch(texts(refused), /Liikuntaneuvonta|Anna A/);
    }
    const summary = await act(olli, Verbs.roundSummary, { roundId: ROUND, goalId: 'terveyserot' });
    const fromSummary = actionData(summary, Verbs.measureHistory);
    assert.equal(fromSummary.measureId, measureId);
    const card = await act(olli, Verbs.measureHistory, fromSummary);
    assert.match(texts(card), /Ben B/);
    assert.equal(actionData(card, Verbs.roundSummary).goalId, 'terveyserot');

    // The koonti the council's channel shares has no history buttons.
    await post(
      `${bot.url}/api/messages`,
      message(
        '<at>HYTE-botti</at> liitä kanava',
        olli,
        { serviceUrl: connector.url, conversationType: 'channel', channelId: 'council' },
        mention,
      ),
    );
    await connector.waitForActivities(1);
    const shared = await act(
      olli,
      Verbs.roundSummary,
      { roundId: ROUND, goalId: 'terveyserot' },
      'fi-FI',
      {
        conversationType: 'channel',
        channelId: 'council',
      },
    );
    assert.equal(executeActions(shared).filter((a) => a.verb === Verbs.measureHistory).length, 0);
  });
});
