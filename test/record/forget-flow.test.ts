import assert from 'node:assert/strict';
import { runCli } from '../../bot/cli';
import { importRound, operatorActor } from '../../bot/rounds';
import { type Card, Verbs } from '../../cards';
import { createStores, TABLES } from '../../storage';
import { AzureTableService } from '../../storage/azure-table';
import { MemoryTableService } from '../../storage/memory-table';
import type { TableService } from '../../storage/table';
import { invoke, message, TENANT } from '../helpers/activities';
import { azuriteConnectionString, uniquePrefix } from '../helpers/azurite';
import { type TestBot, post, startBot } from '../helpers/bot-server';
import { actionData, press } from '../helpers/card-actions';
import { cardTexts } from '../helpers/card-check';
import { ConnectorEmulator } from '../helpers/connector';
import { AAD, BEFORE_DEADLINE, fixtureRound } from '../helpers/questionnaire-fixtures';

const ROUND = 'pohjois-savo-2025';
type From = { aadObjectId: string; name: string };
const anna: From = { aadObjectId: AAD.anna, name: 'Anna Aaltonen' };
const ben = { aadObjectId: AAD.ben, name: 'Ben Berg' };
const olli = { aadObjectId: AAD.olli, name: 'Olli Oksanen' };
const mention = {
  entities: [{ type: 'mention', mentioned: { id: '28:hyte-bot' }, text: '<at>HYTE-botti</at>' }],
};
/** Everything that would tell Anna is (or was) here. */
const TRACES = [AAD.anna, 'anna@kuopio.fi', 'anna aaltonen', 'aaltonen'];

/** Every row of every table, keys and documents, as one lower-case text to search. */
async function everything(service: TableService): Promise<string> {
  const parts: string[] = [];
  for (const name of Object.values(TABLES))
    for await (const e of service.table(name).scan())
      parts.push(`${e.partitionKey} ${e.rowKey} ${JSON.stringify(e.doc)}`);
  return parts.join('\n').toLowerCase();
}

