import { z } from 'zod';

/** Why one form field was refused; the card layer words it in the user's language. */
export const FormProblem = z.enum([
  'required',
  'tooLong',
  'invalidChoice',
  'invalid',
  'notCarried',
]);
export type FormProblem = z.infer<typeof FormProblem>;

export interface FormIssue {
  field: string;
  problem: FormProblem;
  /** For `tooLong`: the limit and what was typed, in characters. */
  max?: number;
  length?: number;
}

/** What the user typed, kept for showing the form again (text clipped to the field's limit). */
export type FormValues = Record<string, string | string[]>;

export type FormResult<T> =
  | { ok: true; value: T; values: FormValues }
  | { ok: false; issues: FormIssue[]; values: FormValues };

type Kind = 'text' | 'choice' | 'multi';

/** Looks through `.default()` / `.optional()` to the field's own schema. */
function innermost(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s.def.type === 'default' || s.def.type === 'optional') {
    s = (s.def as unknown as { innerType: z.ZodType }).innerType;
  }
  return s;
}

function kindOf(schema: z.ZodType): Kind {
  const type = innermost(schema).def.type;
  return type === 'array' ? 'multi' : type === 'enum' ? 'choice' : 'text';
}

/** The longest text a field accepts, read from its schema. */
export function maxLengthOf(schema: z.ZodType): number | undefined {
  const inner = innermost(schema);
  return inner instanceof z.ZodString ? (inner.maxLength ?? undefined) : undefined;
}

/** Adaptive Card multi-selects answer `"a,b"`; our own action data may carry an array. */
function splitMulti(value: unknown): unknown {
  if (typeof value === 'string')
    return value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return value;
}

function display(value: unknown, kind: Kind, max: number | undefined): string | string[] {
  if (kind === 'multi') {
    const list = splitMulti(value);
    return Array.isArray(list) ? list.filter((v): v is string => typeof v === 'string') : [];
  }
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  return max !== undefined && text.length > max ? text.slice(0, max) : text;
}

function toIssue(issue: z.core.$ZodIssue, raw: Record<string, unknown>): FormIssue {
  const field = String(issue.path[0] ?? '');
  const input = raw[field];
  if (issue.code === 'too_big' && typeof input === 'string') {
    return { field, problem: 'tooLong', max: Number(issue.maximum), length: input.length };
  }
  if (issue.code === 'too_small' || (issue.code === 'invalid_type' && input === undefined)) {
    return { field, problem: 'required' };
  }
  if (issue.code === 'invalid_value') return { field, problem: 'invalidChoice' };
  return { field, problem: 'invalid' };
}

/**
 * Parses the inputs of a card form with `schema` (fields it does not name are dropped).
 * Blank choices count as unanswered. On failure every typed value is returned for showing
 * the form again, with at most one issue per field.
 */
export function parseForm<S extends z.ZodObject>(schema: S, data: unknown): FormResult<z.infer<S>> {
  const raw = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const input: Record<string, unknown> = {};
  const values: FormValues = {};
  for (const [field, fieldSchema] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const kind = kindOf(fieldSchema);
    const value = raw[field];
    values[field] = display(value, kind, maxLengthOf(fieldSchema));
    if (kind === 'multi') input[field] = splitMulti(value);
    else if (kind === 'choice') input[field] = value === '' || value === null ? undefined : value;
    else input[field] = value;
  }
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data, values };
  const issues: FormIssue[] = [];
  for (const issue of parsed.error.issues) {
    const mapped = toIssue(issue, raw);
    if (!issues.some((i) => i.field === mapped.field)) issues.push(mapped);
  }
  return { ok: false, issues, values };
}

/** Stored values as a form shows them: lists copied, unanswered choices as ''. */
export function formValuesOf(
  stored: Readonly<Record<string, unknown>>,
  fields: ReadonlyArray<{ id: string; form: boolean }>,
): FormValues {
  return Object.fromEntries(
    fields
      .filter((f) => f.form)
      .map((f) => {
        const v = stored[f.id];
        return [f.id, Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v : ''];
      }),
  );
}
