import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const dir = path.join(__dirname, '..', '..', 'manifest');
const read = (file: string) =>
  JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;

describe('the manifest and the workshop', () => {
  it('asks for ChannelMessage.Read.Group and says in fi, sv and en what it reads and why', () => {
    const m = read('manifest.json') as {
      authorization?: {
        permissions?: { resourceSpecific?: Array<{ name: string; type: string }> };
      };
      description: { full: string };
    };
    assert.deepEqual(m.authorization?.permissions?.resourceSpecific, [
      { name: 'ChannelMessage.Read.Group', type: 'Application' },
    ]);
    const descriptions = [
      m.description.full,
      String(read('sv.json')['description.full']),
      String(read('en.json')['description.full']),
    ];
    for (const d of descriptions) {
      assert.match(d, /ChannelMessage\.Read\.Group/);
      assert.ok(d.length <= 4000, 'Teams allows 4 000 characters');
    }
    assert.match(descriptions[0] ?? '', /työpaja/);
    assert.match(descriptions[2] ?? '', /workshop threads/);
  });
});
