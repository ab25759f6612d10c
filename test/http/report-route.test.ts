import assert from 'node:assert/strict';
import { unzipSync } from 'fflate';
import { createApp } from '../../bot/app';
import { runCli } from '../../bot/cli';
import { signedReportUrl } from '../../bot/http/report-links';
import { createLogger } from '../../bot/log';
import { azuriteStores } from '../helpers/bot-server';
import { fixtureRound } from '../helpers/questionnaire-fixtures';

describe('report links and export', () => {
  it('serves the report behind a signed, expiring link; tampered or expired links get 403', async () => {
    const stores = azuriteStores();
    await stores.rounds.save(fixtureRound());
    const now = new Date('2025-09-10T06:00:00Z');
    const secret = 'x'.repeat(40);
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
    try {
      const link = new URL(
        signedReportUrl('https://hyte.example.fi', secret, 'pohjois-savo-2025', now),
      );
      const at = (suffix = '', search = link.search) =>
        fetch(`http://127.0.0.1:${port}${link.pathname}${suffix}${search}`);
      const page = await at();
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type') ?? '', /text\/html/);
      assert.match(await page.text(), /HYTE-neuvottelujen koonti/);
      const xlsx = await at('.xlsx');
      assert.equal(xlsx.status, 200);
      assert.match(xlsx.headers.get('content-disposition') ?? '', /pohjois-savo-2025\.xlsx/);
      const parts = unzipSync(new Uint8Array(await xlsx.arrayBuffer()));
      assert.ok(parts['xl/workbook.xml'] && parts['xl/worksheets/sheet1.xml'], 'a whole workbook');
      assert.equal((await at('.csv')).status, 200);
      const docx = await at('.docx');
      assert.equal(docx.status, 200);
      assert.match(docx.headers.get('content-type') ?? '', /wordprocessingml\.document/);
      assert.match(docx.headers.get('content-disposition') ?? '', /pohjois-savo-2025\.docx/);
      const doc = unzipSync(new Uint8Array(await docx.arrayBuffer()))['word/document.xml'];
      assert.match(Buffer.from(doc ?? []).toString('utf8'), /HYTE-neuvottelujen 16\.9\.2025/);
      assert.equal((await at('.points.csv')).status, 200);
      assert.equal((await at('.docx', '')).status, 403, 'the same signed link guards it');
      assert.equal((await at('', link.search.replace(/sig=./, 'sig=A'))).status, 403);
      assert.equal((await at('', '')).status, 403);
      const expired = new URL(
        signedReportUrl(
          'https://hyte.example.fi',
          secret,
          'pohjois-savo-2025',
          new Date('2025-01-01T00:00:00Z'),
          60,
        ),
      );
      assert.equal(
        (await fetch(`http://127.0.0.1:${port}${expired.pathname}${expired.search}`)).status,
        403,
      );
      const other = new URL(signedReportUrl('https://hyte.example.fi', secret, 'other-round', now));
      assert.equal(
        (await fetch(`http://127.0.0.1:${port}/reports/pohjois-savo-2025${other.search}`)).status,
        403,
      );
    } finally {
      await app.close();
    }
  });

  it('exports the same files from the CLI', async () => {
    const stores = azuriteStores();
    await stores.rounds.save(fixtureRound());
    const written = new Map<string, string | Buffer>();
    const out: string[] = [];
    const code = await runCli(
      ['round', 'export', 'pohjois-savo-2025', '--format', 'csv', '--out', 'koonti.csv'],
      {
        stores,
        timeZone: 'Europe/Helsinki',
        out: (l) => out.push(l),
        err: (l) => out.push(l),
        writeFile: async (p, d) => void written.set(p, d),
      },
    );
    assert.equal(code, 0, out.join('\n'));
    assert.ok(String(written.get('koonti.csv')).startsWith('\uFEFFTavoite,'));
    assert.equal(
      await runCli(['round', 'export', 'pohjois-savo-2025', '--format', 'pdf', '--out', 'x'], {
        stores,
        timeZone: 'Europe/Helsinki',
        out: () => {},
        err: () => {},
      }),
      2,
    );
  });
});
