import { z } from 'zod';
import { Id } from '../round';

/** Longest free text accepted in one field; keeps entities far below Table Storage limits. */
export const MAX_TEXT = 4000;

/** How a field is asked for: a line, a multi-line text, one of fixed options, organisations. */
export type FieldKind = 'text' | 'longText' | 'choice' | 'organisations';

/** Where a field appears in the koonti exports. */
export interface ReportSpec {
  /** Where the field stands among the measure's columns and lines in every export. */
  column: number;
  /** A column of the CSV and of the XLSX measure sheet, this wide in XLSX. */
  sheet?: number;
  /** On the report page: a column of the goal's table, or a labelled line under the title field. */
  page?: 'column' | 'note';
  /** In markdown: a line of the measure's item, always (`–` when empty) or only when filled. */
  list?: 'always' | 'filled';
}

/** Catalog keys of a field's texts; the cards layer checks they exist (see field-texts.ts). */
export interface FieldMessages {
  label: string;
  /** The report's column heading. */
  column: string;
  placeholder?: string;
  /** The input's own message when a required field is left empty. */
  error?: string;
  /** What the review says when the field is empty (with `gap`). */
  gap?: string;
}

interface Common {
  /** Must be filled for the measure to be saved. */
  required?: boolean;
  /** Asked in the measure form. */
  form: boolean;
  /**
   * Only for measures carried from the previous round: asked, shown and accepted there alone,
   * absent on every other measure.
   */
  carried?: boolean;
  /** The measure's heading in cards, the markdown item and the report page. */
  title?: boolean;
  /** In cards: on the goal card and the delete question (`summary`), or only in full views. */
  card?: 'summary' | 'detail';
  /**
   * The review flags a measure where this field (and whatever joins it) is empty; gaps are
   * named in this order.
   */
  gap?: number;
  /** Free text completing another field: shown with it where it has no place of its own. */
  joinsInto?: string;
  report: ReportSpec;
  messages: FieldMessages;
}

interface TextSpec extends Common {
  kind: 'text' | 'longText';
  max: number;
}
interface ChoiceSpec<O extends readonly [string, ...string[]]> extends Common {
  kind: 'choice';
  /** The stored values, and the catalog groups naming each (`${form}.${value}`). */
  options: { values: O; form: string; report: string };
}
interface OrganisationsSpec extends Common {
  kind: 'organisations';
  /** Most organisations one measure may name. */
  max: number;
}

const textSchema = (max: number) => z.string().trim().max(max, `at most ${max} characters`);

/** A text field; required ones refuse blank text, carried-only ones may be absent, others default to ''. */
function text<const I extends string, const S extends TextSpec>(id: I, spec: S) {
  const schema = spec.required
    ? textSchema(spec.max).min(1, 'required')
    : spec.carried
      ? textSchema(spec.max).optional()
      : textSchema(spec.max).default('');
  type Schema = S['required'] extends true
    ? z.ZodString
    : S['carried'] extends true
      ? z.ZodOptional<z.ZodString>
      : z.ZodDefault<z.ZodString>;
  return { id, ...spec, schema: schema as Schema };
}

/** One of fixed options; unanswered is allowed and stored as absent. */
function choice<const I extends string, const S extends ChoiceSpec<readonly [string, ...string[]]>>(
  id: I,
  spec: S,
) {
  type Values = S['options']['values'][number];
  const schema = z.enum(spec.options.values).optional();
  return {
    id,
    ...spec,
    schema: schema as unknown as z.ZodOptional<z.ZodEnum<{ [V in Values]: V }>>,
  };
}

/** Ids of the round's organisations. */
function organisations<const I extends string, const S extends OrganisationsSpec>(id: I, spec: S) {
  return { id, ...spec, schema: z.array(Id).max(spec.max).default([]) };
}

/**
 * Every field of a measure, declared once, in form order. The measure schema, the form, the
 * card views, the review's gaps and every export are derived from this table: a new field
 * takes an entry here and its texts in the catalogs.
 */
