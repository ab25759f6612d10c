import { parseDocument } from 'yaml';
import { ValidationError, type FieldIssue } from './errors';
import { Round } from './round';
import { fieldIssues } from './zod-issues';

/** Round files are small; anything bigger is a mistake (or an attack on the parser). */
export const MAX_ROUND_FILE_BYTES = 2 * 1024 * 1024;

function parseText(text: string, fileName: string): unknown {
  if (/\.json$/i.test(fileName)) {
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new ValidationError([
        { path: '(file)', message: `not valid JSON: ${(e as Error).message}` },
      ]);
    }
  }
  // The core schema keeps ISO dates as strings (no Date objects) and refuses YAML 1.1 oddities.
  const doc = parseDocument(text, { schema: 'core', prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    throw new ValidationError(
      doc.errors.map((e) => ({
        path: '(file)',
        message: `YAML error at line ${e.linePos?.[0]?.line ?? '?'}: ${e.message.split('\n')[0]}`,
      })),
    );
  }
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new ValidationError([{ path: '(file)', message: (e as Error).message }]);
  }
}

/**
 * Reads a round definition (YAML, or JSON by extension) and validates it; a bad file throws
 * ValidationError listing every bad field by path, e.g. `goals[3].title.fi: required`.
 */
export function parseRoundFile(text: string, fileName: string): Round {
  if (Buffer.byteLength(text, 'utf8') > MAX_ROUND_FILE_BYTES) {
    throw new ValidationError([
      { path: '(file)', message: `larger than ${MAX_ROUND_FILE_BYTES} bytes` },
    ]);
  }
  const data = parseText(text, fileName);
  const parsed = Round.safeParse(data);
  if (!parsed.success) throw new ValidationError(fieldIssues(parsed.error));
  return parsed.data;
}

/** One line per issue, for the CLI. */
export function formatIssues(issues: readonly FieldIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('\n');
}
