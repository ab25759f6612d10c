/// <reference lib="dom" />
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { type App, createApp } from '../../bot/app';
import type { Lang } from '../../bot/domain/localized-text';
import type { Stores } from '../../bot/domain/ports';
import { signedReportUrl } from '../../bot/http/report-links';
import { createLogger } from '../../bot/log';
import { AzureTableService, createStores } from '../../storage';
import { type Azurite, startAzurite } from '../../storage/azurite';
import { fixtureRound } from '../helpers/questionnaire-fixtures';
import { HOSTILE, NOW, measure } from '../report/fixtures';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SECRET = 'a11y-link-secret-of-at-least-32-characters';
/** WCAG 2.1 level A and AA, what the Act on the Provision of Digital Services requires. */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const RESULTS = path.resolve(__dirname, '..', '..', 'test-results');
const PHONE = { width: 390, height: 844 };
const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 360, height: 740 },
];

interface Axe {
  run(context: Document, options: unknown): Promise<{ violations: Violation[] }>;
}

/** One filled cell of a measure or rating table as the reader sees it. */
interface CellView {
  table: string;
  header: string;
  text: string;
  rowHeader: boolean;
  width: number;
  /** The computed `content` of its `::before`: the label a phone shows in front. */
  label: string;
  /** Words (between spaces and dashes, up to 25 characters) split over two lines. */
  brokenWords: string[];
}

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/** The fixture round answered by three organisations (one with hostile text), one draft. */
async function answeredRound(stores: Stores): Promise<string> {
  const round = fixtureRound();
  await stores.rounds.save(round);
  const answers = {
    dataFromCounty: 'partly' as const,
    dataFromCountyComment: `Tieto erityisryhmistä puuttuu ${HOSTILE.mention}`,
    expertSupport: 'no' as const,
    expertSupportComment: '',
    networksWork: 'yes' as const,
    networksWorkComment: '',
    dropFromPlan: '',
    addToPlan: 'Asukasraadit',
    comments: HOSTILE.link,
  };
  const sheets: Record<string, Array<ReturnType<typeof measure>['value']>> = {
    kuopio: [
      measure('terveyserot', { partners: ['pshva'], plan: 'intensify' }).value,
      measure('osallisuus', {
        description: HOSTILE.script,
        concrete: 'partly',
        owner: HOSTILE.plus,
      }).value,
      measure('elintavat', {
        partners: ['pshva', 'mtr'],
        partnersOther: HOSTILE.quoting,
        metrics: '',
      }).value,
    ],
    pshva: [
      measure('terveyserot', { description: HOSTILE.emoji, partners: ['mtr', 'kuopio'] }).value,
      measure('elintavat', { partners: ['kuopio'], plan: 'drop', changeBy2029: 'no' }).value,
    ],
    mtr: [measure('terveyserot', { description: HOSTILE.link }).value],
    larsmo: [measure('terveyserot', { description: 'Utkast' }).value],
  };
  for (const [organisationId, measures] of Object.entries(sheets)) {
    for (const m of measures) await stores.responses.createMeasure(round.id, organisationId, m);
    const state = organisationId === 'larsmo' ? 'draft' : 'submitted';
    await stores.responses.saveResponse(
      {
        roundId: round.id,
        organisationId,
        state,
        answers: state === 'submitted' ? answers : undefined,
      },
      undefined,
    );
  }
  return round.id;
}

function describeViolations(violations: Violation[]): string {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n'),
    )
    .join('\n');
}