export const MEASURE_FIELDS = [
  text('description', {
    kind: 'longText',
    max: MAX_TEXT,
    required: true,
    form: true,
    title: true,
    card: 'detail',
    report: { column: 1, sheet: 50, page: 'column' },
    messages: {
      label: 'measure.label.description',
      column: 'report.col.description',
      error: 'measure.error.required',
    },
  }),
  text('owner', {
    kind: 'text',
    max: 500,
    required: true,
    form: true,
    card: 'summary',
    gap: 1,
    report: { column: 2, sheet: 24, page: 'column', list: 'always' },
    messages: {
      label: 'measure.label.owner',
      column: 'report.col.owner',
      error: 'measure.error.required',
      gap: 'review.gap.owner',
    },
  }),
  organisations('partners', {
    kind: 'organisations',
    max: 1000,
    form: true,
    card: 'summary',
    gap: 3,
    report: { column: 3, sheet: 30, page: 'column', list: 'always' },
    messages: {
      label: 'measure.label.partners',
      column: 'report.col.partners',
      placeholder: 'measure.placeholderPartners',
      gap: 'review.gap.partners',
    },
  }),
  text('partnersOther', {
    kind: 'text',
    max: 1000,
    form: true,
    joinsInto: 'partners',
    report: { column: 4, sheet: 24 },
    messages: { label: 'measure.label.partnersOther', column: 'report.col.partnersOther' },
  }),
  text('metrics', {
    kind: 'longText',
    max: MAX_TEXT,
    form: true,
    card: 'summary',
    gap: 2,
    report: { column: 5, sheet: 36, page: 'column', list: 'always' },
    messages: {
      label: 'measure.label.metrics',
      column: 'report.col.metrics',
      gap: 'review.gap.metrics',
    },
  }),
  text('targetGroup', {
    kind: 'text',
    max: 1000,
    form: true,
    card: 'detail',
    report: { column: 6, sheet: 24, page: 'column', list: 'filled' },
    messages: { label: 'measure.label.targetGroup', column: 'report.col.targetGroup' },
  }),
  text('timeframe', {
    kind: 'text',
    max: 200,
    form: true,
    card: 'detail',
    report: { column: 7, sheet: 16, page: 'column', list: 'filled' },
    messages: { label: 'measure.label.timeframe', column: 'report.col.timeframe' },
  }),
  choice('concrete', {
    kind: 'choice',
    options: { values: ['yes', 'partly', 'no'], form: 'measure.choice', report: 'report.concrete' },
    form: true,
    card: 'detail',
    report: { column: 8, sheet: 12 },
    messages: { label: 'measure.label.concrete', column: 'report.col.concrete' },
  }),
  choice('changeBy2029', {
    kind: 'choice',
    options: {
      values: ['yes', 'partly', 'no', 'unknown'],
      form: 'measure.choice',
      report: 'report.change',
    },
    form: true,
    card: 'detail',
    report: { column: 10, sheet: 14, page: 'column', list: 'filled' },
    messages: { label: 'measure.label.changeBy2029', column: 'report.col.changeBy2029' },
  }),
  choice('plan', {
    kind: 'choice',
    options: {
      values: ['continue', 'intensify', 'new', 'drop'],
      form: 'measure.plan',
      report: 'report.plan',
    },
    form: true,
    card: 'summary',
    report: { column: 9, sheet: 12, page: 'column', list: 'filled' },
    messages: { label: 'measure.label.plan', column: 'report.col.plan' },
  }),
  text('notes', {
    kind: 'longText',
    max: MAX_TEXT,
    form: true,
    card: 'detail',
    report: { column: 11, page: 'note', list: 'filled' },
    messages: { label: 'measure.label.notes', column: 'report.col.notes' },
  }),
  choice('progress', {
    kind: 'choice',
    options: {
      values: ['done', 'ongoing', 'notStarted', 'dropped'],
      form: 'measure.progress',
      report: 'report.progress',
    },
    form: true,
    carried: true,
    card: 'summary',
    gap: 4,
    report: { column: 12, sheet: 14, page: 'column', list: 'filled' },
    messages: {
      label: 'measure.label.progress',
      column: 'report.col.progress',
      gap: 'review.gap.progress',
    },
  }),
  text('progressNote', {
    kind: 'longText',
    max: MAX_TEXT,
    form: true,
    carried: true,
    card: 'detail',
    report: { column: 13, sheet: 36, page: 'note', list: 'filled' },
    messages: { label: 'measure.label.progressNote', column: 'report.col.progressNote' },
  }),
] as const;

/** One entry of a field table. */
export type MeasureField = (typeof MEASURE_FIELDS)[number];
/** What every derivation reads of a field, whichever table it comes from. */
export type FieldDef = Common & {
  id: string;
  kind: FieldKind;
  schema: z.ZodType;
  max?: number;
  options?: { values: readonly string[]; form: string; report: string };
};
/** A table of measure fields: the real one, or a longer one in tests. */
export type FieldTable = readonly FieldDef[];

type Shape<T extends readonly { id: string; schema: z.ZodType }[]> = {
  [F in T[number] as F['id']]: F['schema'];
};

/** The zod object of a field table's values. */
export function fieldsSchema<const T extends readonly { id: string; schema: z.ZodType }[]>(
  table: T,
): z.ZodObject<Shape<T>> {
  return z.object(Object.fromEntries(table.map((f) => [f.id, f.schema]))) as z.ZodObject<Shape<T>>;
}

/** A field's value as text for "is it filled": trimmed text, names count, a choice is its value. */
function filled(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return typeof value === 'string' && value.trim() !== '';
}

/** Whether a field is answered, counting the free text that joins it (partners named freely). */
export function isFilled(
  values: Readonly<Record<string, unknown>>,
  field: FieldDef,
  table: FieldTable = MEASURE_FIELDS,
): boolean {
  return (
    filled(values[field.id]) || table.some((f) => f.joinsInto === field.id && filled(values[f.id]))
  );
}

/**
 * The carried-only fields filled on a measure that was not carried: each is refused
 * (`notCarried`), since only a measure from the previous round has a progress to give.
 */
export function notCarriedFields(
  values: Readonly<Record<string, unknown>>,
  carried: boolean,
  table: FieldTable = MEASURE_FIELDS,
): string[] {
  return carried ? [] : table.filter((f) => f.carried && filled(values[f.id])).map((f) => f.id);
}

/** The fields of a table in the order the exports show them (`report.column`). */
export function reportOrder<T extends { report: { column: number } }>(table: readonly T[]): T[] {
  return [...table].sort((a, b) => a.report.column - b.report.column);
}

/** The fields the review flags when empty, by id. */
export type MeasureGap = Extract<MeasureField, { gap: number }>['id'];

/**
 * The gaps of one measure: each field with `gap` left empty, in gap order; carried-only
 * fields count only on a measure carried from the previous round (one with `carriedFrom`).
 */
export function fieldGaps(
  values: Readonly<Record<string, unknown>>,
  table: FieldTable = MEASURE_FIELDS,
): string[] {
  const carried = values.carriedFrom !== undefined;
  return table
    .filter((f) => f.gap !== undefined && (!f.carried || carried) && !isFilled(values, f, table))
    .sort((a, b) => (a.gap ?? 0) - (b.gap ?? 0))
    .map((f) => f.id);
}
