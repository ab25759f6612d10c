import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const manifest = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', '..', 'manifest', 'manifest.json'), 'utf8'),
) as { id: string; bots: Array<{ botId: string }>; webApplicationInfo?: { id?: string } };

describe('the manifest and installs through Microsoft Graph', () => {
  it('names the bot\'s app registration in webApplicationInfo, which "self" installs rely on', () => {
    // TeamsAppInstallation.ReadWriteSelfForUser.All installs only the app whose
    // webApplicationInfo.id is the calling app registration, found by its external (manifest) id.
    assert.equal(manifest.webApplicationInfo?.id, manifest.id);
    assert.equal(manifest.bots[0]?.botId, manifest.id);
  });
});
