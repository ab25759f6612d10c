import assert from 'node:assert/strict';
import { readKoonti } from '../../bot/rounds/koonti-read';
import { demoRound } from '../../scripts/demo-round';
import { seedDemoAnswers } from '../../scripts/demo-answers';
import { MemoryTableService, createStores } from '../../storage';

describe('the practice round', () => {
  it('comes with answers from several organisations under all ten goals and workshop points, once', async () => {
    const stores = createStores(new MemoryTableService());
    const now = new Date('2026-12-01T08:00:00Z');
    const round = demoRound(now);
    await stores.rounds.save(round);
    await seedDemoAnswers(stores, round, now);
    await seedDemoAnswers(stores, round, now);
    const k = await readKoonti(stores, round, now);
    assert.equal(k.goals.length, 10);
    assert.ok(k.goals.every((g) => g.measures.length > 0 && g.points.length > 0));
    assert.ok(k.totals.submitted >= 5, String(k.totals.submitted));
    const all = k.goals.flatMap((g) => g.measures.map((m) => m.measure.description)).join('\n');
    for (const seed of [
      'Ohjaamo',
      'Asukasraati',
      'Työkykyklinikka',
      'Päihdekasvatus',
      'häirinnän',
      'Kesäyrittäjyys',
    ])
      assert.match(all, new RegExp(seed, 'i'));
    assert.equal(k.totals.measures, 16, 'a second run adds nothing');
  });
});
