import assert from 'node:assert/strict';
import { createApp } from '../../bot/app';
import { signedContactsUrl, signedReportUrl } from '../../bot/http/report-links';
import { createLogger } from '../../bot/log';
import { readContactRows } from '../../bot/domain/setup/contact-rows';
import { readContactFile } from '../../bot/setup';
import { blankMeasure } from '../helpers/measure-fixtures';
import { azuriteStores } from '../helpers/bot-server';
import { fixtureRound } from '../helpers/questionnaire-fixtures';

describe('the contact list and drafts behind signed links', () => {
  const secret = 'y'.repeat(40);
  const now = new Date('2025-09-10T06:00:00Z');
  const ROUND = 'pohjois-savo-2025';

  async function server() {
    const stores = azuriteStores();
    await stores.rounds.save(fixtureRound());
    const app = createApp({
      config: {
        botAuth: {},
        allowedTenants: [],
        timeZone: 'Europe/Helsinki',
        linkSecret: secret,
        publicUrl: 'https://hyte.example.fi',
      },
      stores,
      log: createLogger('silent'),
      clock: { now: () => now },
    });
    const { port } = await app.listen(0, '127.0.0.1');
    const at = (url: string) => {
      const u = new URL(url);
      return fetch(`http://127.0.0.1:${port}${u.pathname}${u.search}`);
    };
    return { app, stores, at };
  }

  it('serves /rounds/{id}/contacts.xlsx in the layout it reads back and logs it; 403 on a bad or expired signature', async () => {
    const { app, stores, at } = await server();
    try {
      const url = signedContactsUrl('https://hyte.example.fi', secret, ROUND, now);
      const res = await at(url);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /spreadsheetml\.sheet/);
      assert.equal(res.headers.get('cache-control'), 'private, no-store');
      const rows = await readContactFile(new Uint8Array(await res.arrayBuffer()), 'c.xlsx');
      assert.deepEqual(
        readContactRows(rows, fixtureRound()).organisations,
        fixtureRound().organisations,
      );
      assert.equal((await at(url.replace(/sig=./, 'sig=Q'))).status, 403);
      assert.equal((await at(url.replace(/\?.*$/, ''))).status, 403);
      // A report link does not open the contact list, nor the other way round.
      const report = new URL(signedReportUrl('https://hyte.example.fi', secret, ROUND, now));
      assert.equal(
        (await at(`https://hyte.example.fi/rounds/${ROUND}/contacts.xlsx${report.search}`)).status,
        403,
      );
      assert.equal(
        (await at(`https://hyte.example.fi/reports/${ROUND}${new URL(url).search}`)).status,
        403,
      );
      const old = signedContactsUrl(
        'https://hyte.example.fi',
        secret,
        ROUND,
        new Date('2025-09-08T00:00:00Z'),
      );
      assert.equal((await at(old)).status, 403, 'a day old');
      const other = signedContactsUrl('https://hyte.example.fi', secret, 'nothing', now);
      assert.equal((await at(other)).status, 404);
    } finally {
      await app.close();
    }
    // The one list served is a disclosure in the round's access log; the refusals are none.
    const logged = await stores.record.disclosures(ROUND);
    assert.deepEqual(
      logged.map((e) => [e.via, e.format, typeof e.linkId, e.client]),
      [['link', 'contacts.xlsx', 'string', '127.0.0.0/24']],
    );
  });

  it('shows drafts only behind a link signed for them', async () => {
    const { app, stores, at } = await server();
    try {
      await stores.responses.createMeasure(
        ROUND,
        'kuopio',
        blankMeasure({ description: 'Keskeneräinen' }),
      );
      const plain = signedReportUrl('https://hyte.example.fi', secret, ROUND, now);
      assert.doesNotMatch(await (await at(plain)).text(), /Keskeneräinen/);
      assert.equal((await at(`${plain}&drafts=1`)).status, 403, 'drafts=1 cannot be added');
      const drafts = signedReportUrl('https://hyte.example.fi', secret, ROUND, now, undefined, {
        drafts: true,
      });
      const page = await (await at(drafts)).text();
      assert.match(page, /Keskeneräinen/);
      assert.match(page, /luonnos – ei lähetetty/);
    } finally {
      await app.close();
    }
  });
});
