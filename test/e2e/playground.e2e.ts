/// <reference lib="dom" />
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type Locator, type Page, chromium } from 'playwright-core';
import { parse, stringify } from 'yaml';
import { openStorage } from '../../storage';
import { saveDemoRound } from '../../scripts/demo-round';
import { type Running, startBotProcess, startPlayground } from '../../scripts/processes';
import { freePort } from '../../storage/azurite';
import { signedReportUrl } from '../../bot/http/report-links';

const ROOT = path.resolve(__dirname, '..', '..');
const RESULTS = path.join(ROOT, 'test-results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROUND = 'pohjois-savo-harjoitus';
const LINK_SECRET = 'e2e-link-secret-of-at-least-32-characters';

/** The Playground config with another mock user as the one at the keyboard. */
function configAs(email: string, dir: string): string {
  const config = parse(fs.readFileSync(path.join(ROOT, '.m365agentsplayground.yml'), 'utf8'));
  const all = [config.currentUser, ...config.users];
  const me = all.find((u: { email: string }) => u.email === email);
  config.currentUser = me;
  config.users = all.filter((u: { email: string }) => u !== me);
  const file = path.join(dir, `playground-${email.split('@')[0]}.yml`);
  fs.writeFileSync(file, stringify(config));
  return file;
}

describe('end to end in the Agents Playground (headless Chromium)', function () {
  let dataDir: string;
  let home: string;
  let bot: Running | undefined;
  let playground: Running | undefined;
  let browser: Browser | undefined;
  let botPort: number;
  let pgPort: number;

  before(async () => {
    assert.ok(
      fs.existsSync(CHROMIUM),
      `Chromium is needed at ${CHROMIUM} (apt-get install chromium)`,
    );
    fs.mkdirSync(RESULTS, { recursive: true });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyte-e2e-'));
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'hyte-e2e-home-'));
    botPort = await freePort();
    pgPort = await freePort();
    bot = await startBotProcess(
      {
        HYTE_DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        HYTE_REMINDER_INTERVAL: '0',
        HYTE_PUBLIC_URL: `http://127.0.0.1:${botPort}`,
        HYTE_LINK_SECRET: LINK_SECRET,
      },
      botPort,
      path.join(RESULTS, 'bot.log'),
    );
    await saveDemoRound(dataDir);
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

  let current: Page | undefined;
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && current) {
      await current
        .screenshot({ path: path.join(RESULTS, `failed-${Date.now()}.png`), fullPage: true })
        .catch(() => undefined);
    }
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await playground?.stop();
    await bot?.stop();
  });

  async function open(email: string): Promise<Page> {
    await playground?.stop();
    playground = await startPlayground({
      botPort,
      port: pgPort,
      config: configAs(email, dataDir),
      log: path.join(RESULTS, 'playground.log'),
    });
    const context = await browser!.newContext({
      viewport: { width: 1400, height: 1100 },
      locale: 'fi-FI',
    });
    // Nothing but the local Playground: fonts and telemetry from the internet are refused.
    await context.route(/^(?!https?:\/\/(localhost|127\.0\.0\.1)[:/])/, (r) => r.abort());
    const page = await context.newPage();
    current = page;
    await page.goto(`http://localhost:${pgPort}`, { waitUntil: 'domcontentloaded' });
    await page.locator('.ac-adaptiveCard').first().waitFor({ timeout: 30_000 });
    return page;
  }

  /** Message-level cards only (cards may nest inside others). */
  const CARD = '.ac-adaptiveCard:not(.ac-adaptiveCard .ac-adaptiveCard)';
  const lastCard = (page: Page) => page.locator(CARD).last();

  /**
   * A screenshot of one card, whole: the window is made tall enough for the chat pane to hold
   * all of it (the pane scrolls, and a card taller than it would be cut), then set back.
   */
  async function shoot(page: Page, card: Locator, name: string): Promise<void> {
    const size = page.viewportSize()!;
    const height = (await card.boundingBox())?.height ?? 0;
    await page.setViewportSize({
      width: size.width,
      height: Math.ceil(Math.max(size.height, height + 600)),
    });
    await card.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await card.screenshot({ path: path.join(RESULTS, name) });
    await page.setViewportSize(size);
  }

  async function say(page: Page, text: string): Promise<void> {
    const before = await page.locator(CARD).count();
    const editor = page.locator('[data-lexical-editor="true"]').first();
    await editor.click();
    await editor.type(text);
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (n) =>
        document.querySelectorAll('.ac-adaptiveCard:not(.ac-adaptiveCard .ac-adaptiveCard)')
          .length > n,
      before,
    );
  }

  async function press(page: Page, name: RegExp, wait: RegExp): Promise<void> {
    await lastCard(page).getByRole('button', { name }).first().click();
    await page.waitForFunction(
      (re) => {
        const cards = document.querySelectorAll(
          '.ac-adaptiveCard:not(.ac-adaptiveCard .ac-adaptiveCard)',
        );
        return new RegExp(re).test(cards[cards.length - 1]?.textContent ?? '');
      },
      wait.source,
      { timeout: 20_000 },
    );
  }

  async function storage() {
    return openStorage({ kind: 'embedded', dataDir, tablePrefix: 'hyte' });
  }

  it('a respondent opens the questionnaire, adds a measure, answers the organisation questions and submits', async () => {
    const page = await open('hyte@kuopio.example.fi');
    await say(page, 'aloita');
    await page.waitForTimeout(500);
    assert.match(await lastCard(page).innerText(), /Kuopion kaupunki/);
    await shoot(page, lastCard(page), 'questionnaire.png');

    await press(page, /Avaa tavoite|Open goal/, /Lisää toimenpide|Add a measure/);
    await press(page, /Lisää toimenpide|Add a measure/, /Tallenna|Save/);
    const form = lastCard(page);
    await form
      .locator('textarea')
      .nth(0)
      .fill('Liikuntaneuvonnan palveluketju yhdessä hyvinvointialueen kanssa');
    await form.locator('input.fui-Input__input').nth(0).fill('Kuopion liikuntapalvelut');
    await form.locator('textarea').nth(1).fill('Liikuntaneuvontaan ohjattujen määrä');
    await shoot(page, form, 'measure-form.png');
    await press(page, /^(Tallenna|Save)$/, /Liikuntaneuvonnan palveluketju/);

    await press(page, /Takaisin|Back to the overview/, /Avaa kysymykset|Open the questions/);
    await press(page, /Avaa kysymykset|Open the questions/, /Tallenna|Save/);
    await lastCard(page)
      .locator('textarea')
      .last()
      .fill('Erityisryhmistä tarvitaan ajankohtaista tietoa.');
    await press(page, /^(Tallenna|Save)/, /Tarkista ja lähetä|Review and submit/);
    await press(page, /Tarkista ja lähetä|Review and submit/, /Lähetä|Submit/);
    await press(page, /^(Lähetä|Submit)/, /lähetetty|submitted|Lähetetty|Submitted/);
    await page.screenshot({ path: path.join(RESULTS, 'respondent.png') });

    const s = await storage();
    try {
      const sheet = await s.stores.responses.getSheet(ROUND, 'kuopio');
      assert.equal(sheet.measures.length, 1);
      assert.equal(sheet.measures[0]?.value.owner, 'Kuopion liikuntapalvelut');
      assert.equal(sheet.response?.value.state, 'submitted');
      assert.equal(
        sheet.response?.value.answers?.comments,
        'Erityisryhmistä tarvitaan ajankohtaista tietoa.',
      );
    } finally {
      await s.close();
    }
  });

  it('the coordinator links the council channel and the koonti appears there', async () => {
    const page = await open('hyte-koordinaattori@pshva.example.fi');
    await say(page, 'tilanne');
    await page.waitForTimeout(500);
    // The practice round: six organisations answered beforehand, and Kuopio just now.
    assert.match(await lastCard(page).innerText(), /Vastaustilanne/);
    assert.match(await lastCard(page).innerText(), /7\/23/);
    await shoot(page, lastCard(page), 'status.png');

    await page.getByText('HYTE-neuvottelukunta').first().click();
    for (const command of ['liitä kanava', 'koonti']) {
      const editor = page.locator('[data-lexical-editor="true"]').first();
      await editor.click();
      await editor.type('@');
      await page.getByRole('menuitem').first().click();
      await editor.type(` ${command}`);
      const before = await page.locator(CARD).count();
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        (n) =>
          document.querySelectorAll('.ac-adaptiveCard:not(.ac-adaptiveCard .ac-adaptiveCard)')
            .length > n,
        before,
        { timeout: 20_000 },
      );
    }
    const summary = page
      .locator(CARD)
      .filter({ hasText: /HYTE-neuvottelujen koonti/ })
      .last();
    await summary.waitFor({ timeout: 20_000 });
    assert.match(await summary.innerText(), /7\/23 organisaatiota/);
    await shoot(page, summary, 'council-summary.png');

    const s = await storage();
    try {
      const council = await s.stores.roundState.getCouncil(ROUND);
      assert.ok(council, 'the channel is the round council channel');
    } finally {
      await s.close();
    }
  });

  it('the coordinator starts the workshop; a reply with an @mention in a thread reaches the koonti', async () => {
    const page = await open('hyte-koordinaattori@pshva.example.fi');
    await page.getByText('HYTE-neuvottelukunta').first().click();
    const editor = page.locator('[data-lexical-editor="true"]').first();
    await editor.click();
    await editor.type('@');
    await page.getByRole('menuitem').first().click();
    await editor.type(' työpaja');
    await page.keyboard.press('Enter');
    const threads = page.locator(CARD).filter({ hasText: /Työpaja: / });
    await page.waitForFunction(
      () =>
        Array.from(
          document.querySelectorAll('.ac-adaptiveCard:not(.ac-adaptiveCard .ac-adaptiveCard)'),
        ).filter((c) => /Työpaja: /.test(c.textContent ?? '')).length >= 10,
      undefined,
      { timeout: 30_000 },
    );
    await shoot(page, threads.first(), 'workshop-thread.png');
    // Each post has its own reply box after the new-post box; the newest post is on top.
    const reply = page.locator('[data-lexical-editor="true"]').nth(1);
    await reply.click();
    await reply.type('@');
    await page.getByRole('menuitem').first().click();
    await reply.type(' Kustannustieto kuntien käyttöön jo ensi vuonna');
    await page.keyboard.press('Enter');

    const s = await storage();
    try {
      let text: string[] = [];
      for (let i = 0; i < 100 && !text.some((x) => x.includes('Kustannustieto kuntien')); i++) {
        await new Promise((r) => setTimeout(r, 200));
        text = [...(await s.stores.workshops.listPoints(ROUND)).values()].flat().map((p) => p.text);
      }
      assert.ok(text.includes('Kustannustieto kuntien käyttöön jo ensi vuonna'), text.join(' | '));
    } finally {
      await s.close();
    }
    const url = signedReportUrl(`http://127.0.0.1:${botPort}`, LINK_SECRET, ROUND, new Date());
    const report = await (await fetch(url)).text();
    assert.match(report, /Kustannustieto kuntien käyttöön jo ensi vuonna/);
    const docx = await fetch(url.replace(`/${ROUND}?`, `/${ROUND}.docx?`));
    assert.equal(docx.status, 200);
  });

  it('the coordinator sets up next year’s round from the practice round and sees its card', async () => {
    const page = await open('hyte-koordinaattori@pshva.example.fi');
    await say(page, 'uusi kierros');
    await page.waitForTimeout(500);
    const form = lastCard(page);
    assert.match(await form.innerText(), /Uusi HYTE-kierros|New HYTE round/);
    // Filled in from the practice round a year on: the coordinator only presses the button.
    assert.match(await form.innerText(), /Seuraa kierrosta|Follows up round/);
    await form.screenshot({ path: path.join(RESULTS, 'new-round.png') });
    await press(page, /Luo kierros|Create the round/, /Kierroksen valmistelu|Setting up the round/);
    const card = lastCard(page);
    const text = await card.innerText();
    assert.match(text, /Kierros luotu|Round created/);
    assert.match(text, /Valmisteilla|In set-up/);
    assert.match(text, /Kuopion kaupunki/);
    assert.match(text, /Yhteystietolista Excelissä|The contact list in Excel/);
    // The round card is taller than a laptop's window: a tall one shows it whole.
    await page.setViewportSize({ width: 1400, height: 3200 });
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: path.join(RESULTS, 'round-card.png') });

    const s = await storage();
    try {
      const made = (await s.stores.rounds.list()).find((r) => r.previousRound === ROUND);
      assert.ok(made?.setup, 'the new round follows the practice round and is in set-up');
      assert.match(made.title.fi, /2026|2027/);
      const carried = await s.stores.responses.listSheets(made.id);
      const measures = [...carried.values()].reduce((n, sheet) => n + sheet.measures.length, 0);
      assert.ok(measures > 0, 'the practice round’s measures are carried');
    } finally {
      await s.close();
    }
  });

  it('the full report opens from its signed link, with its charts', async () => {
    const context = await browser!.newContext({ viewport: { width: 1200, height: 900 } });
    await context.route(/^(?!https?:\/\/(localhost|127\.0\.0\.1)[:/])/, (r) => r.abort());
    const page = await context.newPage();
    current = page;
    const url = signedReportUrl(`http://127.0.0.1:${botPort}`, LINK_SECRET, ROUND, new Date());
    const res = await page.goto(url);
    assert.equal(res?.status(), 200);
    assert.equal((await page.locator('svg').count()) >= 3, true);
    assert.match(await page.locator('body').innerText(), /Kuopion kaupunki/);
    await page.screenshot({ path: path.join(RESULTS, 'report.png'), fullPage: true });
    const tampered = await page.goto(url.replace(/sig=./, 'sig=Z'));
    assert.equal(tampered?.status(), 403);
    await context.close();
  });
});
