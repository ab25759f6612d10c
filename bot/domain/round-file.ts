import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { ValidationError, type FieldIssue } from './errors';
import { requiredLists, Round } from './round';
import { homeTenantIssue, type TenantSettings } from './tenants';
import { fieldIssues, formatPath } from './zod-issues';

/** Round files are small; anything bigger is a mistake (or an attack on the parser). */
export const MAX_ROUND_FILE_BYTES = 2 * 1024 * 1024;

const FILE = '(file)';

function fileError(message: string): ValidationError {
  return new ValidationError([{ path: FILE, message }]);
}

/** 1-based line and column of a character offset. */
function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, col: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    // V8 says "… in JSON at position 9" (newer versions add "(line 2 column 5)").
    const message = (e as Error).message;
    const position = /at position (\d+)/.exec(message);
    const { line, col } = lineCol(text, position ? Number(position[1]) : text.length);
    const reason = message.replace(
      /,? (in JSON )?at position \d+.*$|\s*\(line \d+ column \d+\)$/,
      '',
    );
    throw fileError(`JSON error at line ${line}, column ${col}: ${reason}`);
  }
}

function parseYaml(text: string): unknown {
  // The core (YAML 1.2) schema keeps ISO dates and "08:00" as strings: no Date objects, no
  // sexagesimal numbers, no yes/no booleans. Duplicate keys are errors, not silent overrides.
  const doc = parseDocument(text, { schema: 'core', prettyErrors: true, uniqueKeys: true });
  const [first, ...rest] = doc.errors;
  if (first) {
    const pos = first.linePos?.[0];
    const where = pos ? `line ${pos.line}, column ${pos.col}` : 'unknown line';
    const reason = (first.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    const more = rest.length ? ` (and ${rest.length} more)` : '';
    throw fileError(`YAML error at ${where}: ${reason}${more}`);
  }
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw fileError((e as Error).message);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** zod's messages where a plainer one helps the person editing the file. */
function friendlier(issue: z.core.$ZodIssue): string | undefined {
  if (issue.code === 'invalid_value' && issue.values.length > 1)
    return `must be one of ${issue.values.map(String).join(', ')}`;
  const parent = issue.path[issue.path.length - 2];
  if (issue.code === 'invalid_union' && (parent === 'coordinators' || parent === 'respondents'))
    return 'must be { email: … } or { aadObjectId: … }';
  return undefined;
}

/**
 * Round's cross-field rules (unique ids, deadline not after meetingAt, previousRound not the
 * round itself) only run once the rest of the round is valid, so they are checked again on
 * the raw data: one run of the validator then lists every bad field. Results the schema already reported are dropped by the caller.
 */
function crossFieldIssues(data: Record<string, unknown>): FieldIssue[] {
  const out: FieldIssue[] = requiredLists(data).map((i) => ({
    path: i.path[0],
    message: i.message,
  }));
  for (const list of ['goals', 'organisations'] as const) {
    const items = data[list];
    if (!Array.isArray(items)) continue;
    const seen = new Set<string>();
    items.forEach((item: unknown, i) => {
      const id = isRecord(item) ? item.id : undefined;
      if (typeof id !== 'string') return;
      if (seen.has(id)) out.push({ path: `${list}[${i}].id`, message: `duplicate id "${id}"` });
      seen.add(id);
    });
  }
  if (typeof data.id === 'string' && data.previousRound === data.id)
    out.push({ path: 'previousRound', message: 'must not be the round itself' });
  const instant = Round.shape.deadline;
  const { deadline, meetingAt } = data;
  if (
    instant.safeParse(deadline).success &&
    instant.safeParse(meetingAt).success &&
    Date.parse(deadline as string) > Date.parse(meetingAt as string)
  ) {
    out.push({ path: 'deadline', message: 'must not be after meetingAt' });
  }
  return out;
}

function roundIssues(error: z.ZodError, data: Record<string, unknown>): FieldIssue[] {
  const generic = fieldIssues(error);
  const issues = error.issues.map((issue, i) => ({
    path: generic[i]?.path ?? formatPath(issue.path),
    message: friendlier(issue) ?? generic[i]?.message ?? issue.message,
  }));
  const known = new Set(issues.map((i) => `${i.path}: ${i.message}`));
  return [
    ...issues,
    ...crossFieldIssues(data).filter((i) => !known.has(`${i.path}: ${i.message}`)),
  ];
}

/**
 * Reads a round definition (JSON for `*.json`, YAML otherwise — normally `*.yaml`/`*.yml`) and
 * validates it. A bad file throws ValidationError listing every bad field by path, e.g.
 * `goals[3].title.fi: required`; a syntax error is one issue at path `(file)` naming the line.
 * With `tenants` (the installation's settings) a missing home tenant is refused where several
 * tenants are allowed.
 */
export function parseRoundFile(text: string, fileName: string, tenants?: TenantSettings): Round {
  if (Buffer.byteLength(text, 'utf8') > MAX_ROUND_FILE_BYTES) {
    throw fileError(`larger than ${MAX_ROUND_FILE_BYTES} bytes`);
  }
  const data = /\.json$/i.test(fileName) ? parseJson(text) : parseYaml(text);
  if (data === null || data === undefined) throw fileError('empty: no round defined');
  if (!isRecord(data)) {
    throw fileError(
      'must be a mapping of the round fields (id, title, region, …), not a list or value',
    );
  }
  // reportInput lets fieldIssues tell a missing field ("required") from one of the wrong type.
  const parsed = Round.safeParse(data, { reportInput: true });
  const missingHome =
    tenants && tenants.allowedTenants.length > 1 && data.tenantId === undefined
      ? homeTenantIssue({ tenantId: undefined } as Round, tenants)
      : undefined;
  if (!parsed.success) {
    throw new ValidationError([
      ...roundIssues(parsed.error, data),
      ...(missingHome ? [missingHome] : []),
    ]);
  }
  const issue = tenants && homeTenantIssue(parsed.data, tenants);
  if (issue) throw new ValidationError([issue]);
  return parsed.data;
}

/** One line per issue (`path: message`), for the CLI. */
export function formatIssues(issues: readonly FieldIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('\n');
}
