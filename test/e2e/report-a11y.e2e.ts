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
const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 360, height: 740 },
];

interface Axe {
  run(context: Document, options: unknown): Promise<{ violations: Violation[] }>;
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
});
