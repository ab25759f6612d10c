import assert from 'node:assert/strict';
import { compileKoonti } from '../../bot/domain/koonti';
import { workshopDigest } from '../../bot/domain/workshop-digest';
import { workshopCard } from '../../cards/council/workshop-card';
import { assertValidCard, cardTexts } from '../helpers/card-check';
import { fixtureRound } from '../helpers/questionnaire-fixtures';

describe('workshop thread card', () => {
  const round = fixtureRound();
  const goal = compileKoonti(round, new Map(), { now: new Date() }).goals[0]!;
  const card = (lastYear?: Parameters<typeof workshopDigest>[1]) =>
    workshopCard({
      lang: 'fi',
      timeZone: 'Europe/Helsinki',
      roundId: round.id,
      goal: goal.goal,
      digest: workshopDigest(goal, lastYear),
      endYear: 2031,
      points: [],
      total: 0,
    });

  it("says where last year's measures stand when the round follows up its previous one", () => {
    const c = card({ done: 2, ongoing: 3, notStarted: 1, dropped: 1 });
    assertValidCard(c, 'workshop card with follow-up');
    const text = cardTexts(c).join(' ');
    assert.match(text, /2 toteutettu, 3 käynnissä, 1 ei aloitettu, 1 luovuttu/);
    assert.match(text, /vuoteen 2031 mennessä/);
  });

  it('names the plan end year in the flag of measures without change by then', () => {
    const digest = { ...workshopDigest(goal), measures: 2, organisations: 1 };
    digest.flagCounts = { ...digest.flagCounts, noChangeBy2029: 2 };
    const c = workshopCard({
      lang: 'fi',
      timeZone: 'Europe/Helsinki',
      roundId: round.id,
      goal: goal.goal,
      digest,
      endYear: 2031,
      points: [],
      total: 0,
    });
    assertValidCard(c, 'workshop card with flags');
    assert.match(cardTexts(c).join(' '), /2 ei muutosta vuoteen 2031 mennessä/);
  });

  it('leaves the follow-up line out of a round without a previous one', () => {
    assert.doesNotMatch(cardTexts(card()).join(' '), /Viime kierroksen/);
  });
});
