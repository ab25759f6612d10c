import assert from 'node:assert/strict';
import { LANGS } from '../../bot/domain/localized-text';
import { errorCard, helpCard, Verbs, type ErrorCardKind } from '../../cards';
import { assertValidCard, cardTexts } from '../helpers/card-check';

describe('help card', () => {
  for (const lang of LANGS) {
    for (const isCoordinator of [false, true]) {
      it(`is a valid card in ${lang} (${isCoordinator ? 'coordinator' : 'respondent'})`, () => {
        assertValidCard(helpCard({ lang, isCoordinator }), `help ${lang}`);
      });
    }
  }
  it('shows coordinator commands only to coordinators', () => {
    const respondent = cardTexts(helpCard({ lang: 'fi', isCoordinator: false })).join('\n');
    const coordinator = cardTexts(helpCard({ lang: 'fi', isCoordinator: true })).join('\n');
    assert.match(respondent, /aloita/);
    assert.doesNotMatch(respondent, /käynnistä/);
    assert.match(coordinator, /käynnistä/);
    assert.match(coordinator, /liitä kanava/);
  });
  it('opens the questionnaire with a Universal Action', () => {
    const card = helpCard({ lang: 'sv', isCoordinator: false });
    const actions = card.actions as Array<Record<string, unknown>>;
    assert.equal(actions[0]?.verb, Verbs.questionnaireOpen);
    assert.equal(actions[0]?.title, 'Öppna förhandsuppgiften');
  });
});

describe('error card', () => {
  const kinds: ErrorCardKind[] = [
    'generic',
    'unavailable',
    'notAllowed',
    'tenant',
    'invalid',
    'tooLarge',
    'unknownVerb',
    'closed',
    'measureLimitGoal',
    'measureLimitOrganisation',
  ];
  for (const lang of LANGS) {
    it(`is valid for every kind in ${lang}`, () => {
      for (const kind of kinds)
        assertValidCard(
          errorCard({ lang, kind, detail: 'x', params: { max: 50 } }),
          `${kind} ${lang}`,
        );
    });
  }
  it('says in the user language that nothing was lost', () => {
    assert.match(
      cardTexts(errorCard({ lang: 'fi', kind: 'generic' })).join(' '),
      /Mitään jo tallennettua ei menetetty/,
    );
    assert.match(
      cardTexts(errorCard({ lang: 'en', kind: 'unavailable' })).join(' '),
      /temporarily unavailable/,
    );
    assert.equal(
      cardTexts(errorCard({ lang: 'en', kind: 'generic' })).length,
      2,
      'no empty detail line',
    );
  });
});

describe('card checker', () => {
  it('rejects cards the schema, the renderer or the size limit refuse', () => {
    const good = helpCard({ lang: 'fi', isCoordinator: false });
    assert.throws(() => assertValidCard({ ...good, body: [{ type: 'Bogus' }] }));
    assert.throws(() =>
      assertValidCard({ ...good, body: [{ type: 'TextBlock', text: 'x', size: 'huge' }] }),
    );
    assert.throws(() =>
      assertValidCard({ ...good, body: [{ type: 'TextBlock', text: 'x'.repeat(50_000) }] }),
    );
    assert.throws(() =>
      assertValidCard({
        ...good,
        actions: [{ type: 'Action.Execute', title: 'x', verb: 'goal.open' }],
      }),
    );
  });
});
