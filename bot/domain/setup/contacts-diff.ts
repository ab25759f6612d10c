import type { Organisation, Person } from '../round';
import type { ContactList } from './contact-rows';
import { personId } from './people-input';

/** The fields of an organisation a contact list changes, besides its respondents. */
export type ChangedField = 'name' | 'kind' | 'language' | 'tenantId';

export interface ChangedOrganisation {
  id: string;
  name: string;
  fields: ChangedField[];
  added: Person[];
  removed: Person[];
}

/** What applying a contact list would do to a round's organisations. */
export interface ContactsPreview {
  added: Organisation[];
  changed: ChangedOrganisation[];
  /** Not in the file and nothing answered: removed. */
  removed: Organisation[];
  /** Not in the file but answered already: kept, so no answer is lost. */
  kept: Organisation[];
  respondentsAdded: number;
  respondentsRemoved: number;
  unchanged: number;
}

const FIELDS: ChangedField[] = ['name', 'kind', 'language', 'tenantId'];

/** People in `a` that `b` does not name. */
const minus = (a: readonly Person[], b: readonly Person[]) => {
  const keys = new Set(b.map(personId));
  return a.filter((p) => !keys.has(personId(p)));
};

/**
 * The organisations a round would have with the contact list applied, and what changes:
 * the file's organisations in its order, then those missing from it that have answers
 * (`answered`), which are kept. Pure: nothing is stored.
 */
export function previewContacts(
  current: readonly Organisation[],
  list: Pick<ContactList, 'organisations'>,
  answered: ReadonlySet<string>,
): { preview: ContactsPreview; organisations: Organisation[] } {
  const byId = new Map(current.map((o) => [o.id, o]));
  const inFile = new Set(list.organisations.map((o) => o.id));
  const preview: ContactsPreview = {
    added: [],
    changed: [],
    removed: [],
    kept: [],
    respondentsAdded: 0,
    respondentsRemoved: 0,
    unchanged: 0,
  };
  for (const next of list.organisations) {
    const before = byId.get(next.id);
    if (!before) {
      preview.added.push(next);
      preview.respondentsAdded += next.respondents.length;
      continue;
    }
    const fields = FIELDS.filter((f) => (before[f] ?? '') !== (next[f] ?? ''));
    const added = minus(next.respondents, before.respondents);
    const removed = minus(before.respondents, next.respondents);
    preview.respondentsAdded += added.length;
    preview.respondentsRemoved += removed.length;
    if (fields.length || added.length || removed.length)
      preview.changed.push({ id: next.id, name: next.name, fields, added, removed });
    else preview.unchanged++;
  }
  const kept: Organisation[] = [];
  for (const o of current) {
    if (inFile.has(o.id)) continue;
    if (answered.has(o.id)) kept.push(o);
    else {
      preview.removed.push(o);
      preview.respondentsRemoved += o.respondents.length;
    }
  }
  preview.kept = kept;
  return { preview, organisations: [...list.organisations, ...kept] };
}

/** True when applying would change nothing. */
export function changesNothing(p: ContactsPreview): boolean {
  return !p.added.length && !p.changed.length && !p.removed.length;
}
