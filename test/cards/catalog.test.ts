import assert from 'node:assert/strict';
import { IntlMessageFormat } from 'intl-messageformat';
import { LANGS } from '../../bot/domain/localized-text';
import { renderReportHtml } from '../../bot/report';
import { goalSummary } from '../../bot/report/report-lines';
import { overviewCard, reviewCard } from '../../cards';
import { reviewSheet } from '../../bot/domain/answers/review';
import {
  type MessageKey,
  LOCALES,
  catalogs,
  formatDateTime,
  formatPercent,
  t,
} from '../../cards/i18n';
import { cardTexts } from '../helpers/card-check';
import { seedKoonti } from '../report/fixtures';
import { storedMeasure } from '../helpers/measure-fixtures';
import { sheet } from '../helpers/questionnaire-fixtures';

/** Every dotted key of a catalog. */
function catalogKeys(catalog: unknown, prefix = ''): string[] {
  if (!catalog || typeof catalog !== 'object') return [];
  return Object.entries(catalog).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : catalogKeys(v, `${prefix}${k}.`),
  );
}

function lookup(node: unknown, key: string): string {
  return String(key.split('.').reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], node));
}

/** Placeholder names of a parsed ICU message, sorted (parsing throws on a syntax error). */
function placeholders(message: string, locale: string): string[] {
  const found = new Set<string>();
  const walk = (elements: unknown[]): void => {
    for (const el of elements as Array<Record<string, unknown>>) {
      // Parser element types 1–6: argument, number, date, time, select, plural.
      if (typeof el.type === 'number' && el.type >= 1 && el.type <= 6) found.add(String(el.value));
      for (const option of Object.values(
        (el.options ?? {}) as Record<string, { value: unknown[] }>,
      ))
        walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, locale, undefined, { ignoreTag: true }).getAst());
  return [...found].sort();
}

describe('the message catalog', () => {
  const keys = catalogKeys(catalogs.fi).sort() as MessageKey[];

  it('has the same keys in fi, sv and en, none empty', () => {
    assert.ok(keys.includes('report.title') && keys.includes('count.measures'), 'one catalog');
    for (const lang of LANGS) {
      assert.deepEqual(catalogKeys(catalogs[lang]).sort(), keys, `${lang} keys`);
      const empty = keys.filter((k) => !lookup(catalogs[lang], k).trim());
      assert.deepEqual(empty, [], `${lang}: empty messages`);
    }
  });

  it('parses every message as ICU and gives each language the same placeholders', () => {
    const differing: string[] = [];
    for (const key of keys) {
      const fi = placeholders(lookup(catalogs.fi, key), LOCALES.fi);
      for (const lang of ['sv', 'en'] as const) {
        const other = placeholders(lookup(catalogs[lang], key), LOCALES[lang]);
        if (JSON.stringify(other) !== JSON.stringify(fi))
          differing.push(`${lang} ${key}: ${other.join(',')} ≠ fi ${fi.join(',')}`);
      }
    }
    assert.deepEqual(differing, []);
  });

  it('formats every message in every language once its placeholders have values', () => {
    for (const lang of LANGS)
      for (const key of keys) {
        // A number suits every placeholder: text shows it, a plural chooses a form by it.
        const values = Object.fromEntries(
          placeholders(lookup(catalogs.fi, key), LOCALES.fi).map((name) => [name, 2]),
        );
        assert.ok(t(lang, key, values).length > 0, `${lang} ${key}`);
      }
  });

  it('refuses to render a placeholder it was given no value for', () => {
    assert.throws(() => t('fi', 'goal.updated', { date: '1.9.2025' }), /by/);
  });

  it('chooses plural forms by language: 1 toimenpide, 3 toimenpidettä', () => {
    const forms = (lang: 'fi' | 'sv' | 'en') =>
      [0, 1, 3].map((count) => t(lang, 'count.measures', { count }));
    assert.deepEqual(forms('fi'), ['0 toimenpidettä', '1 toimenpide', '3 toimenpidettä']);
    assert.deepEqual(forms('sv'), ['0 åtgärder', '1 åtgärd', '3 åtgärder']);
    assert.deepEqual(forms('en'), ['0 measures', '1 measure', '3 measures']);
    assert.equal(t('fi', 'questionnaire.daysLeft', { days: 1 }), '1 päivä jäljellä');
    assert.equal(t('sv', 'questionnaire.daysLeft', { days: 2 }), '2 dagar kvar');
    assert.equal(t('en', 'count.organisations', { count: 1 }), '1 organisation');
    assert.equal(
      t('en', 'council.inProgress', { count: 1 }),
      '1 is being sent elsewhere right now.',
    );
    assert.equal(t('sv', 'report.line.linksMore', { count: 1 }), '… och 1 annan koppling');
    assert.equal(goalSummary('fi', 1, 3), '1 toimenpide, 3 organisaatiota');
    assert.equal(goalSummary('sv', 3, 1), '3 åtgärder, 1 organisation');
  });

  it('uses the plural forms in cards: measure counts per goal and review gaps', () => {
    const view = { ...sheet('fi'), response: undefined, orgAnswered: false, others: [], page: 0 };
    const texts = cardTexts(
      overviewCard({ ...view, measureCounts: { terveyserot: 1, osallisuus: 3 } }),
    );
    assert.ok(texts.includes('1 toimenpide') && texts.includes('3 toimenpidettä'), 'fi counts');
    assert.ok(texts.includes('⚠ Ei vielä toimenpiteitä'), 'zero has its own words');
    const en = cardTexts(
      overviewCard({ ...view, lang: 'en', measureCounts: { terveyserot: 1, osallisuus: 3 } }),
    );
    assert.ok(en.includes('1 measure') && en.includes('3 measures'), 'en counts');
    const round = sheet('sv').round;
    const measure = storedMeasure({ owner: '', metrics: 'x', partners: ['pshva'] });
    const review = reviewSheet(round, [measure.value], undefined);
    const sv = cardTexts(reviewCard({ ...sheet('sv'), review, response: undefined, page: 0 }));
    assert.ok(
      sv.some((s) => /^⚠ \d+ punkt(er)? att kontrollera/.test(s)),
      `sv review: ${sv.join(' | ')}`,
    );
  });

  it('falls back to Finnish, with Finnish plural rules, only where a language lacks a key', () => {
    const fi = catalogs.fi as unknown as Record<string, unknown>;
    fi.fallbackProbe = '{n, plural, one {# vain suomeksi} other {# vain suomeksi, monta}}';
    try {
      const probe = 'fallbackProbe' as MessageKey;
      assert.equal(t('sv', probe, { n: 1 }), '1 vain suomeksi');
      assert.equal(t('en', probe, { n: 4 }), '4 vain suomeksi, monta');
      assert.equal(t('sv', 'report.title'), 'Sammanställning av HYTE-förhandlingarna');
    } finally {
      delete fi.fallbackProbe;
    }
  });
});

