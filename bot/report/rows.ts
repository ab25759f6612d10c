import { QUALITY_FLAGS, type Koonti, type KoontiMeasure } from '../domain/koonti';
import { type Lang, localize } from '../domain/localized-text';
import type { Round } from '../domain/round';
import { type ReportStrings, reportStrings } from './strings';

/** Columns of the measure table in CSV and XLSX, in order. */
export const MEASURE_COLUMNS = [
  'goal',
  'organisation',
  'kind',
  'description',
  'owner',
  'partners',
  'partnersOther',
  'metrics',
  'targetGroup',
  'timeframe',
  'concrete',
  'plan',
  'changeBy2029',
  'flags',
] as const;

/** The header of the measure table in the reader's language. */
export function measureHeader(lang: Lang, round: Pick<Round, 'planPeriod'>): string[] {
  const s = reportStrings(lang, round);
  return MEASURE_COLUMNS.map((c) => s.col[c]);
}

/** Partner organisations named from the round's list, by name. */
export const partnerNames = (m: KoontiMeasure): string => m.partners.map((p) => p.name).join(', ');

/** A measure's flags as words (meaning never rides on colour alone). */
export const flagNames = (m: KoontiMeasure, s: ReportStrings): string =>
  m.flags.map((f) => s.flag[f]).join(', ');

/**
 * One row per measure, goals in round order, values as plain text: each format escapes
 * them its own way and applies `safeCell` where a spreadsheet might read them.
 */
export function measureRows(k: Koonti, lang: Lang): string[][] {
  const s = reportStrings(lang, k.round);
  const rows: string[][] = [];
  for (const g of k.goals) {
    const goal = localize(g.goal.title, lang);
    for (const m of g.measures) {
      const x = m.measure;
      rows.push([
        goal,
        m.organisation.name,
        s.kind[m.organisation.kind],
        x.description,
        x.owner,
        partnerNames(m),
        x.partnersOther,
        x.metrics,
        x.targetGroup,
        x.timeframe,
        x.concrete ? s.concrete[x.concrete] : '',
        x.plan ? s.plan[x.plan] : '',
        x.changeBy2029 ? s.change[x.changeBy2029] : '',
        flagNames(m, s),
      ]);
    }
  }
  return rows;
}

/** Per-goal totals (the XLSX second sheet): header, then one row per goal. */
export function goalTotals(k: Koonti, lang: Lang): Array<Array<string | number>> {
  const s = reportStrings(lang, k.round);
  const header = [
    s.col.goal,
    s.col.measures,
    s.col.organisations,
    ...QUALITY_FLAGS.map((f) => s.flag[f]),
    s.col.cooperation,
  ];
  return [
    header,
    ...k.goals.map((g) => [
      localize(g.goal.title, lang),
      g.measures.length,
      g.organisationIds.length,
      ...QUALITY_FLAGS.map((f) => g.flagCounts[f]),
      g.noCooperation ? s.no : s.yes,
    ]),
  ];
}

const FORMULA_START = /^[=+\-@\t\r]/;
/** A formula start right after a `;` or tab inside the text (see safeCell). */
const FORMULA_AFTER_SEPARATOR = /(?<=[;\t])(?=[=+\-@\t\r])/g;
const HAS_SEPARATOR = /[;\t]/;

/**
 * Spreadsheet programs read a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage
 * return as a formula, so a respondent could smuggle in `=HYPERLINK(…)`. Such a cell gets a
 * leading apostrophe and stays text (OWASP "CSV injection"). A program splitting the CSV on
 * `;` or tab (Finnish Excel splits on `;`) starts a cell after each of them, quotes or not,
 * so a formula start there gets the apostrophe too: `Liikunta;=1+1` → `Liikunta;'=1+1`.
 */
export function safeCell(value: string): string {
  const inner = HAS_SEPARATOR.test(value) ? value.replace(FORMULA_AFTER_SEPARATOR, "'") : value;
  return FORMULA_START.test(inner) ? `'${inner}` : inner;
}
