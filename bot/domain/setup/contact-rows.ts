import { Id, type Organisation, type Round, TenantId } from '../round';
import {
  CONTACT_HEADERS,
  type ContactColumn,
  columnLetter,
  columnOf,
  kindOf,
  languageOf,
} from './contact-columns';
import { readPeople } from './people-input';
import { slugOf, uniqueId } from './round-id';
import { FileRefusedError } from './setup-errors';
import { SETUP_LIMITS, type SetupProblem } from './setup-issues';

/** One cell as the file holds it: text, a number, or something that is no text at all. */
export type Cell =
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'formula' }
  | { kind: 'date' }
  | { kind: 'empty' };

/** A row of the file, numbered as the spreadsheet numbers it (from 1). */
export interface SheetRow {
  row: number;
  cells: Cell[];
}

/** At most this many organisations in one file (a round holds at most 1 000). */
export const MAX_CONTACT_ROWS = 1000;
/** The header is looked for in the first rows (a title row above it is fine). */
const HEADER_SEARCH_ROWS = 10;

/** A bad cell: the row and column as the spreadsheet names them, and the reason. */
export interface RowIssue {
  row: number;
  /** `F (Vastaajat)`: the column's letter and its header as written in the file. */
  column: string;
  problem: SetupProblem;
  entries?: string[];
  max?: number;
}

/** A contact list read: one organisation per row, which columns it had, every bad cell. */
export interface ContactList {
  organisations: Organisation[];
  /** Columns the file has; a missing optional column leaves that field as it is. */
  columns: ContactColumn[];
  issues: RowIssue[];
}

const isBlank = (c: Cell | undefined) =>
  !c || c.kind === 'empty' || (c.kind === 'text' && !c.text.trim());

/** A cell's text, or the problem that it is a formula or a date where text belongs. */
function cellText(c: Cell | undefined): string | { problem: SetupProblem } {
  if (!c || c.kind === 'empty') return '';
  if (c.kind === 'formula') return { problem: 'formula' };
  if (c.kind === 'date') return { problem: 'dateCell' };
  return c.kind === 'number' ? String(c.value) : c.text.trim();
}

/**
 * Reads the rows of a contact list against the round it is for: organisations named by id
 * (or, without one, by name: an organisation of the round with that name keeps its id),
 * missing columns taking the round's values. Throws FileRefusedError for a file without the
 * header or with more than 1 000 organisations; every bad cell is an issue.
 */
export function readContactRows(rows: readonly SheetRow[], round: Round): ContactList {
  const filled = rows.filter((r) => r.cells.some((c) => !isBlank(c)));
  if (filled.length === 0) throw new FileRefusedError('empty');
  const headerAt = filled
    .slice(0, HEADER_SEARCH_ROWS)
    .findIndex((r) => r.cells.some((c) => c.kind === 'text' && columnOf(c.text) === 'name'));
  const header = filled[headerAt];
  if (!header) throw new FileRefusedError('noHeader');
  const data = filled.slice(headerAt + 1);
  if (data.length > MAX_CONTACT_ROWS) throw new FileRefusedError('tooManyRows');

  const at = new Map<ContactColumn, number>();
  const written = new Map<ContactColumn, string>();
  header.cells.forEach((c, i) => {
    const column = c.kind === 'text' ? columnOf(c.text) : undefined;
    if (column && !at.has(column)) {
      at.set(column, i);
      written.set(column, `${columnLetter(i)} (${c.kind === 'text' ? c.text.trim() : ''})`);
    }
  });
  const label = (column: ContactColumn) => written.get(column) ?? CONTACT_HEADERS[column].written;

  const byId = new Map(round.organisations.map((o) => [o.id, o]));
  const byName = new Map(round.organisations.map((o) => [o.name.trim().toLowerCase(), o]));
  const issues: RowIssue[] = [];
  const organisations: Organisation[] = [];
  const ids = new Set<string>();
  // Ids the file gives explicitly: a name-made id never takes one of them.
  const given = new Set(
    data.flatMap((r) => {
      const i = at.get('id');
      const v = i === undefined ? '' : cellText(r.cells[i]);
      return typeof v === 'string' && v ? [v.toLowerCase()] : [];
    }),
  );

  for (const r of data) {
    const problems: RowIssue[] = [];
    const read = (column: ContactColumn): string | undefined => {
      const i = at.get(column);
      if (i === undefined) return undefined;
      const v = cellText(r.cells[i]);
      if (typeof v === 'string') return v;
      problems.push({ row: r.row, column: label(column), problem: v.problem });
      return '';
    };
    const issue = (column: ContactColumn, problem: SetupProblem, extra: Partial<RowIssue> = {}) =>
      problems.push({ row: r.row, column: label(column), problem, ...extra });

    const name = read('name') ?? '';
    if (!name && !problems.length) issue('name', 'required');
    if (name.length > SETUP_LIMITS.name) issue('name', 'tooLong', { max: SETUP_LIMITS.name });
    const idText = (read('id') ?? '').toLowerCase();
    const known = idText ? byId.get(idText) : byName.get(name.toLowerCase());
    let id = idText || known?.id;
    if (idText && !Id.safeParse(idText).success) issue('id', 'id', { entries: [idText] });
    if (!id)
      id = uniqueId(slugOf(name, 40, 'organisaatio'), new Set([...ids, ...given, ...byId.keys()]));
    if (ids.has(id)) issue(idText ? 'id' : 'name', 'duplicateId', { entries: [id] });

    const kindText = read('kind');
    const kind = kindText ? kindOf(kindText) : (known?.kind ?? 'other');
    if (kindText && !kind) issue('kind', 'choice', { entries: [kindText] });
    const langText = read('language');
    const language = langText ? languageOf(langText) : (known?.language ?? 'fi');
    if (langText && !language) issue('language', 'choice', { entries: [langText] });
    const tenantText = read('tenantId');
    const tenant = tenantText ? TenantId.safeParse(tenantText) : undefined;
    if (tenant && !tenant.success) issue('tenantId', 'tenant', { entries: [tenantText ?? ''] });
    const tenantId =
      tenantText === undefined ? known?.tenantId : tenant?.success ? tenant.data : undefined;

    const peopleText = read('respondents');
    const people = peopleText === undefined ? undefined : readPeople(peopleText);
    if (people?.bad.length) issue('respondents', 'emails', { entries: people.bad });
    if (people?.duplicates.length)
      issue('respondents', 'duplicates', { entries: people.duplicates });
    if (people && people.people.length > SETUP_LIMITS.respondents)
      issue('respondents', 'tooMany', { max: SETUP_LIMITS.respondents });

    ids.add(id);
    issues.push(...problems);
    if (problems.length || !kind || !language) continue;
    organisations.push({
      id,
      name,
      kind,
      language,
      ...(tenantId ? { tenantId } : {}),
      respondents: people?.people ?? known?.respondents ?? [],
    });
  }
  return { organisations, columns: [...at.keys()], issues };
}
