import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { compileKoonti } from '../../bot/domain/koonti';
import { langOf } from '../../bot/domain/localized-text';
import { renderReportCsv, renderReportHtml, renderReportXlsx } from '../../bot/report';
import { importRound } from '../../bot/rounds';
import { type Card, Verbs, summaryCard } from '../../cards';
import { t } from '../../cards/i18n';
import { invoke } from '../helpers/activities';
import { type TestBot, post, startBot } from '../helpers/bot-server';
import { assertValidCard, cardTexts } from '../helpers/card-check';
import { ConnectorEmulator } from '../helpers/connector';
import { AAD, BEFORE_DEADLINE, fixtureRound } from '../helpers/questionnaire-fixtures';
import { actionData, press } from '../helpers/card-actions';

const LAST = 'pohjois-savo-2024';
const THIS = 'pohjois-savo-2025';
const texts = (card: Card) => cardTexts(card).join('\n');

/** Every input of a card by id. */
function inputs(node: unknown, out: Record<string, Record<string, unknown>> = {}) {
  if (Array.isArray(node)) node.forEach((n) => inputs(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (String(o.type).startsWith('Input.') && typeof o.id === 'string') out[o.id] = o;
    Object.values(o).forEach((v) => inputs(v, out));
  }
  return out;
}

describe('follow-up across rounds over HTTP on Azurite', () => {
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
    bot = await startBot({ clock: { now: () => (now = new Date(now.getTime() + 1000)) } });
  });
  afterEach(async () => {
    await bot.close();
    await connector.close();
  });

  function actor(locale: string) {
    const from = { aadObjectId: AAD.anna, name: 'Anna' };
    return async (verb: string, data: Record<string, unknown>, label = verb): Promise<Card> => {
      const res = await post(
        `${bot.url}/api/messages`,
        invoke(verb, data, from, { serviceUrl: connector.url, locale }),
      );
      assert.equal(res.status, 200, `${verb}: ${JSON.stringify(res.body)}`);
      const card = (res.body as { value: Card }).value;
      assertValidCard(card, `${label} (${locale})`);
      return card;
    };
  }

  const koontiOf = async (roundId: string) => {
    const round = (await bot.stores.rounds.get(roundId))!;
    return compileKoonti(round, await bot.stores.responses.listSheets(roundId), { now });
  };
  const csvOf = async (roundId: string) => renderReportCsv(await koontiOf(roundId), 'en');

  for (const locale of ['fi-FI', 'sv-SE', 'en-US']) {
    it(`carries last year's answers, takes progress, a drop and a new measure (${locale})`, async () => {
      const act = actor(locale);
      const lang = langOf(locale);
      await bot.stores.rounds.save(fixtureRound({ id: LAST }));

      // Last year's round, answered and submitted.
      const lastOverview = await act(Verbs.questionnaireOpen, { roundId: LAST });
      let goal = await act(Verbs.goalOpen, actionData(lastOverview, Verbs.goalOpen));
      for (const [description, owner] of [
        ['Liikuntaneuvonta', 'Liikuntapalvelut'],
        ['Kerhotoiminta', 'Nuorisopalvelut'],
        ['Ravitsemusluennot', 'Terveyspalvelut'],
      ]) {
        const form = await act(Verbs.measureAdd, actionData(goal, Verbs.measureAdd));
        assert.equal(inputs(form).progress, undefined, 'no progress on a new measure');
        goal = await act(
          Verbs.measureSave,
          press(form, Verbs.measureSave, { description: description!, owner: owner! }),
        );
      }
      const review = await act(
        Verbs.responseReview,
        actionData(lastOverview, Verbs.responseReview),
      );
      await act(Verbs.responseSubmit, actionData(review, Verbs.responseSubmit));
      const lastCsv = await csvOf(LAST);

      // This year's round, imported: last year's three measures come along.
      const next = fixtureRound({ previousRound: LAST, planPeriod: { from: 2025, to: 2030 } });
      const imported = await importRound(bot.stores, next);
      assert.equal(imported.carry?.carried, 3);
      now = new Date(now.getTime() + 60_000); // past the server's round cache

      const overview = await act(Verbs.questionnaireOpen, { roundId: THIS }, 'overview');
      const open3 = t(lang, 'questionnaire.carriedValue', { total: 3, open: 3 });
      assert.ok(texts(overview).includes(open3), 'overview counts those without a progress');
      const thisGoal = await act(Verbs.goalOpen, actionData(overview, Verbs.goalOpen), 'goal');
      assert.equal((texts(thisGoal).match(/↻/g) ?? []).length, 3, 'three marked as last year');
      assert.match(texts(thisGoal), /Liikuntaneuvonta[\s\S]*Kerhotoiminta[\s\S]*Ravitsemus/);

      // Edited, with progress; the label names the plan's end year.
      const editA = await act(
        Verbs.measureEdit,
        actionData(thisGoal, Verbs.measureEdit, 0),
        'form',
      );
      const fieldsA = inputs(editA);
      assert.equal(fieldsA.description?.value, 'Liikuntaneuvonta', 'pre-filled');
      assert.equal(fieldsA.progress?.type, 'Input.ChoiceSet');
      assert.ok(fieldsA.progress?.label, 'progress has a label');
      assert.match(String(fieldsA.changeBy2029?.label), /2030/);
      assert.ok(fieldsA.progressNote);

      // A progress outside the four: the form again, message under it, typed values kept.
      const bad = await act(
        Verbs.measureSave,
        press(editA, Verbs.measureSave, { owner: 'Liikunta ja kulttuuri', progress: 'maybe' }),
        'form refused',
      );
      assert.equal(inputs(bad).owner?.value, 'Liikunta ja kulttuuri');
      assert.ok(inputs(bad).progress, 'progress still asked');
      assert.match(texts(bad), /⚠/);
      await act(
        Verbs.measureSave,
        press(bad, Verbs.measureSave, { owner: 'Liikunta ja kulttuuri', progress: 'ongoing' }),
      );

      // Dropped, with the reason.
      const afterA = await act(Verbs.goalOpen, actionData(overview, Verbs.goalOpen));
      const editB = await act(Verbs.measureEdit, actionData(afterA, Verbs.measureEdit, 1));
      await act(
        Verbs.measureSave,
        press(editB, Verbs.measureSave, { progress: 'dropped', progressNote: 'Ei rahoitusta' }),
      );

      // A new measure may not claim a progress; without one it is saved.
      const afterB = await act(Verbs.goalOpen, actionData(overview, Verbs.goalOpen));
      const formNew = await act(Verbs.measureAdd, actionData(afterB, Verbs.measureAdd));
      const typedNew = { description: 'Perhekahvila', owner: 'Perhepalvelut' };
      const refused = await act(
        Verbs.measureSave,
        press(formNew, Verbs.measureSave, { ...typedNew, progress: 'done' }),
        'new refused',
      );
      assert.equal(inputs(refused).description?.value, 'Perhekahvila');
      assert.ok(inputs(refused).progress, 'shown with its message');
      assert.equal((await bot.stores.responses.getSheet(THIS, 'kuopio')).measures.length, 3);
      await act(
        Verbs.measureSave,
        press(refused, Verbs.measureSave, { ...typedNew, progress: '' }),
      );

      const thisReview = await act(
        Verbs.responseReview,
        actionData(overview, Verbs.responseReview),
        'review',
      );
      const gap = t(lang, 'review.gap.progress');
      assert.equal(texts(thisReview).split(gap).length - 1, 1, 'one carried without progress');
      const overviewNow = await act(Verbs.questionnaireOpen, { roundId: THIS });
      const open1 = t(lang, 'questionnaire.carriedValue', { total: 3, open: 1 });
      assert.ok(texts(overviewNow).includes(open1));
      await act(Verbs.responseSubmit, actionData(thisReview, Verbs.responseSubmit), 'submitted');

      const stored = (await bot.stores.responses.getSheet(THIS, 'kuopio')).measures.map(
        (m) => m.value,
      );
      const by = (d: string) => stored.find((m) => m.description === d);
      assert.equal(stored.length, 4);
      assert.equal(by('Liikuntaneuvonta')?.progress, 'ongoing');
      assert.equal(by('Liikuntaneuvonta')?.owner, 'Liikunta ja kulttuuri');
      assert.equal(by('Kerhotoiminta')?.progress, 'dropped');
      assert.equal(by('Ravitsemusluennot')?.progress, undefined);
      assert.equal(by('Perhekahvila')?.carriedFrom, undefined);
      assert.equal(by('Perhekahvila')?.progress, undefined);

      // Last year's round is unchanged; this year's export has the follow-up columns.
      assert.equal(await csvOf(LAST), lastCsv);
      const csv = (await csvOf(THIS)).split('\r\n');
      assert.match(csv[0]!, /,Progress,Progress note,Previous round$/);
      const row = (d: string) => csv.find((l) => l.includes(d)) ?? '';
      assert.match(row('Liikuntaneuvonta'), /,ongoing,,pohjois-savo-2024$/);
      assert.match(row('Kerhotoiminta'), /,dropped,Ei rahoitusta,pohjois-savo-2024$/);
      assert.match(row('Perhekahvila'), /,,,$/);
      const wb = new ExcelJS.Workbook();
      const xlsx = await renderReportXlsx(await koontiOf(THIS), 'en');
      await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
      const cells = (wb.worksheets[0]!.getSheetValues() as unknown[][]).map((r) =>
        (r ?? []).slice(-3),
      );
      assert.deepEqual(cells[1], ['Progress', 'Progress note', 'Previous round']);
      assert.ok(cells.some((r) => r.join('|') === 'dropped|Ei rahoitusta|pohjois-savo-2024'));

      // The koonti per goal: carried by progress, new ones, the dropped one and why.
      const k = await koontiOf(THIS);
      const f = k.goals.find((g) => g.goal.id === 'terveyserot')!.followUp;
      assert.deepEqual(f.carried, { done: 0, ongoing: 1, notStarted: 0, dropped: 1, none: 1 });
      assert.equal(f.new, 1);
      assert.deepEqual(
        f.dropped.map((d) => [d.description, d.reason]),
        [['Kerhotoiminta', 'Ei rahoitusta']],
      );
      const page = renderReportHtml(k, lang, 'Europe/Helsinki');
      const chart = /<svg[^>]*id="chart-follow-up"[\s\S]*?<desc[^>]*>([^<]*)<\/desc>/.exec(page);
      assert.ok(chart, 'the follow-up chart is on the page');
      const ongoing = t(lang, 'report.progress.ongoing');
      assert.ok(chart[1]!.includes(`${ongoing} 1`), 'its desc says it in words');
      assert.match(page, /Kerhotoiminta – Ei rahoitusta/);
      assert.equal(await csvOf(LAST), lastCsv);
      const council = summaryCard({ lang, timeZone: 'Europe/Helsinki', koonti: k });
      assertValidCard(council, `summary (${locale})`);
      assert.ok(texts(council).includes(`${ongoing} 1`), 'the council card says what moved');

      // A re-import copies nothing again and leaves this year's answers as they are.
      const again = await importRound(bot.stores, next);
      assert.equal(again.carry?.carried, 0);
      const after = (await bot.stores.responses.getSheet(THIS, 'kuopio')).measures;
      assert.deepEqual(
        after.map((m) => m.value).sort((a, b) => a.id.localeCompare(b.id)),
        [...stored].sort((a, b) => a.id.localeCompare(b.id)),
      );
    });
  }
  it('deletes a carried measure from this round only, and lists one whose goal is gone', async () => {
    const act = actor('fi-FI');
    const last = fixtureRound({ id: LAST });
    await bot.stores.rounds.save(last);
    const lastOverview = await act(Verbs.questionnaireOpen, { roundId: LAST });
    for (const goalIndex of [0, 2]) {
      const goal = await act(Verbs.goalOpen, actionData(lastOverview, Verbs.goalOpen, goalIndex));
      const form = await act(Verbs.measureAdd, actionData(goal, Verbs.measureAdd));
      await act(
        Verbs.measureSave,
        press(form, Verbs.measureSave, { description: `Toimenpide ${goalIndex}`, owner: 'X' }),
      );
    }
    const lastBefore = await csvOf(LAST);
    // This year has no "elintavat" goal: its measure is carried and the review lists it.
    const next = fixtureRound({
      previousRound: LAST,
      goals: last.goals.filter((g) => g.id !== 'elintavat'),
    });
    assert.equal((await importRound(bot.stores, next)).carry?.orphans.length, 1);
    // Imported beside the server, as the CLI does: its round cache sees it within seconds.
    now = new Date(now.getTime() + 60_000);
    const overview = await act(Verbs.questionnaireOpen, { roundId: THIS });
    const review = await act(Verbs.responseReview, actionData(overview, Verbs.responseReview));
    assert.match(texts(review), /Poistettujen tavoitteiden[\s\S]*Toimenpide 2/);

    const goal = await act(Verbs.goalOpen, actionData(overview, Verbs.goalOpen));
    const confirm = await act(Verbs.measureDelete, actionData(goal, Verbs.measureDelete));
    await act(Verbs.measureDelete, actionData(confirm, Verbs.measureDelete), 'deleted');
    const left = async () =>
      (await bot.stores.responses.getSheet(THIS, 'kuopio')).measures.map(
        (m) => m.value.description,
      );
    assert.deepEqual(await left(), ['Toimenpide 2']);
    assert.equal((await importRound(bot.stores, next)).carry?.carried, 0, 'not carried again');
    assert.deepEqual(await left(), ['Toimenpide 2']);
    assert.equal(await csvOf(LAST), lastBefore, "last year's round unchanged");
  });
});
