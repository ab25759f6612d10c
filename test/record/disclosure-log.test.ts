import assert from 'node:assert/strict';
import { createApp } from '../../bot/app';
import { runCli } from '../../bot/cli';
import type { Stores } from '../../bot/domain/ports';
import { signedReportUrl } from '../../bot/http/report-links';
import { createLogger } from '../../bot/log';
import { createStores } from '../../storage';
import { AzureTableService } from '../../storage/azure-table';
import { MemoryTableService } from '../../storage/memory-table';
import type { Table, TableService } from '../../storage/table';
import { azuriteConnectionString, uniquePrefix } from '../helpers/azurite';
import { fixtureRound } from '../helpers/questionnaire-fixtures';
import { wrappedTables } from '../helpers/wrapped-tables';

const ROUND = 'pohjois-savo-2025';
const SECRET = 'x'.repeat(40);
const NOW = new Date('2025-09-10T06:00:00Z');
const FORMATS = ['', '.csv', '.xlsx', '.md', '.docx', '.points.csv'];

/** The report server over `service`, its record table changed as `record` says. */
async function reportServer(
  service: TableService,
  record: (t: Table) => Partial<Table> = () => ({}),
) {
  const errors: Array<{ lost?: number }> = [];
  const stores = createStores(
    wrappedTables(service, (name, t) => (name === 'record' ? record(t) : {})),
  );
  await stores.rounds.save(fixtureRound());
  const log = createLogger('silent');
  const error = log.error.bind(log);
  log.error = ((obj: { lost?: number }, ...rest: unknown[]) => {
    errors.push(obj);
    return (error as (...a: unknown[]) => void)(obj, ...rest);
  }) as typeof log.error;
  const app = createApp({
    config: {
      botAuth: {},
      allowedTenants: [],
      timeZone: 'Europe/Helsinki',
      linkSecret: SECRET,
      publicUrl: 'https://hyte.example.fi',
    },
    stores,
    log,
    clock: { now: () => NOW },
  });
  const { port } = await app.listen(0, '127.0.0.1');
  const link = new URL(signedReportUrl('https://hyte.example.fi', SECRET, ROUND, NOW));
  const get = (suffix = '', search = link.search, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${port}${link.pathname}${suffix}${search}`, { headers });
  return { stores, app, get, link, errors };
}

async function entries(stores: Stores) {
  return (await stores.record.disclosures(ROUND)).sort((a, b) => (a.format < b.format ? -1 : 1));
}

for (const [name, makeService] of [
  ['the in-memory table', () => new MemoryTableService()],
  [
    'Azurite',
    () => new AzureTableService({ connectionString: azuriteConnectionString() }, uniquePrefix()),
  ],
] as const) {
  describe(`the disclosure log on ${name}`, () => {
    it('logs the page and each download through a signed link, and each CLI export', async () => {
      const { stores, app, get, link } = await reportServer(makeService());
      const headers = {
        'user-agent': 'Mozilla/5.0 (Testi)',
        'x-forwarded-for': '198.51.100.1, 203.0.113.77:52314',
      };
      try {
        for (const suffix of FORMATS)
          assert.equal((await get(suffix, link.search, headers)).status, 200);
        assert.equal(
          (await get('', `${link.search}&lang=sv`, { 'x-forwarded-for': '[2001:db8:5:6::7]:443' }))
            .status,
          200,
        );
      } finally {
        await app.close(); // writes what waits
      }
      const cli = await runCli(
        ['round', 'export', ROUND, '--format', 'docx', '--out', 'k.docx', '--lang', 'en'],
        {
          stores,
          timeZone: 'Europe/Helsinki',
          out: () => {},
          err: () => {},
          writeFile: async () => {},
          operator: 'kaisa',
        },
      );
      assert.equal(cli, 0);
      const log = await entries(stores);
      const viaLink = log.filter((e) => e.via === 'link');
      assert.deepEqual(viaLink.map((e) => e.format).sort(), [
        'csv',
        'docx',
        'html',
        'html',
        'md',
        'points.csv',
        'xlsx',
      ]);
      const linkId = viaLink[0]?.linkId;
      assert.match(linkId ?? '', /^[A-Za-z0-9_-]{12}$/);
      assert.ok(
        !JSON.stringify(log).includes(link.searchParams.get('sig')!),
        'never the signature',
      );
      for (const e of viaLink) {
        assert.equal(e.linkId, linkId, 'one link');
        assert.equal(e.at, NOW.toISOString());
        assert.equal(
          e.linkExpires,
          new Date(Number(link.searchParams.get('exp')) * 1000).toISOString(),
        );
      }
      const plain = viaLink.filter((e) => e.userAgent === 'Mozilla/5.0 (Testi)');
      assert.equal(plain.length, 6);
      assert.ok(
        plain.every((e) => e.client === '203.0.113.0/24' && e.userAgent === 'Mozilla/5.0 (Testi)'),
      );
      const sv = viaLink.find((e) => e.lang === 'sv');
      assert.equal(sv?.client, '2001:db8:5::/48');
      const byCli = log.filter((e) => e.via === 'cli');
      assert.deepEqual(
        byCli.map((e) => [e.format, e.operator, e.lang]),
        [['docx', 'kaisa', 'en']],
      );
      const out: string[] = [];
      assert.equal(
        await runCli(['round', 'access-log', ROUND, '--json'], {
          stores,
          timeZone: 'Europe/Helsinki',
          out: (l) => out.push(l),
          err: (l) => out.push(l),
        }),
        0,
      );
      const json = JSON.parse(out.join('\n')) as {
        roundId: string;
        entries: Array<Record<string, unknown>>;
      };
      assert.equal(json.roundId, ROUND);
      assert.equal(json.entries.length, 8);
      assert.ok(json.entries.every((e) => e.at && e.via && e.format && !('roundId' in e)));
    });

    it('logs nothing for a bad or expired signature, and the refusal says nothing of the round', async () => {
      const { stores, app, get, link } = await reportServer(makeService());
      const refusals: string[] = [];
      try {
        const bad = [
          link.search.replace(/sig=./, 'sig=A'),
          '',
          link.search.replace(/exp=\d+/, 'exp=1'),
          new URL(signedReportUrl('https://hyte.example.fi', SECRET, 'other-round', NOW)).search,
        ];
        for (const search of bad)
          for (const suffix of ['', '.xlsx']) {
            const res = await get(suffix, search);
            assert.equal(res.status, 403);
            refusals.push(await res.text());
          }
        // A round that does not exist is refused in the same words: no oracle.
        const port = new URL((await get('', '')).url).port;
        const missing = await fetch(`http://127.0.0.1:${port}/reports/no-such-round${link.search}`);
        assert.equal(missing.status, 403);
        refusals.push(await missing.text());
      } finally {
        await app.close();
      }
      assert.equal(new Set(refusals).size, 1);
      assert.doesNotMatch(refusals[0]!, /pohjois|HYTE|Kuopio/i);
      assert.deepEqual(await stores.record.disclosures(ROUND), []);
    });

    it('serves the report at once while the log cannot be written, and says what was lost', async () => {
      let calls = 0;
      const hanging = await reportServer(makeService(), () => ({
        transact: () => {
          calls++;
          return new Promise<string[]>(() => {}); // storage that never answers
        },
      }));
      try {
        const started = performance.now();
        const res = await hanging.get('.csv');
        assert.equal(res.status, 200);
        assert.ok((await res.text()).length > 0);
        assert.ok(performance.now() - started < 2000);
        await new Promise((r) => setTimeout(r, 20));
        assert.equal(calls, 1, 'the write was started and left running');
      } finally {
        await hanging.app.close();
      }
      const failing = await reportServer(makeService(), () => ({
        transact: () => Promise.reject(new Error('storage said no')),
      }));
      try {
        for (const suffix of ['', '.md']) assert.equal((await failing.get(suffix)).status, 200);
      } finally {
        await failing.app.close();
      }
      assert.ok(
        failing.errors.some((e) => e.lost && e.lost >= 1),
        JSON.stringify(failing.errors),
      );
    });
  });
}