describe('dates, numbers and percents', () => {
  const meeting = '2025-09-16T06:00:00.000Z';

  it('writes an instant as the wall clock of the configured time zone shows it', () => {
    assert.equal(formatDateTime('fi', meeting, 'Europe/Helsinki', 'numeric'), '16.9.2025 klo 9.00');
    assert.equal(
      formatDateTime('fi', meeting, 'America/New_York', 'numeric'),
      '16.9.2025 klo 2.00',
    );
    assert.match(
      formatDateTime('en', meeting, 'Asia/Tokyo', 'full'),
      /Tuesday,? 16 September 2025 at 15:00/,
    );
  });

  it('gives the report and the cards the configured zone, not a fixed one', () => {
    const k = seedKoonti();
    const helsinki = renderReportHtml(k, 'fi', 'Europe/Helsinki');
    const utc = renderReportHtml(k, 'fi', 'UTC');
    const at = (html: string) => /Neuvottelu: ([^<]+)</.exec(html)?.[1];
    assert.equal(
      at(helsinki),
      formatDateTime('fi', k.round.meetingAt, 'Europe/Helsinki', 'numeric'),
    );
    assert.equal(at(utc), formatDateTime('fi', k.round.meetingAt, 'UTC', 'numeric'));
    assert.notEqual(at(helsinki), at(utc));
    const deadline = (timeZone: string) =>
      JSON.stringify(
        overviewCard({
          ...sheet('fi', { timeZone }),
          response: undefined,
          measureCounts: {},
          orgAnswered: false,
          others: [],
          page: 0,
        }),
      );
    assert.match(deadline('Europe/Helsinki'), /9\. syyskuuta 2025 klo 16\.00/);
    assert.match(deadline('America/New_York'), /9\. syyskuuta 2025 klo 9\.00/);
  });

  it('writes percents the way each language does', () => {
    assert.equal(formatPercent('fi', 0.25), '25\u00a0%');
    assert.equal(formatPercent('sv', 0.5), '50\u00a0%');
    assert.equal(formatPercent('en', 1 / 3), '33%');
  });
});
