import type { FormIssue, FormValues } from '../../bot/domain/answers/form-input';
import type { Lang } from '../../bot/domain/localized-text';
import {
  type FieldDef,
  type FieldTable,
  MEASURE_FIELDS,
} from '../../bot/domain/answers/measure-fields';
import type { Organisation, Round } from '../../bot/domain/round';
import type { Card } from '../card';
import { t } from '../i18n';
import { type FieldMessageKey, fieldLabel, optionText } from './field-texts';
import { issueText } from './form-parts';

/** The measure form's input ids, in form order (public: listed in the README). */
export function formFieldIds(table: FieldTable = MEASURE_FIELDS): string[] {
  return table.filter((f) => f.form).map((f) => f.id);
}

function input(
  lang: Lang,
  field: FieldDef,
  value: string,
  partners: ReadonlyArray<Pick<Organisation, 'id' | 'name'>>,
  round: Pick<Round, 'planPeriod'>,
): Card {
  const common = {
    id: field.id,
    label: fieldLabel(lang, field, round),
    value,
    ...(field.messages.placeholder
      ? { placeholder: t(lang, field.messages.placeholder as FieldMessageKey) }
      : {}),
    ...(field.required
      ? {
          isRequired: true,
          errorMessage: t(
            lang,
            (field.messages.error ?? 'measure.error.required') as FieldMessageKey,
          ),
        }
      : {}),
  };
  if (field.kind === 'organisations') {
    const choices = partners.map((o) => ({ title: o.name, value: o.id }));
    return { type: 'Input.ChoiceSet', ...common, isMultiSelect: true, choices };
  }
  if (field.kind === 'choice') {
    const choices = (field.options?.values ?? []).map((v) => ({
      title: optionText(lang, field, v),
      value: v,
    }));
    return { type: 'Input.ChoiceSet', ...common, style: 'expanded', choices };
  }
  return {
    type: 'Input.Text',
    ...common,
    ...(field.kind === 'longText' ? { isMultiline: true } : {}),
    ...(field.max !== undefined ? { maxLength: field.max } : {}),
  };
}

/**
 * The form's inputs, one per form field of the table, each with the message under it when
 * it was refused. Carried-only fields are asked for a `carried` measure, or shown with their
 * message when refused. Typed values come back as typed; a multi-select's as `"a,b"`.
 */
export function measureInputs(
  lang: Lang,
  values: FormValues,
  issues: readonly FormIssue[],
  partners: ReadonlyArray<Pick<Organisation, 'id' | 'name'>>,
  round: Pick<Round, 'planPeriod'>,
  carried: boolean,
  table: FieldTable = MEASURE_FIELDS,
): Array<{ input: Card; error: string }> {
  return table
    .filter((f) => f.form && (!f.carried || carried || issues.some((i) => i.field === f.id)))
    .map((f) => {
      const v = values[f.id];
      const issue = issues.find((i) => i.field === f.id);
      return {
        input: input(lang, f, Array.isArray(v) ? v.join(',') : (v ?? ''), partners, round),
        error: issue ? issueText(lang, issue) : '',
      };
    });
}