describe('report page accessibility: axe-core, WCAG 2.1 A and AA (headless Chromium)', function () {
  let azurite: Azurite | undefined;
  let app: App | undefined;
  let browser: Browser | undefined;
  let home: string;
  let base: string;
  let roundId: string;
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

  before(async () => {
    assert.ok(
      fs.existsSync(CHROMIUM),
      `Chromium is needed at ${CHROMIUM} (apt-get install chromium)`,
    );
    azurite = await startAzurite();
    const stores = createStores(
      new AzureTableService({ connectionString: azurite.connectionString }, 'a11y'),
    );
    roundId = await answeredRound(stores);
    app = createApp({
      config: {
        botAuth: {},
        allowedTenants: [],
        timeZone: 'Europe/Helsinki',
        linkSecret: SECRET,
        publicUrl: 'http://127.0.0.1',
      },
      stores,
      log: createLogger('silent'),
      clock: { now: () => NOW },
    });
    const { port } = await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${port}`;
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'hyte-a11y-home-'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      env: { ...process.env, HOME: home },
    });
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await app?.close();
    await azurite?.stop();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  /** axe-core's WCAG 2.1 A and AA violations on the page as it is now. */
  async function audit(page: Page): Promise<Violation[]> {
    // The page's policy forbids scripts; evaluating over the DevTools protocol is not
    // subject to it, so the page is tested exactly as served.
    await page.evaluate(axeSource);
    return page.evaluate(async (tags) => {
      const axe = (window as unknown as { axe: Axe }).axe;
      return (await axe.run(document, { runOnly: { type: 'tag', values: tags } })).violations;
    }, WCAG_21_AA);
  }

  async function openReport(lang: Lang, viewport: { width: number; height: number }) {
    const context = await browser!.newContext({ viewport });
    // The page must need nothing from anywhere else.
    await context.route(/^(?!http:\/\/127\.0\.0\.1[:/])/, (r) => r.abort());
    const page = await context.newPage();
    const link = new URL(signedReportUrl(base, SECRET, roundId, NOW));
    link.searchParams.set('lang', lang);
    const res = await page.goto(link.toString(), { waitUntil: 'load' });
    assert.equal(res?.status(), 200);
    return { context, page };
  }

  /** The stacked tables' cells and header rows, measured in the page as laid out. */
  function tableView(page: Page) {
    // No named functions in here: the test runner's compiler would wrap them in a helper
    // the page does not have.
    return page.evaluate(() => {
      const cells: CellView[] = [];
      const heads: Array<{
        table: string;
        display: string;
        height: number;
        brokenWords: string[];
      }> = [];
      const measured: Array<{ el: Element; broken: string[] }> = [];
      for (const table of Array.from(document.querySelectorAll<HTMLTableElement>('table.stack'))) {
        const headers = Array.from(table.tHead?.rows[0]?.cells ?? []);
        const head = {
          table: table.className,
          display: getComputedStyle(table).display,
          height: table.tHead?.getBoundingClientRect().height ?? 0,
          brokenWords: [] as string[],
        };
        heads.push(head);
        for (const el of headers) measured.push({ el, broken: head.brokenWords });
        for (const row of Array.from(table.tBodies[0]?.rows ?? [])) {
          Array.from(row.cells).forEach((cell, i) => {
            if (!cell.textContent) return;
            const view: CellView = {
              table: table.className,
              header: headers[i]?.textContent ?? '',
              text: cell.textContent,
              rowHeader: cell.tagName === 'TH',
              width: cell.getBoundingClientRect().width,
              label: getComputedStyle(cell, '::before').content,
              brokenWords: [],
            };
            cells.push(view);
            measured.push({ el: cell, broken: view.brokenWords });
          });
        }
      }
      for (const { el, broken } of measured) {
        const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let node = walk.nextNode(); node; node = walk.nextNode()) {
          for (const word of (node.textContent ?? '').matchAll(/[^\s\-–/]{1,25}(?![^\s\-–/])/g)) {
            const range = document.createRange();
            range.setStart(node, word.index);
            range.setEnd(node, word.index + word[0].length);
            const tops = Array.from(range.getClientRects()).map((r) => Math.round(r.top));
            if (new Set(tops).size > 1) broken.push(word[0]);
          }
        }
      }
      const root = document.documentElement;
      return {
        cells,
        heads,
        viewport: root.clientWidth,
        overflow: root.scrollWidth - root.clientWidth,
      };
    });
  }

  it('the audit itself finds an unlabelled input and grey-on-grey text', async () => {
    const { context, page } = await openReport('fi', VIEWPORTS[0]!);
    try {
      await page.evaluate(() =>
        document.body.insertAdjacentHTML(
          'beforeend',
          '<input type="text"><p style="color:#aaa;background:#bbb">harmaa</p>',
        ),
      );
      const ids = (await audit(page)).map((v) => v.id).sort();
      assert.deepEqual(ids, ['color-contrast', 'label']);
    } finally {
      await context.close();
    }
  });

  for (const viewport of VIEWPORTS) {
    for (const lang of ['fi', 'sv', 'en'] as Lang[]) {
      it(`${lang}, ${viewport.name} (${viewport.width} px): no violations`, async () => {
        const { context, page } = await openReport(lang, viewport);
        try {
          assert.ok(
            (await page.locator('#goals li, #goals tr').count()) > 0,
            'the page shows the answered measures',
          );
          const violations = await audit(page);
          if (violations.length) console.log(describeViolations(violations));
          assert.equal(violations.length, 0, describeViolations(violations));
          // 360 px: nothing wider than the screen forces sideways scrolling of the whole page
          // (WCAG 1.4.10 Reflow; wide tables scroll inside their own box).
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`);
        } finally {
          await context.close();
        }
      });
    }
  }

  for (const lang of ['fi', 'sv', 'en'] as Lang[]) {
    it(`${lang}, phone (${PHONE.width} px): each measure reads as a block of labelled lines`, async () => {
      const { context, page } = await openReport(lang, PHONE);
      try {
        const { cells, heads, viewport, overflow } = await tableView(page);
        assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`);
        const measures = cells.filter((c) => c.table.includes('measures'));
        assert.ok(measures.length > 20, 'the page shows the answered measures');
        for (const c of cells) {
          const what = `${c.table} "${c.header}": ${c.text.slice(0, 40)}`;
          // A rating is a count: "kyllä: 1" fits on a line of its own width.
          if (c.table.includes('measures')) assert.ok(c.width >= 120, `${what}: ${c.width} px`);
          assert.deepEqual(c.brokenWords, [], `${what}: words broken over lines`);
          if (c.rowHeader) assert.equal(c.label, 'none', what);
          else assert.equal(c.label, `"${c.header}: "`, `${what}: led by its column's label`);
        }
        for (const d of measures.filter((c) => c.rowHeader))
          assert.ok(d.width >= 0.8 * viewport, `the description heads its block: ${d.width} px`);
        for (const h of heads) {
          assert.equal(h.display, 'block', h.table);
          assert.ok(h.height <= 1, `${h.table}: the header row is out of sight`);
        }
        // Out of sight, the column headers are still in the accessibility tree (Chromium's).
        const cdp = await context.newCDPSession(page);
        const { nodes } = await cdp.send('Accessibility.getFullAXTree');
        const roles = nodes.filter((n) => !n.ignored).map((n) => n.role?.value);
        const count = (role: string) => roles.filter((r) => r === role).length;
        const headers = await page.locator('table.stack thead th').count();
        assert.ok(count('columnheader') >= headers, `${count('columnheader')} column headers`);
        assert.ok(count('table') >= heads.length, `${count('table')} tables`);
        fs.mkdirSync(RESULTS, { recursive: true });
        await page.screenshot({
          path: path.join(RESULTS, `report-phone-${lang}.png`),
          fullPage: true,
        });
        await page
          .locator('section.goal')
          .first()
          .screenshot({ path: path.join(RESULTS, `report-phone-goal-${lang}.png`) });
      } finally {
        await context.close();
      }
    });

    it(`${lang}, desktop (1280 px): the measures stay a table with whole words in its header`, async () => {
      const { context, page } = await openReport(lang, VIEWPORTS[0]!);
      try {
        const { cells, heads } = await tableView(page);
        for (const h of heads) {
          assert.equal(h.display, 'table', h.table);
          assert.ok(h.height > 10, `${h.table}: the header row shows`);
          assert.deepEqual(h.brokenWords, [], `${h.table}: header words broken over lines`);
        }
        assert.ok(cells.length > 20);
        for (const c of cells) assert.equal(c.label, 'none', `no label before ${c.text}`);
      } finally {
        await context.close();
      }
    });
  }
});
