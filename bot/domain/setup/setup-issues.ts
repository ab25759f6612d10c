/** Why one field of a set-up form or one cell of a contact list was refused. */
export type SetupProblem =
  | 'required'
  | 'tooLong'
  | 'date'
  | 'time'
  | 'year'
  | 'deadlinePast'
  | 'deadlineAfterMeeting'
  | 'planOrder'
  | 'choice'
  | 'tenant'
  | 'objectIds'
  | 'emails'
  | 'duplicates'
  | 'tooMany'
  | 'id'
  | 'duplicateId'
  | 'formula'
  | 'dateCell'
  | 'notText'
  | 'previousRound';

/** A refused form field, with what was wrong in it (entries as typed, shown as text). */
export interface SetupIssue {
  field: string;
  problem: SetupProblem;
  /** The entries refused (e-mails, ids), as typed. */
  entries?: string[];
  /** The limit passed, for `tooLong` and `tooMany`. */
  max?: number;
}

/** A form's values as typed (kept for showing the form again) and its issues, or the value. */
export type SetupForm<T> =
  | { ok: true; value: T; values: Record<string, string> }
  | { ok: false; issues: SetupIssue[]; values: Record<string, string> };

/** Card input values as strings: numbers and booleans as typed, anything else dropped. */
export function formValues(raw: unknown, fields: readonly string[]): Record<string, string> {
  const data = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  return Object.fromEntries(
    fields.map((f) => {
      const v = data[f];
      return [f, typeof v === 'string' || typeof v === 'number' ? String(v).slice(0, 20_000) : ''];
    }),
  );
}

/** Longest texts the forms take, as round files allow them. */
export const SETUP_LIMITS = {
  title: 2000,
  region: 200,
  name: 200,
  description: 2000,
  respondents: 50,
} as const;

/** A text field: trimmed, `required` when it must be given, at most `max` characters. */
export function text(
  values: Record<string, string>,
  field: string,
  max: number,
  issues: SetupIssue[],
  required = false,
): string | undefined {
  const v = (values[field] ?? '').trim();
  if (!v) {
    if (required) issues.push({ field, problem: 'required' });
    return undefined;
  }
  if (v.length > max) issues.push({ field, problem: 'tooLong', max });
  return v;
}
