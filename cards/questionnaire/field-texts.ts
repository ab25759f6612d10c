import type { Lang } from '../../bot/domain/localized-text';
import {
  type FieldDef,
  type FieldTable,
  type MeasureField,
  MEASURE_FIELDS,
} from '../../bot/domain/answers/measure-fields';
import { type Round, planEndYear } from '../../bot/domain/round';
import { type MessageKey, t } from '../i18n';
import { truncate } from '../text';

type Messages<F> = F extends { messages: infer M } ? M[keyof M] : never;
type Options<F> = F extends {
  options: { values: readonly (infer V extends string)[]; form: infer P; report: infer R };
}
  ? `${P & string}.${V}` | `${R & string}.${V}`
  : never;
type Checked<K extends MessageKey> = K;

/**
 * Every catalog key the field table names. A key missing from the catalog fails the type
 * check here, so a field's texts cannot go missing silently.
 */
export type FieldMessageKey = Checked<Messages<MeasureField> | Options<MeasureField>>;

const key = (k: string) => k as FieldMessageKey;

/** The `{year}` of texts naming the plan's end ("change by {year}"), for `t`. */
export function planYear(round: Pick<Round, 'planPeriod'>): { year: string } {
  // A string, so it is never written with a thousands separator ("2 029").
  return { year: String(planEndYear(round)) };
}

/** A field's label (the form's, the cards'), naming the round's plan end where it says a year. */
export function fieldLabel(lang: Lang, field: FieldDef, round: Pick<Round, 'planPeriod'>): string {
  return t(lang, key(field.messages.label), planYear(round));
}

/** A choice value in words, or '' when unanswered. */
export function optionText(lang: Lang, field: FieldDef, value: unknown): string {
  const group = field.options?.form;
  return group && typeof value === 'string' && value ? t(lang, key(`${group}.${value}`)) : '';
}

/** Organisation names for ids (ids no longer in the round are shown as they are). */
export function organisationNames(round: Round, ids: readonly string[]): string[] {
  return ids.map((id) => round.organisations.find((o) => o.id === id)?.name ?? id);
}

/** A field's value as one line of text for a card, with the free text that joins it. */
export function fieldText(
  lang: Lang,
  round: Round,
  values: Readonly<Record<string, unknown>>,
  field: FieldDef,
  table: FieldTable = MEASURE_FIELDS,
): string {
  const value = values[field.id];
  const own =
    field.kind === 'organisations'
      ? organisationNames(round, Array.isArray(value) ? value : [])
      : field.kind === 'choice'
        ? [optionText(lang, field, value)]
        : [typeof value === 'string' ? value.trim() : ''];
  const joined = table
    .filter((f) => f.joinsInto === field.id)
    .map((f) => String(values[f.id] ?? '').trim());
  return [...own, ...joined].filter(Boolean).join(', ');
}

/** A labelled value of user-typed text; the template renders it as TextRuns (never markdown). */
export interface Row {
  label: string;
  value: string;
}

/**
 * The filled fields of a measure as labelled rows, each cut to `max` characters: the
 * `summary` fields, or with `detail` every field that has a place of its own in cards.
 */
export function fieldRows(
  lang: Lang,
  round: Round,
  values: Readonly<Record<string, unknown>>,
  max: number,
  scope: 'summary' | 'detail',
  table: FieldTable = MEASURE_FIELDS,
): Row[] {
  return table
    .filter((f) => f.card === 'summary' || (scope === 'detail' && f.card === 'detail'))
    .flatMap((f) => {
      const v = fieldText(lang, round, values, f, table);
      return v ? [{ label: fieldLabel(lang, f, round), value: truncate(v, max) }] : [];
    });
}

/** The review's words for a measure's gaps (field ids from measureGaps). */
export function gapWords(
  lang: Lang,
  gaps: readonly string[],
  table: FieldTable = MEASURE_FIELDS,
): string[] {
  return gaps.flatMap((id) => {
    const gap = table.find((f) => f.id === id)?.messages.gap;
    return gap ? [t(lang, key(gap))] : [];
  });
}