for (const [name, makeService] of [
  ['the in-memory table', () => new MemoryTableService()],
  [
    'Azurite',
    () => new AzureTableService({ connectionString: azuriteConnectionString() }, uniquePrefix()),
  ],
] as const) {
  describe(`hyte person forget on ${name}`, () => {
    let service: TableService;
    let bot: TestBot;
    let connector: ConnectorEmulator;
    let now: number;

    beforeEach(async () => {
      service = makeService();
      connector = await new ConnectorEmulator().start();
      connector.members.set(AAD.anna, {
        id: `29:${AAD.anna}`,
        aadObjectId: AAD.anna,
        name: anna.name,
        email: 'anna@kuopio.fi',
      });
      now = BEFORE_DEADLINE.getTime();
      const clock = { now: () => new Date((now += 1000)) };
      bot = await startBot({ stores: createStores(service), clock });
      // Imported by an operator: the round's first version names Anna among the respondents.
      await importRound(bot.stores, fixtureRound(), clock, operatorActor('kaisa'));
    });
    afterEach(async () => {
      await bot.close();
      await connector.close();
    });

    const personal = () => ({ serviceUrl: connector.url });
    const channel = (conversationId?: string) => ({
      serviceUrl: connector.url,
      conversationType: 'channel' as const,
      channelId: 'council',
      ...(conversationId ? { conversationId } : {}),
    });
    const act = async (from: From, verb: string, data: Record<string, unknown>) => {
      const res = await post(`${bot.url}/api/messages`, invoke(verb, data, from, personal()));
      assert.equal(res.status, 200);
      return (res.body as { value: Card }).value;
    };
    const say = (from: From, text: string, where: object, extra = {}) =>
      post(`${bot.url}/api/messages`, message(text, from, where as never, extra));
    const cli = async (...argv: string[]) => {
      const out: string[] = [];
      const code = await runCli(argv, {
        stores: bot.stores,
        timeZone: 'Europe/Helsinki',
        out: (l) => out.push(l),
        err: (l) => out.push(l),
        operator: 'kaisa',
      });
      return { code, out: out.join('\n') };
    };

    it('leaves no trace of a person with saves, points and references but the pseudonym', async () => {
      // The council channel and its workshop, started by the coordinator.
      await say(olli, '<at>HYTE-botti</at> liitä kanava', channel(), mention);
      await say(olli, '<at>HYTE-botti</at> työpaja', channel(), mention);
      await connector.waitForActivities(2);
      const thread = (await bot.stores.workshops.listThreads(ROUND)).find(
        (t) => t.goalId === 'terveyserot',
      );
      assert.ok(thread);
      // Anna answers for Kuopio: a measure, the organisation's answers, the submit.
      await say(anna, 'aloita', personal());
      const overview = await act(anna, Verbs.questionnaireOpen, {});
      const goal = await act(anna, Verbs.goalOpen, actionData(overview, Verbs.goalOpen));
      const form = await act(anna, Verbs.measureAdd, actionData(goal, Verbs.measureAdd));
      const saved = await act(
        anna,
        Verbs.measureSave,
        press(form, Verbs.measureSave, {
          description: 'Liikuntaneuvonta ikääntyneille',
          owner: 'Liikuntapalvelut',
        }),
      );
      assert.match(cardTexts(saved).join('\n'), /Toimenpide tallennettu/);
      const org = await act(anna, Verbs.organisationOpen, {});
      await act(anna, Verbs.organisationSave, {
        ...press(org, Verbs.organisationSave),
        comments: 'Yhteistyö toimii',
      });
      await act(anna, Verbs.responseSubmit, {});
      // Ben edits her measure afterwards; his name stays.
      const [measure] = (await bot.stores.responses.getSheet(ROUND, 'kuopio')).measures;
      const edit = await act(ben, Verbs.measureEdit, {
        goalId: 'terveyserot',
        measureId: measure!.value.id,
      });
      await act(ben, Verbs.measureSave, press(edit, Verbs.measureSave, { metrics: 'Käynnit' }));
      // In the meeting: a point in a thread, and a word to the bot in the channel.
      await say(anna, 'Neuvonta kaikille kunnille', channel(thread.conversationId));
      await say(anna, '<at>HYTE-botti</at> ohje', channel(), mention);
      await connector.waitForActivities(4);
      await bot.stores.deliveries.claim({
        roundId: ROUND,
        organisationId: 'kuopio',
        person: 'email:anna@kuopio.fi',
        purpose: 'launch',
        state: 'sent',
        at: new Date(now).toISOString(),
        attempts: 1,
      });
      // The app installed for her through Graph, the round she had open in its set-up, and a
      // contact list she attached that waits to be applied.
      await bot.stores.conversations.saveInstall({
        tenantId: TENANT,
        aadObjectId: AAD.anna,
        email: 'anna@kuopio.fi',
        roundId: ROUND,
        at: new Date(now).toISOString(),
      });
      await bot.stores.setup.setFocus(TENANT, AAD.anna, ROUND);
      await bot.stores.setup.saveUpload({
        roundId: ROUND,
        uploadId: 'u-1',
        tenantId: TENANT,
        aadObjectId: AAD.anna,
        fileName: 'yhteystiedot.xlsx',
        at: new Date(now).toISOString(),
        organisations: [],
      });
      const before = await everything(service);
      for (const trace of TRACES) assert.ok(before.includes(trace), `stored before: ${trace}`);

      const refused = await cli('person', 'forget', '--email', 'anna@kuopio.fi');
      assert.equal(refused.code, 1, 'asks for --yes');
      const first = await cli('person', 'forget', '--email', 'Anna@Kuopio.fi', '--yes');
      assert.equal(first.code, 0, first.out);
      const pseudonym = /calls them "(Henkilö [0-9a-f]{6})"/.exec(first.out)?.[1];
      assert.ok(pseudonym, first.out);
      assert.match(first.out, /conversation references removed: 1 \(1 with an e-mail look-up\)/);
      assert.match(first.out, /delivery records removed: 1/);
      assert.match(first.out, /installed for them through Graph removed: 1/);
      assert.match(
        first.out,
        /round set-up records removed \(open round, waiting contact lists\): 2/,
      );
      assert.match(first.out, /roles removed: 1 \(respondent of kuopio in pohjois-savo-2025\)/);
      assert.match(first.out, /workshop points now by the pseudonym: 1/);

      const after = await everything(service);
      for (const trace of TRACES) assert.ok(!after.includes(trace), `still stored: ${trace}`);
      assert.ok(after.includes(pseudonym.toLowerCase()));
      assert.ok(after.includes('ben berg'), 'others keep their names');

      // The answers stay, now by the pseudonym where they were hers.
      const sheet = await bot.stores.responses.getSheet(ROUND, 'kuopio');
      assert.equal(sheet.measures[0]?.value.description, 'Liikuntaneuvonta ikääntyneille');
      assert.equal(sheet.measures[0]?.value.createdBy, pseudonym);
      assert.equal(sheet.measures[0]?.value.updatedBy, 'Ben Berg');
      assert.equal(sheet.response?.value.submittedBy, pseudonym);
      assert.equal(sheet.response?.value.answers?.comments, 'Yhteistyö toimii');
      const points = (await bot.stores.workshops.listPoints(ROUND)).get('terveyserot');
      assert.deepEqual(
        points?.map((p) => [p.text, p.author]),
        [['Neuvonta kaikille kunnille', pseudonym]],
      );
      const history = await cli('round', 'history', ROUND, '--json');
      const versions = (JSON.parse(history.out) as { versions: Array<{ by: { name: string } }> })
        .versions;
      assert.ok(versions.some((v) => v.by.name === pseudonym));
      assert.ok(versions.some((v) => v.by.name === 'Ben Berg'));
      assert.ok(
        !(await bot.stores.rounds.get(ROUND))?.organisations[0]?.respondents.some(
          (p) => 'email' in p && p.email === 'anna@kuopio.fi',
        ),
      );

      const second = await cli('person', 'forget', '--email', 'anna@kuopio.fi', '--yes');
      assert.equal(second.code, 0);
      assert.match(second.out, /nothing changed/);
      assert.equal(await everything(service), after, 'running it twice changes nothing more');
      const byId = await cli('person', 'forget', '--aad-object-id', AAD.anna, '--yes');
      assert.match(byId.out, /nothing changed/);

      // She writes again: a stranger.
      await say(anna, 'aloita', personal());
      const stranger = await act(anna, Verbs.questionnaireOpen, {});
      assert.match(cardTexts(stranger).join('\n'), /Et ole vastaajana/);
    });

    it('refuses to erase a round’s only coordinator, changing nothing', async () => {
      await importRound(
        bot.stores,
        fixtureRound({ coordinators: [{ aadObjectId: AAD.olli }] }),
        undefined,
        operatorActor('kaisa'),
      );
      const before = await everything(service);
      const res = await cli('person', 'forget', '--aad-object-id', AAD.olli, '--yes');
      assert.equal(res.code, 1);
      assert.match(res.out, /only coordinator of pohjois-savo-2025/);
      assert.equal(await everything(service), before);
    });
  });
}
