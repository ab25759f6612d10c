import assert from 'node:assert/strict';
import type { Koonti } from '../../bot/domain/koonti';
import { LANGS } from '../../bot/domain/localized-text';
import { renderReportCsv, renderReportHtml, renderReportMarkdown } from '../../bot/report';
import { measureFormCard, summaryCard } from '../../cards';
import { cardTexts } from '../helpers/card-check';
import { fixtureRound, sheet } from '../helpers/questionnaire-fixtures';
import { seedKoonti } from '../report/fixtures';

/** The seeded koonti of a round whose plan ends in `to` (none: the default). */
function koontiEnding(to?: number): Koonti {
  const k = seedKoonti();
  return { ...k, round: { ...k.round, ...(to ? { planPeriod: { from: 2027, to } } : {}) } };
}

describe('the plan end year in every text that names it', () => {
  for (const lang of LANGS) {
    it(`${lang}: the measure form asks about change by planPeriod.to, 2029 by default`, () => {
      const goal = fixtureRound().goals[0]!;
      const form = (round = fixtureRound()) =>
        measureFormCard({
          ...sheet(lang, { round }),
          goal,
          measureId: 'new-measure-1',
          page: 0,
          isNew: true,
          values: {},
          issues: [],
        });
      const label = (card: object) =>
        JSON.stringify(card).match(/"id":"changeBy2029"[^}]*?"label":"([^"]*)"/)?.[1] ??
        JSON.stringify(card).match(/"label":"([^"]*)"[^}]*?"id":"changeBy2029"/)?.[1];
      const later = form({ ...fixtureRound(), planPeriod: { from: 2028, to: 2033 } });
      assert.match(label(later) ?? '', /2033/);
      assert.doesNotMatch(JSON.stringify(later), /2029\b(?!")/);
      assert.match(label(form()) ?? '', /2029/);
    });

    it(`${lang}: the council card, the report page, CSV and markdown name planPeriod.to`, () => {
      const k = koontiEnding(2031);
      const texts = [
        cardTexts(summaryCard({ lang, timeZone: 'Europe/Helsinki', koonti: k })).join('\n'),
        ...k.goals.map((g) =>
          cardTexts(
            summaryCard({ lang, timeZone: 'Europe/Helsinki', koonti: k, goalId: g.goal.id }),
          ).join('\n'),
        ),
      ].join('\n');
      const csvHeader = renderReportCsv(k, lang).split('\n')[0] ?? '';
      const page = renderReportHtml(k, lang, 'Europe/Helsinki');
      const md = renderReportMarkdown(k, lang, 'Europe/Helsinki');
      for (const [what, text] of [
        ['csv header', csvHeader],
        ['html', page],
        ['markdown', md],
        ['council cards', texts],
      ]) {
        assert.match(text!, /2031/, what);
        assert.doesNotMatch(text!, /(?<!–)\b2029\b/, `${what} still names 2029`);
      }
      assert.match(renderReportCsv(koontiEnding(), lang).split('\n')[0] ?? '', /2029/);
    });
  }
});
