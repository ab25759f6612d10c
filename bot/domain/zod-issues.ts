import type { z } from 'zod';
import type { FieldIssue } from './errors';

/** Renders a zod path as `goals[3].title.fi`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(root)';
}

/** Flattens a zod error into one issue per bad field, with a readable message. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: formatPath(issue.path),
    message:
      issue.code === 'invalid_type' && issue.input === undefined
        ? 'required'
        : issue.code === 'unrecognized_keys'
          ? `unknown field(s) ${issue.keys.join(', ')}`
          : issue.message,
  }));
}
