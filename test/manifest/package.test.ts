import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildPackage, packageInput } from '../../manifest/package';
import { encodePng, pngSize } from '../../manifest/png';
import { unzipSync } from 'fflate';

const DIR = path.join(__dirname, '..', '..', 'manifest');
const INPUT = { botId: '00000000-1111-2222-3333-444444444444', domain: 'hyte.example.fi' };

function copyManifest(change: (dir: string) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyte-manifest-'));
  for (const f of fs.readdirSync(DIR))
    if (!f.endsWith('.ts')) fs.copyFileSync(path.join(DIR, f), path.join(dir, f));
  change(dir);
  return dir;
}

describe('Teams app package', () => {
  it("fills in the bot id and domain and passes Microsoft's schema, with fi default and sv/en", async () => {
    const files = new Map(
      Object.entries(unzipSync(await buildPackage(DIR, INPUT))).map(([n, d]) => [
        n,
        Buffer.from(d),
      ]),
    );
    assert.deepEqual([...files.keys()].sort(), [
      'color.png',
      'en.json',
      'manifest.json',
      'outline.png',
      'sv.json',
    ]);
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    assert.equal(manifest.id, INPUT.botId);
    assert.equal(manifest.bots[0].botId, INPUT.botId);
    assert.deepEqual(manifest.validDomains, ['hyte.example.fi']);
    assert.equal(manifest.localizationInfo.defaultLanguageTag, 'fi-FI');
    assert.deepEqual(manifest.bots[0].scopes, ['personal', 'team', 'groupChat']);
    assert.deepEqual(pngSize(files.get('color.png')!), { width: 192, height: 192 });
    assert.deepEqual(pngSize(files.get('outline.png')!), { width: 32, height: 32 });
    assert.doesNotMatch(files.get('sv.json')!.toString(), /\$\{\{/);
  });

  it('stops on a schema error, naming the field', async () => {
    const dir = copyManifest((d) => {
      const m = JSON.parse(fs.readFileSync(path.join(d, 'manifest.json'), 'utf8'));
      m.accentColor = 'green';
      delete m.name.short;
      fs.writeFileSync(path.join(d, 'manifest.json'), JSON.stringify(m));
    });
    await assert.rejects(buildPackage(dir, INPUT), (e: Error) => {
      assert.match(e.message, /manifest\.json: .*accentColor/);
      assert.match(e.message, /short/);
      return true;
    });
  });

  it('checks icon sizes itself', async () => {
    const dir = copyManifest((d) =>
      fs.writeFileSync(path.join(d, 'outline.png'), encodePng(48, 48, new Uint8Array(48 * 48 * 4))),
    );
    await assert.rejects(buildPackage(dir, INPUT), /outline\.png is 48×48, must be 32×32/);
  });

  it('needs a GUID bot id and a host name', () => {
    assert.throws(() => packageInput({}), /MicrosoftAppId.*\n.*BOT_DOMAIN/);
    assert.deepEqual(
      packageInput({ MicrosoftAppId: INPUT.botId, HYTE_PUBLIC_URL: 'https://hyte.example.fi/x' }),
      INPUT,
    );
  });
});
