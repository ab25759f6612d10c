import assert from 'node:assert/strict';
import { MEASURE_LIMITS, type Measure } from '../../bot/domain/answers/measure';
import { type Card, Verbs } from '../../cards';
import { invoke } from '../helpers/activities';
import { type TestBot, post, startBot } from '../helpers/bot-server';
import { assertValidCard, cardTexts } from '../helpers/card-check';
import { ConnectorEmulator } from '../helpers/connector';
import { AAD, BEFORE_DEADLINE, fixtureRound } from '../helpers/questionnaire-fixtures';
import { actionData, press } from '../helpers/card-actions';

const ROUND = 'pohjois-savo-2025';

function stored(i: number, goalId: string): Measure {
  const at = new Date(BEFORE_DEADLINE.getTime() - 86_400_000 + i * 1000).toISOString();
  return {
    id: `seeded-${goalId}-${String(i).padStart(4, '0')}`,
    goalId,
    description: `Toimenpide ${i}`,
    owner: 'Liikuntapalvelut',
    partners: [],
    partnersOther: '',
    metrics: '',
    targetGroup: '',
    timeframe: '',
    notes: '',
    createdAt: at,
    createdBy: 'Anna A',
    updatedAt: at,
    updatedBy: 'Anna A',
  };
}

describe('measure limits over HTTP on Azurite', () => {
  let connector: ConnectorEmulator;
  let bot: TestBot;

  beforeEach(async () => {
    let now = BEFORE_DEADLINE.getTime();
    connector = await new ConnectorEmulator().start();
    bot = await startBot({ clock: { now: () => new Date((now += 1000)) } });
    await bot.stores.rounds.save(fixtureRound());
  });
  afterEach(async () => {
    await bot.close();
    await connector.close();
  });

  const seed = async (goalId: string, n: number, from = 0) => {
    for (let i = from; i < from + n; i += 25) {
      await Promise.all(
        Array.from({ length: Math.min(25, from + n - i) }, (_, j) =>
          bot.stores.responses.createMeasure(ROUND, 'kuopio', stored(i + j, goalId)),
        ),
      );
    }
  };
  const sheet = () => bot.stores.responses.getSheet(ROUND, 'kuopio');

  function actor(locale: string) {
    const from = { aadObjectId: AAD.ben, name: 'Ben B' };
    return async (verb: string, data: Record<string, unknown>): Promise<Card> => {
      const res = await post(
        `${bot.url}/api/messages`,
        invoke(verb, data, from, { serviceUrl: connector.url, locale }),
      );
      assert.equal(res.status, 200);
      const card = (res.body as { value: Card }).value;
      assertValidCard(card, `${verb} (${locale})`);
      return card;
    };
  }

  /** Opens the goal, adds a measure and saves it; the card answered. */
  async function addOne(act: ReturnType<typeof actor>, goalId: string, description: string) {
    const goal = await act(Verbs.goalOpen, { goalId });
    const form = await act(Verbs.measureAdd, actionData(goal, Verbs.measureAdd));
    return act(Verbs.measureSave, press(form, Verbs.measureSave, { description, owner: 'Ben' }));
  }

  for (const [locale, goalLimit] of [
    ['fi-FI', /Tavoitteelle voi kirjata enintään 50 toimenpidettä/],
    ['sv-SE', /Ett mål kan ha högst 50 åtgärder/],
    ['en-US', /A goal can have at most 50 measures/],
  ] as const) {
    it(`refuses the ${MEASURE_LIMITS.perGoal + 1}st measure of a goal in ${locale}, keeping what is stored`, async () => {
      await seed('terveyserot', MEASURE_LIMITS.perGoal);
      const before = await sheet();
      const act = actor(locale);
      const refused = await addOne(act, 'terveyserot', 'Yksi liikaa');
      assert.match(cardTexts(refused).join(' '), goalLimit);
      assert.deepEqual(await sheet(), before, 'nothing written, nothing lost');

      // Editing a stored measure of the full goal still works, and so does another goal.
      const goal = await act(Verbs.goalOpen, { goalId: 'terveyserot' });
      const edit = await act(Verbs.measureEdit, actionData(goal, Verbs.measureEdit));
      await act(Verbs.measureSave, press(edit, Verbs.measureSave, { owner: 'Muokattu' }));
      await addOne(act, 'osallisuus', 'Toiseen tavoitteeseen');
      const after = await sheet();
      assert.equal(after.measures.length, MEASURE_LIMITS.perGoal + 1);
      assert.ok(after.measures.some((m) => m.value.owner === 'Muokattu'));
      assert.equal(after.response?.value.state, 'draft');
    });
  }

  it(`refuses the ${MEASURE_LIMITS.perOrganisation + 1}st measure of an organisation`, async () => {
    // Seeded past the per-goal limit on purpose: the organisation's limit is checked first.
    await seed('terveyserot', 100);
    await seed('osallisuus', 100, 100);
    await seed('elintavat', 100, 200);
    const before = await sheet();
    for (const [locale, text] of [
      ['fi-FI', /Organisaatio voi kirjata enintään 300 toimenpidettä/],
      ['en-US', /An organisation can have at most 300 measures/],
    ] as const) {
      const refused = await addOne(actor(locale), 'elintavat', 'Liikaa');
      assert.match(cardTexts(refused).join(' '), text);
    }
    assert.deepEqual(await sheet(), before);
  });
});
