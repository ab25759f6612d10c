import assert from 'node:assert/strict';
import type { Server } from 'restify';
import {
  DomainError,
  type ErrorKind,
  ErrorCodes,
  NotRespondentError,
  ValidationError,
} from '../../bot/domain/errors';
import type { Lang } from '../../bot/domain/localized-text';
import { FileRefusedError, NotReadyError } from '../../bot/domain/setup/setup-errors';
import { createServer, listen } from '../../bot/http/server';
import { createLogger } from '../../bot/log';
import type { Handler } from '../../bot/lib/route';
import { createAdapter } from '../../bot/teams/adapter';
import { HyteBot } from '../../bot/teams/hyte-bot';
import { References } from '../../bot/teams/references';
import {
  ALL_VERBS,
  type Card,
  type Command,
  COMMAND_WORDS,
  errorCard,
  fileRefusedCard,
  foreignCard,
  launchGapsCard,
  notOrganiserCard,
  noticeCard,
  notRespondentCard,
  t,
  type Verb,
  workshopWhereCard,
  Verbs,
} from '../../cards';
import { invoke, message } from '../helpers/activities';
import { type TestBot, post, startBot } from '../helpers/bot-server';
import { assertValidCard, cardTexts } from '../helpers/card-check';
import { ConnectorEmulator } from '../helpers/connector';
import { AAD, BEFORE_DEADLINE, fixtureRound } from '../helpers/questionnaire-fixtures';
import { actionData, executeActions, inputValues, press } from '../helpers/card-actions';
import { testStores } from '../helpers/stores';

const ROUND = 'pohjois-savo-2025';
const CONTACTS = ['koordinaattori@example.fi'];

/** An error of each kind, as a handler that cannot go on throws it. */
function errorOf(kind: ErrorKind): DomainError {
  if (kind === 'Validation') return new ValidationError([{ path: 'page', message: 'NaN' }]);
  if (kind === 'NotRespondent') return new NotRespondentError(CONTACTS);
  if (kind === 'MeasureLimit') return new DomainError(kind, { max: 50, scope: 'goal' });
  if (kind === 'NotReady') return new NotReadyError(ROUND, [{ kind: 'noGoal' }]);
  if (kind === 'FileRefused') return new FileRefusedError('host');
  return new DomainError(kind);
}

/** The card each error code must be answered with (written out here, not read from the code). */
const EXPECTED: Record<ErrorKind, (lang: Lang) => Card> = {
  Validation: (lang) => errorCard({ lang, kind: 'invalid' }),
  NotAllowed: (lang) => errorCard({ lang, kind: 'notAllowed' }),
  NotFound: (lang) => errorCard({ lang, kind: 'unknownVerb' }),
  Conflict: (lang) => errorCard({ lang, kind: 'generic' }),
  AlreadyExists: (lang) => errorCard({ lang, kind: 'generic' }),
  TooLarge: (lang) => errorCard({ lang, kind: 'tooLarge' }),
  StorageUnavailable: (lang) => errorCard({ lang, kind: 'unavailable' }),
  Closed: (lang) => errorCard({ lang, kind: 'closed' }),
  NotCoordinator: (lang) => noticeCard(lang, 'notCoordinator'),
  NotRespondent: (lang) => notRespondentCard({ lang, contacts: CONTACTS }),
  Foreign: (lang) => foreignCard({ lang }),
  UnknownVerb: (lang) => errorCard({ lang, kind: 'unknownVerb' }),
  NoCouncil: (lang) => noticeCard(lang, 'noCouncil'),
  NotInChannel: (lang) => noticeCard(lang, 'linkHowTo'),
  ForeignTenant: (lang) => errorCard({ lang, kind: 'tenant' }),
  ShuttingDown: (lang) => errorCard({ lang, kind: 'unavailable' }),
  MeasureLimit: (lang) => errorCard({ lang, kind: 'measureLimitGoal', params: { max: 50 } }),
  NotCouncilChannel: (lang) => workshopWhereCard(lang),
  NotOrganiser: (lang) => notOrganiserCard(lang),
  NotReady: (lang) => launchGapsCard(lang, ROUND, [{ kind: 'noGoal' }]),
  FileRefused: (lang) => fileRefusedCard(lang, 'host'),
};

const LOCALES: Array<[Lang, string]> = [
  ['fi', 'fi-FI'],
  ['sv', 'sv-SE'],
  ['en', 'en-US'],
];

