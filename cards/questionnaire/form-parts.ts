import type { FormIssue, FormValues } from '../../bot/domain/answers/form-input';
import type { Lang } from '../../bot/domain/localized-text';
import { t } from '../i18n';
import { type Row } from './sheet-view';
import { expand } from '../render';
import conflictTemplate from './templates/conflict.json';

/** The message shown under a refused field, in the user's language. */
export function issueText(lang: Lang, issue: FormIssue): string {
  if (issue.problem === 'tooLong') {
    return t(lang, 'measure.error.tooLong', { max: issue.max ?? 0, length: issue.length ?? 0 });
  }
  return t(lang, `measure.error.${issue.problem}`);
}

/** Field → message ('' for fields without a problem), for every field of a form. */
export function errorMap(
  lang: Lang,
  fields: readonly string[],
  issues: readonly FormIssue[],
): Record<string, string> {
  return Object.fromEntries(
    fields.map((f) => {
      const issue = issues.find((i) => i.field === f);
      return [f, issue ? issueText(lang, issue) : ''];
    }),
  );
}

/** Values as inputs expect them: text as is, a multi-select as `"a,b"`. */
export function inputValues(fields: readonly string[], values: FormValues): Record<string, string> {
  return Object.fromEntries(
    fields.map((f) => {
      const v = values[f];
      return [f, Array.isArray(v) ? v.join(',') : (v ?? '')];
    }),
  );
}

/** Choices for an Input.ChoiceSet from option values and their localized titles. */
export function choices(options: readonly string[], title: (value: string) => string) {
  return options.map((value) => ({ title: title(value), value }));
}

export interface ConflictData {
  title: string;
  text: string;
  storedHeading: string;
  rows: Row[];
}

/** The warning block of a conflict card: what is stored now (the form below holds theirs). */
export function conflictBlock(data: ConflictData | undefined) {
  return {
    hasConflict: !!data,
    conflict: data ? expand(conflictTemplate, { ...data }) : {},
  };
}

/** The message on top of a form that was sent and came back: not saved, or fields to check. */
export function formError(view: { lang: Lang; issues: FormIssue[]; unsaved?: boolean }) {
  if (view.unsaved) return t(view.lang, 'measure.unsaved');
  return view.issues.length ? t(view.lang, 'measure.formError') : '';
}
