import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { COMMAND_WORDS, helpCard } from '../../cards';
import { cardTexts } from '../helpers/card-check';

const DIR = path.join(__dirname, '..', '..', 'manifest');
const read = (f: string) => JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8'));

describe('round set-up in the Teams app', () => {
  it('takes files in the 1:1 chat, and lists the set-up commands in three languages', () => {
    const manifest = read('manifest.json');
    assert.equal(manifest.bots[0].supportsFiles, true);
    const personal = manifest.bots[0].commandLists[0].commands.map(
      (c: { title: string }) => c.title,
    );
    assert.ok(personal.includes('uusi kierros') && personal.includes('muokkaa kierrosta'));
    assert.ok(personal.length <= 10, 'Teams shows at most 10 commands a list');
    for (const [lang, words] of [
      ['en.json', ['new round', 'edit round']],
      ['sv.json', ['ny omgång', 'redigera omgången']],
    ] as const) {
      const titles = Object.entries(read(lang))
        .filter(([k]) => /^bots\[0\]\.commandLists\[0\]\.commands\[\d+\]\.title$/.test(k))
        .map(([, v]) => v);
      for (const w of words) assert.ok(titles.includes(w), `${lang}: ${w}`);
    }
    for (const title of personal)
      assert.ok(
        Object.values(COMMAND_WORDS).some((aliases) =>
          (aliases as readonly string[]).includes(title),
        ),
        `"${title}" is a command the bot knows`,
      );
  });

  it('tells coordinators and organisers in the help how a round is set up', () => {
    assert.match(
      cardTexts(helpCard({ lang: 'fi', isCoordinator: true })).join('\n'),
      /uusi kierros/,
    );
    assert.match(
      cardTexts(helpCard({ lang: 'en', isCoordinator: false, canSetUp: true })).join('\n'),
      /new round/,
    );
    assert.doesNotMatch(
      cardTexts(helpCard({ lang: 'fi', isCoordinator: false })).join('\n'),
      /uusi kierros/,
    );
  });
});