describe('errors become cards in one place (real adapter over HTTP)', () => {
  let connector: ConnectorEmulator;
  let server: Server;
  let url: string;
  let thrown: unknown;
  const from = { aadObjectId: AAD.anna };

  before(async () => {
    connector = await new ConnectorEmulator().start();
    const log = createLogger('silent');
    const fail: Handler = () => Promise.reject(thrown);
    const bot = new HyteBot({
      references: new References(testStores().conversations, log),
      // Every verb and command fails alike: the test is about how a failure is answered.
      verbs: Object.fromEntries(ALL_VERBS.map((v) => [v, fail])) as Record<Verb, Handler>,
      commands: Object.fromEntries(Object.keys(COMMAND_WORDS).map((c) => [c, fail])) as Record<
        Command,
        Handler
      >,
      allowedTenants: [],
      log,
    });
    server = createServer({ adapter: createAdapter({ botAuth: {} }, log), bot, ping, log });
    url = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}/api/messages`;
  });
  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await connector.close();
  });
  const ping = () => Promise.resolve();

  async function verbCard(locale: string): Promise<Card> {
    const res = await post(
      url,
      invoke(Verbs.roundStatus, {}, from, { serviceUrl: connector.url, locale }),
    );
    assert.equal(res.status, 200);
    return (res.body as { value: Card }).value;
  }
  async function commandCard(locale: string): Promise<Card> {
    const before = connector.cards.length;
    await post(url, message('tilanne', from, { serviceUrl: connector.url, locale }));
    assert.equal(connector.cards.length, before + 1, 'one card answers the command');
    return connector.cards.at(-1) as Card;
  }

  it('has an expected card for every error code', () => {
    assert.deepEqual(Object.keys(EXPECTED).sort(), Object.keys(ErrorCodes).sort());
  });

  for (const [lang, locale] of LOCALES) {
    for (const kind of Object.keys(ErrorCodes) as ErrorKind[]) {
      it(`answers ${kind} with its card in ${lang}, for a verb and for a command`, async () => {
        const expected = EXPECTED[kind](lang);
        assertValidCard(expected, `${kind} ${lang}`);
        thrown = errorOf(kind);
        assert.deepEqual(await verbCard(locale), expected, 'verb');
        thrown = errorOf(kind);
        assert.deepEqual(await commandCard(locale), expected, 'command');
      });
    }

    it(`answers an unexpected failure with the generic card in ${lang}`, async () => {
      thrown = new Error('socket hang up');
      const expected = errorCard({ lang, kind: 'generic' });
      assert.deepEqual(await verbCard(locale), expected);
      assert.deepEqual(await commandCard(locale), expected);
      assert.ok(JSON.stringify(expected).includes(t(lang, 'error.generic')));
    });
  }

  it('answers a refused Action.Submit fallback by updating the card it came from', async () => {
    thrown = errorOf('NotCoordinator');
    const before = connector.calls.length;
    await post(
      url,
      message(
        '',
        from,
        { serviceUrl: connector.url, locale: 'sv-SE' },
        {
          value: { verb: Verbs.roundStatus, roundId: 'pohjois-savo-2025' },
          replyToId: 'card-7',
        },
      ),
    );
    const update = connector.calls.slice(before).find((c) => c.method === 'PUT');
    assert.match(update?.path ?? '', /\/activities\/card-7$/);
    assert.deepEqual(connector.cards.at(-1), EXPECTED.NotCoordinator('sv'));
  });

  it('answers in the language the use case chose over the Teams locale', async () => {
    const chosen = () => Object.assign(errorOf('Closed'), { lang: 'sv' as const });
    thrown = chosen();
    assert.deepEqual(await verbCard('fi-FI'), errorCard({ lang: 'sv', kind: 'closed' }));
    thrown = chosen();
    assert.deepEqual(await commandCard('en-US'), errorCard({ lang: 'sv', kind: 'closed' }));
  });

  it('answers a verb it does not know as UnknownVerb, before any handler runs', async () => {
    thrown = errorOf('Conflict');
    const res = await post(
      url,
      invoke('round.unknown', {}, from, { serviceUrl: connector.url, locale: 'en-US' }),
    );
    assert.deepEqual((res.body as { value: Card }).value, EXPECTED.UnknownVerb('en'));
  });
});

describe('a form that does not validate comes back with messages (real app on Azurite)', () => {
  let connector: ConnectorEmulator;
  let bot: TestBot;

  before(async () => {
    connector = await new ConnectorEmulator().start();
    bot = await startBot({ clock: { now: () => BEFORE_DEADLINE } });
    await bot.stores.rounds.save(fixtureRound());
  });
  after(async () => {
    await bot.close();
    await connector.close();
  });

  for (const [lang, locale] of LOCALES) {
    it(`shows the measure form again with each field's message in ${lang}, storing nothing`, async () => {
      const from = { aadObjectId: AAD.ben };
      const act = async (verb: string, data: Record<string, unknown>) => {
        const res = await post(
          bot.url + '/api/messages',
          invoke(verb, data, from, { serviceUrl: connector.url, locale }),
        );
        assert.equal(res.status, 200);
        return (res.body as { value: Card }).value;
      };
      const goal = await act(Verbs.goalOpen, { goalId: 'terveyserot' });
      const form = await act(Verbs.measureAdd, actionData(goal, Verbs.measureAdd));
      const again = await act(
        Verbs.measureSave,
        press(form, Verbs.measureSave, {
          description: '',
          owner: 'Oma tiimi',
          timeframe: 'x'.repeat(5000),
        }),
      );
      assertValidCard(again, `form again ${lang}`);
      const shown = cardTexts(again).join('\n');
      assert.ok(shown.includes(t(lang, 'measure.formError')), 'says the form has problems');
      assert.ok(shown.includes(t(lang, 'measure.error.required')), 'names the empty field');
      assert.match(shown, /5000/, 'says how much was typed into the long field');
      assert.equal(inputValues(again).owner, 'Oma tiimi', 'keeps what was typed');
      assert.ok(
        executeActions(again).some((a) => a.verb === Verbs.measureSave),
        'can save again',
      );
      assert.equal((await bot.stores.responses.getSheet(ROUND, 'kuopio')).measures.length, 0);
    });
  }

  it('answers card data that does not fit the verb with the invalid-data card', async () => {
    const res = await post(
      bot.url + '/api/messages',
      invoke(
        Verbs.goalOpen,
        { goalId: 5 },
        { aadObjectId: AAD.ben },
        {
          serviceUrl: connector.url,
          locale: 'sv-SE',
        },
      ),
    );
    assert.deepEqual(
      (res.body as { value: Card }).value,
      errorCard({ lang: 'sv', kind: 'invalid' }),
    );
  });
});
