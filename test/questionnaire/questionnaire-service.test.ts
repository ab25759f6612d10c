import assert from 'node:assert/strict';
import type { AuthenticatedUser } from '../../bot/domain/identity';
import { langOf } from '../../bot/domain/localized-text';
import type { Clock } from '../../bot/domain/ports';
import { createQuestionnaireService, type QuestionnaireService } from '../../bot/questionnaire';
import { cardForError } from '../../bot/teams/error-cards';
import { Verbs, type Card } from '../../cards';
import { assertValidCard, cardTexts } from '../helpers/card-check';
import {
  AFTER_DEADLINE,
  BEFORE_DEADLINE,
  fixtureRound,
  personalOrigin,
  user,
} from '../helpers/questionnaire-fixtures';
import { actionData, executeActions, inputValues, press } from '../helpers/card-actions';
import { testStores } from '../helpers/stores';

const ROUND = 'pohjois-savo-2025';
const anna = user('anna');
const ben = user('ben');

function texts(card: Card): string {
  return [...cardTexts(card), JSON.stringify(card)].join('\n');
}

describe('questionnaire service', () => {
  let stores: ReturnType<typeof testStores>;
  let now: Date;
  let svc: QuestionnaireService;
  let ids: number;
  const clock: Clock = { now: () => now };

  beforeEach(async () => {
    stores = testStores();
    await stores.rounds.save(fixtureRound());
    now = BEFORE_DEADLINE;
    ids = 0;
    svc = createQuestionnaireService({
      ...stores,
      clock,
      newId: () => `measure-${String(++ids).padStart(4, '0')}`,
    });
  });

  const sheet = () => stores.responses.getSheet(ROUND, 'kuopio');
  /** The card the user sees: refusals are answered as the Teams layer answers them. */
  const answer = (who: AuthenticatedUser, card: Promise<Card>) =>
    card.catch((e: unknown) => cardForError(langOf(who.locale), e));
  const start = (who: AuthenticatedUser) =>
    answer(who, svc.commands.start(who, {}, personalOrigin(who)));
  const run = async (
    who: typeof anna,
    verb: keyof QuestionnaireService['verbs'],
    data: unknown,
  ) => {
    const card = await answer(who, svc.verbs[verb](who, data, personalOrigin(who)));
    assertValidCard(card, verb);
    return card;
  };
  /** Adds a measure through the form; returns the goal card. */
  async function addMeasure(
    who: typeof anna,
    typed: Record<string, string>,
    goalId = 'terveyserot',
  ) {
    const overview = await start(who);
    const goal = await run(
      who,
      Verbs.goalOpen,
      actionData(
        overview,
        Verbs.goalOpen,
        ['terveyserot', 'osallisuus', 'elintavat'].indexOf(goalId),
      ),
    );
    const form = await run(who, Verbs.measureAdd, actionData(goal, Verbs.measureAdd));
    return {
      form,
      saved: await run(who, Verbs.measureSave, press(form, Verbs.measureSave, typed)),
    };
  }

  it('tells a non-respondent whom to contact', async () => {
    const card = await start(user('stranger'));
    assert.match(texts(card), /koordinaattori@example\.fi/);
    assertValidCard(card);
  });

  it('answers in the Teams locale, else the organisation language', async () => {
    assert.match(texts(await start(anna)), /Hyvinvointitavoitteet/);
    assert.match(texts(await start({ ...anna, locale: 'en-US' })), /Wellbeing goals/);
    assert.match(texts(await start(user('siri'))), /Välfärdsmål/, 'Larsmo answers in Swedish');
    assert.match(texts(await start(user('siri', { locale: 'de-DE' }))), /Välfärdsmål/);
  });

  it('saves a new measure at once as a draft; a repeated save creates no duplicate', async () => {
    const typed = {
      description: 'Liikuntaneuvonta',
      owner: 'Liikuntapalvelut',
      partners: 'pshva,nonexistent-org',
    };
    const { form, saved } = await addMeasure(anna, typed);
    assert.match(texts(saved), /Toimenpide tallennettu/);
    assert.match(texts(saved), /Liikuntaneuvonta/);
    const again = await run(anna, Verbs.measureSave, press(form, Verbs.measureSave, typed));
    assert.match(texts(again), /Toimenpide tallennettu/, 'redelivery is a success, not a conflict');
    const { measures, response } = await sheet();
    assert.equal(measures.length, 1);
    assert.deepEqual(measures[0]?.value.partners, ['pshva'], 'unknown organisations dropped');
    assert.equal(measures[0]?.value.createdBy, 'Anna A');
    assert.equal(response?.value.state, 'draft');
  });

  it('shows validation errors under the field, keeps typed values and stores nothing', async () => {
    const { saved: missing } = await addMeasure(anna, {
      description: 'Teksti talteen',
      owner: ' ',
      metrics: 'Mittari',
    });
    assert.match(texts(missing), /Täytä tämä kenttä/);
    assert.equal(inputValues(missing).description, 'Teksti talteen');
    assert.equal(inputValues(missing).metrics, 'Mittari');
    const { saved: huge } = await addMeasure(anna, {
      description: 'x'.repeat(100_000),
      owner: 'Omistaja',
    });
    assert.match(texts(huge), /enintään 4000 merkkiä \(kirjoitit 100000\)/);
    assert.equal(inputValues(huge).owner, 'Omistaja');
    assert.equal((await sheet()).measures.length, 0);
    assert.equal((await sheet()).response, undefined);
  });

  it('refuses malformed data with an error card and unknown goals as out of date', async () => {
    assert.match(texts(await run(anna, Verbs.goalOpen, { goalId: 5 })), /virheelliset/);
    assert.match(texts(await run(anna, Verbs.goalOpen, { goalId: 'removed-goal' })), /vanhentunut/);
    assert.match(texts(await run(anna, Verbs.measureSave, 'not an object')), /virheelliset/);
  });

  it('refuses card data naming another organisation or round, changing nothing', async () => {
    const { form } = await addMeasure(anna, { description: 'Oma', owner: 'Oma' });
    for (const forged of [{ organisationId: 'larsmo' }, { roundId: 'other-round' }]) {
      const data = {
        ...press(form, Verbs.measureSave, { description: 'Väärennetty', owner: 'X' }),
        ...forged,
        measureId: 'forged-0001',
      };
      assert.match(texts(await run(anna, Verbs.measureSave, data)), /Tämä kortti ei ole sinun/);
    }
    assert.equal((await stores.responses.getSheet(ROUND, 'larsmo')).measures.length, 0);
    assert.deepEqual(
      (await sheet()).measures.map((m) => m.value.description),
      ['Oma'],
    );
  });

  it('turns a stale edit into a conflict card; nobody loses an update', async () => {
    await addMeasure(anna, { description: 'Alkuperäinen', owner: 'Omistaja' });
    const goalCard = await run(anna, Verbs.goalOpen, {
      roundId: ROUND,
      organisationId: 'kuopio',
      goalId: 'terveyserot',
    });
    const annaForm = await run(anna, Verbs.measureEdit, actionData(goalCard, Verbs.measureEdit));
    const benForm = await run(ben, Verbs.measureEdit, actionData(goalCard, Verbs.measureEdit));
    now = new Date(BEFORE_DEADLINE.getTime() + 60_000);
    await run(
      anna,
      Verbs.measureSave,
      press(annaForm, Verbs.measureSave, { description: 'Annan versio' }),
    );
    const conflict = await run(
      ben,
      Verbs.measureSave,
      press(benForm, Verbs.measureSave, { description: 'Benin versio' }),
    );
    assert.match(texts(conflict), /Joku muu muutti tätä samaan aikaan/);
    assert.match(texts(conflict), /Annan versio/);
    assert.equal(inputValues(conflict).description, 'Benin versio');
    assert.equal((await sheet()).measures[0]?.value.description, 'Annan versio');
    // Ben keeps his version: saved over the newer ETag.
    const kept = await run(ben, Verbs.measureSave, press(conflict, Verbs.measureSave));
    assert.match(texts(kept), /Toimenpide tallennettu/);
    const [stored] = (await sheet()).measures;
    assert.equal(stored?.value.description, 'Benin versio');
    assert.equal(stored?.value.updatedBy, 'Ben B');
    assert.equal(stored?.value.createdBy, 'Anna A');
  });

  it('a double-clicked edit save is not a conflict', async () => {
    const { saved } = await addMeasure(anna, { description: 'A', owner: 'B' });
    const form = await run(anna, Verbs.measureEdit, actionData(saved, Verbs.measureEdit));
    const data = press(form, Verbs.measureSave, { description: 'A2' });
    await run(anna, Verbs.measureSave, data);
    assert.match(texts(await run(anna, Verbs.measureSave, data)), /Toimenpide tallennettu/);
  });

  it('a save of a measure deleted meanwhile offers to save it as new', async () => {
    const { saved } = await addMeasure(anna, { description: 'Poistuva', owner: 'B' });
    const form = await run(ben, Verbs.measureEdit, actionData(saved, Verbs.measureEdit));
    const confirm = await run(anna, Verbs.measureDelete, actionData(saved, Verbs.measureDelete));
    await run(anna, Verbs.measureDelete, actionData(confirm, Verbs.measureDelete));
    const conflict = await run(
      ben,
      Verbs.measureSave,
      press(form, Verbs.measureSave, { description: 'Pelastettu' }),
    );
    assert.match(texts(conflict), /poistettiin sillä välin/);
    await run(ben, Verbs.measureSave, press(conflict, Verbs.measureSave));
    assert.deepEqual(
      (await sheet()).measures.map((m) => m.value.description),
      ['Pelastettu'],
    );
  });

  it('asks before deleting; a repeated confirm says it is already gone', async () => {
    const { saved } = await addMeasure(anna, { description: 'Poistettava', owner: 'B' });
    const confirm = await run(anna, Verbs.measureDelete, actionData(saved, Verbs.measureDelete));
    assert.match(texts(confirm), /Poistetaanko toimenpide/);
    assert.equal((await sheet()).measures.length, 1, 'asking deletes nothing');
    const done = await run(anna, Verbs.measureDelete, actionData(confirm, Verbs.measureDelete));
    assert.match(texts(done), /Toimenpide poistettu/);
    assert.equal((await sheet()).measures.length, 0);
    assert.match(
      texts(await run(anna, Verbs.measureDelete, actionData(confirm, Verbs.measureDelete))),
      /oli jo poistettu/,
    );
  });

  it('a delete confirmed over a changed measure asks again', async () => {
    const { saved } = await addMeasure(anna, { description: 'V1', owner: 'B' });
    const confirm = await run(anna, Verbs.measureDelete, actionData(saved, Verbs.measureDelete));
    const form = await run(ben, Verbs.measureEdit, actionData(saved, Verbs.measureEdit));
    await run(ben, Verbs.measureSave, press(form, Verbs.measureSave, { description: 'V2' }));
    const again = await run(anna, Verbs.measureDelete, actionData(confirm, Verbs.measureDelete));
    assert.match(texts(again), /muutettiin sillä välin/);
    assert.match(texts(again), /V2/);
    assert.equal((await sheet()).measures.length, 1);
  });

  it('saves organisation answers and detects a concurrent change', async () => {
    const overview = await start(anna);
    const annaForm = await run(
      anna,
      Verbs.organisationOpen,
      actionData(overview, Verbs.organisationOpen),
    );
    const benForm = await run(
      ben,
      Verbs.organisationOpen,
      actionData(overview, Verbs.organisationOpen),
    );
    const saved = await run(
      anna,
      Verbs.organisationSave,
      press(annaForm, Verbs.organisationSave, {
        dataFromCounty: 'partly',
        dropFromPlan: 'Päällekkäiset',
      }),
    );
    assert.match(texts(saved), /Vastaukset tallennettu/);
    assert.match(texts(saved), /✓ Vastattu/);
    // A measure saved meanwhile does not make the answers conflict…
    await addMeasure(ben, { description: 'M', owner: 'O' });
    const conflict = await run(
      ben,
      Verbs.organisationSave,
      press(benForm, Verbs.organisationSave, { networksWork: 'no' }),
    );
    // …but different answers saved by someone else do.
    assert.match(texts(conflict), /Joku muu muutti/);
    assert.match(texts(conflict), /Päällekkäiset/);
    assert.equal(inputValues(conflict).networksWork, 'no');
    assert.equal((await sheet()).response?.value.answers?.networksWork, undefined);
    await run(ben, Verbs.organisationSave, press(conflict, Verbs.organisationSave));
    assert.equal((await sheet()).response?.value.answers?.networksWork, 'no');
  });

  it('reviews gaps, submits with who and when, and marks later edits', async () => {
    await addMeasure(anna, { description: 'Ilman mittaria', owner: 'O' });
    const review = await run(
      anna,
      Verbs.responseReview,
      actionData(await start(anna), Verbs.responseReview),
    );
    assert.match(texts(review), /seurantamittari puuttuu/);
    assert.match(texts(review), /Ei toimenpiteitä tämän tavoitteen alla/);
    now = new Date(BEFORE_DEADLINE.getTime() + 3_600_000);
    const done = await run(anna, Verbs.responseSubmit, actionData(review, Verbs.responseSubmit));
    assert.match(texts(done), /Vastaukset lähetetty/);
    const response = (await sheet()).response?.value;
    assert.equal(response?.state, 'submitted');
    assert.equal(response?.submittedBy, 'Anna A');
    assert.equal(response?.submittedById, anna.aadObjectId);
    assert.equal(response?.submittedAt, now.toISOString());
    assert.doesNotMatch(texts(await start(anna)), /muutettu lähettämisen jälkeen/);
    now = new Date(now.getTime() + 60_000);
    await addMeasure(ben, { description: 'Lisäys', owner: 'O' });
    assert.equal((await sheet()).response?.value.state, 'submitted');
    const overview = texts(await start(anna));
    assert.match(overview, /muutettu lähettämisen jälkeen/);
    const again = await run(anna, Verbs.responseReview, {});
    assert.ok(executeActions(again).some((a) => a.title === 'Lähetä uudelleen'));
  });

  it('is read-only after the deadline: nothing saved, a note, no editing buttons', async () => {
    const { form, saved } = await addMeasure(anna, { description: 'Ennen', owner: 'O' });
    const editForm = await run(anna, Verbs.measureEdit, actionData(saved, Verbs.measureEdit));
    now = AFTER_DEADLINE;
    const before = JSON.stringify(await sheet());
    const late = await run(
      anna,
      Verbs.measureSave,
      press(form, Verbs.measureSave, {
        measureId: 'late-0001',
        description: 'Myöhässä',
        owner: 'O',
      }),
    );
    assert.match(texts(late), /mitään ei tallennettu/);
    await run(
      anna,
      Verbs.measureSave,
      press(editForm, Verbs.measureSave, { description: 'Muutos' }),
    );
    await run(anna, Verbs.measureDelete, {
      ...actionData(saved, Verbs.measureDelete),
      confirm: true,
    });
    await run(anna, Verbs.organisationSave, { comments: 'Myöhässä' });
    await run(anna, Verbs.responseSubmit, {});
    assert.equal(JSON.stringify(await sheet()), before, 'storage unchanged');
    const overview = await start(anna);
    assert.match(texts(overview), /Määräaika päättyi/);
    const goal = await run(anna, Verbs.goalOpen, actionData(overview, Verbs.goalOpen));
    const verbs = executeActions(goal).map((a) => a.verb);
    assert.ok(!verbs.includes(Verbs.measureAdd) && !verbs.includes(Verbs.measureEdit));
    const org = await run(anna, Verbs.organisationOpen, {});
    assert.ok(!executeActions(org).some((a) => a.verb === Verbs.organisationSave));
  });
});
