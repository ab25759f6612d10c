import { QUALITY_FLAGS, type Koonti, type KoontiMeasure } from '../domain/koonti';
import { type Lang, localize } from '../domain/localized-text';
import {
  type FieldDef,
  type FieldTable,
  MEASURE_FIELDS,
  reportOrder,
} from '../domain/answers/measure-fields';
import { type MessageKey, t, planYear } from '../../cards';
import type { Round } from '../domain/round';
import { type ReportStrings, reportStrings } from './strings';

/** A field's report text: its own value, and the free texts that join it where it has no column. */
export interface FieldText {
  (m: KoontiMeasure, field: FieldDef): string;
  /** The texts of the fields joining `field` (partners named freely), non-empty ones only. */
  joined(m: KoontiMeasure, field: FieldDef): string[];
  /** The report's column heading of `field`. */
  heading(field: FieldDef): string;
  /** The measure's organisation, marked when its answer is a draft, not submitted. */
  organisation(m: KoontiMeasure): string;
  /** The words marking a draft (`luonnos – ei lähetetty`). */
  draftMarker: string;
}

/**
 * How each field of `table` reads in the report, in `lang`: text as typed, choices in words,
 * organisations by name (the measure's own organisation and ids no longer in the round left
 * out). Words are looked up once per report, not once per cell.
 */
export function fieldText(k: Koonti, lang: Lang, table: FieldTable = MEASURE_FIELDS): FieldText {
  const names = new Map(k.round.organisations.map((o) => [o.id, o.name]));
  const words = new Map(
    table.map((f) => [
      f.id,
      new Map(
        (f.options?.values ?? []).map((v) => [
          v,
          t(lang, `${f.options?.report}.${v}` as MessageKey),
        ]),
      ),
    ]),
  );
  const text = (m: KoontiMeasure, f: FieldDef): string => {
    const v = (m.measure as Readonly<Record<string, unknown>>)[f.id];
    if (Array.isArray(v)) {
      return v
        .flatMap((id: string) => (id !== m.organisation.id && names.get(id)) || [])
        .join(', ');
    }
    if (typeof v !== 'string') return '';
    return f.kind === 'choice' ? (words.get(f.id)?.get(v) ?? v) : v;
  };
  const joiners = (f: FieldDef) => table.filter((x) => x.joinsInto === f.id);
  const year = planYear(k.round);
  const marker = t(lang, 'setup.drafts.marker');
  return Object.assign(text, {
    draftMarker: marker,
    organisation: (m: KoontiMeasure) =>
      m.draft ? `${m.organisation.name} (${marker})` : m.organisation.name,
    joined: (m: KoontiMeasure, f: FieldDef) =>
      joiners(f)
        .map((x) => text(m, x))
        .filter(Boolean),
    heading: (f: FieldDef) => t(lang, f.messages.column as MessageKey, year),
  });
}

/**
 * The fields with a column in the CSV and the XLSX measure sheet, in column order; with
 * `followUp`, the carried-only ones, which come after the flags so every other column keeps
 * its place.
 */
export const sheetFields = (table: FieldTable = MEASURE_FIELDS, followUp = false) =>
  reportOrder(table).filter((f) => f.report.sheet !== undefined && !!f.carried === followUp);

/** XLSX widths of the measure sheet's columns, matching measureHeader. */
export function measureWidths(table: FieldTable = MEASURE_FIELDS, drafts = false): number[] {
  const width = (f: FieldDef) => f.report.sheet ?? 20;
  return [
    30,
    26,
    16,
    ...sheetFields(table).map(width),
    30,
    ...sheetFields(table, true).map(width),
    20,
    ...(drafts ? [16] : []),
  ];
}

/**
 * The header of the measure table in the reader's language; with `drafts` (a koonti that
 * includes drafts) a last column says whether each measure's answer was submitted.
 */
export function measureHeader(
  lang: Lang,
  round: Pick<Round, 'planPeriod'>,
  table: FieldTable = MEASURE_FIELDS,
  drafts = false,
): string[] {
  const s = reportStrings(lang, round);
  const year = planYear(round);
  const heading = (f: FieldDef) => t(lang, f.messages.column as MessageKey, year);
  return [
    s.col.goal,
    s.col.organisation,
    s.col.kind,
    ...sheetFields(table).map(heading),
    s.col.flags,
    ...sheetFields(table, true).map(heading),
    s.col.previousRound,
    ...(drafts ? [t(lang, 'setup.drafts.column')] : []),
  ];
}

/** A measure's flags as words (meaning never rides on colour alone). */
export const flagNames = (m: KoontiMeasure, s: ReportStrings): string =>
  m.flags.map((f) => s.flag[f]).join(', ');

/**
 * One row per measure, goals in round order, values as plain text: each format escapes
 * them its own way and applies `safeCell` where a spreadsheet might read them. Made as
 * they are written, so 15 000 rows never sit in memory at once.
 */
export function* measureRows(
  k: Koonti,
  lang: Lang,
  table: FieldTable = MEASURE_FIELDS,
): Generator<string[]> {
  const s = reportStrings(lang, k.round);
  const text = fieldText(k, lang, table);
  const fields = sheetFields(table);
  const followUp = sheetFields(table, true);
  const submitted = [t(lang, 'setup.drafts.notSubmitted'), t(lang, 'setup.drafts.submitted')];
  for (const g of k.goals) {
    const goal = localize(g.goal.title, lang);
    for (const m of g.measures) {
      yield [
        goal,
        m.organisation.name,
        s.kind[m.organisation.kind],
        ...fields.map((f) => text(m, f)),
        flagNames(m, s),
        ...followUp.map((f) => text(m, f)),
        m.measure.carriedFrom?.roundId ?? '',
        ...(k.includeDrafts ? [submitted[m.draft ? 0 : 1] ?? ''] : []),
      ];
    }
  }
}

/** `header`, then `rows`. */
export function* withHeader<T>(header: T, rows: Iterable<T>): Generator<T> {
  yield header;
  yield* rows;
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
