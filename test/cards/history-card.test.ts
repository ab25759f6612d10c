import assert from 'node:assert/strict';
import { MEASURE_FIELDS } from '../../bot/domain/answers/measure-fields';
import { measureVersion } from '../../bot/domain/audit/changes';
import type { Version } from '../../bot/domain/audit/version';
import { LANGS } from '../../bot/domain/localized-text';
import { HISTORY_PER_PAGE, measureHistoryCard, Verbs } from '../../cards';
import { assertValidCard, cardTexts } from '../helpers/card-check';
import { executeActions } from '../helpers/card-actions';
import { storedMeasure } from '../helpers/measure-fixtures';
import { fixtureRound } from '../helpers/questionnaire-fixtures';

const round = fixtureRound();
const ids = { roundId: round.id, organisationId: 'kuopio' };
const by = (name: string) => ({ tenantId: 't1', aadObjectId: 'a1', name });

/** A measure with every text at its longest, in characters that take two bytes each. */
function huge(c: string) {
  const m = storedMeasure().value;
  const long = Object.fromEntries(
    MEASURE_FIELDS.filter((f) => f.kind === 'text' || f.kind === 'longText').map((f) => [
      f.id,
      c.repeat(f.max),
    ]),
  );
  return { ...m, ...long, partners: round.organisations.map((o) => o.id) };
}

describe('the measure history card', () => {
  for (const lang of LANGS)
    it(`is valid, newest first, and stays under 40 KB when every field changed (${lang})`, () => {
      const versions: Version[] = [];
      let before: ReturnType<typeof huge> | undefined;
      for (let i = 0; i < 9; i++) {
        const after = huge('äöå'[i % 3]!);
        versions.push(
          measureVersion(
            ids,
            before,
            after,
            by(`Käyttäjä ${i}`),
            new Date(Date.UTC(2025, 8, 1, i)),
          ),
        );
        before = after;
      }
      versions.push(
        measureVersion(ids, before, undefined, by('Poistaja'), new Date(Date.UTC(2025, 8, 2))),
      );
      for (let page = 0; page < 3; page++) {
        const card = measureHistoryCard({
          lang,
          timeZone: 'Europe/Helsinki',
          round,
          organisationId: 'kuopio',
          measureId: versions[0]!.measureId!,
          versions,
          page,
          back: { to: 'goal', goalId: 'terveyserot' },
        });
        assertValidCard(card, `history ${lang} page ${page}`);
        const names = cardTexts(card).filter((t) => /^Käyttäjä|^Poistaja/.test(t));
        assert.equal(names.length, page < 2 ? HISTORY_PER_PAGE : 2);
        if (page === 0) assert.equal(names[0], 'Poistaja');
      }
    });

  it('keeps typed text and names as text, and offers the way back it was opened from', () => {
    const m = storedMeasure({ description: '${round.id} **bold** [x](http://evil)' }).value;
    const card = measureHistoryCard({
      lang: 'fi',
      timeZone: 'Europe/Helsinki',
      round,
      organisationId: 'kuopio',
      measureId: m.id,
      versions: [
        measureVersion(ids, undefined, m, by('[Kirjaudu](https://evil.example)'), new Date()),
      ],
      description: m.description,
      page: 0,
      back: { to: 'summary', goalId: 'terveyserot' },
    });
    const texts = cardTexts(card);
    assert.ok(texts.includes('${round.id} **bold** [x](http://evil)'));
    assert.ok(texts.includes('[Kirjaudu](https://evil.example)'));
    assert.deepEqual(
      executeActions(card).map((a) => a.verb),
      [Verbs.roundSummary],
    );
  });
});
