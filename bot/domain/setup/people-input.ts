import { Person } from '../round';

/** An Entra object id as a people picker gives it: a GUID. */
const GUID = /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i;

/** What a list of people typed or picked holds. */
export interface PeopleList {
  people: Person[];
  /** Entries that are neither an e-mail address nor an object id, as typed. */
  bad: string[];
  /** Entries named twice, as typed (the first of them is kept). */
  duplicates: string[];
}

/** The key a person is compared by: the object id or the e-mail, in lower case. */
export const personId = (p: Person): string => ('email' in p ? p.email : p.aadObjectId);

/**
 * The entries of a list of people separated by commas, semicolons, spaces or line breaks;
 * `Name <address>` as Outlook copies it counts as the address.
 */
export function peopleEntries(text: string): string[] {
  return text
    .split(/[;,\n\r]+/)
    .flatMap((part) => {
      const inBrackets = /<([^<>]+)>/.exec(part);
      return inBrackets ? [inBrackets[1] ?? ''] : part.split(/\s+/);
    })
    .map((s) => s.trim().replace(/^mailto:/i, ''))
    .filter(Boolean);
}

/** One entry as a person: a GUID is an object id, anything else must be an e-mail address. */
export function personOf(entry: string): Person | undefined {
  const candidate = GUID.test(entry) ? { aadObjectId: entry } : { email: entry };
  if ('email' in candidate && !entry.includes('@')) return undefined;
  const parsed = Person.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}

/** Reads typed or picked people; `only: 'objectIds'` accepts object ids alone (a people picker). */
export function readPeople(text: string, only?: 'objectIds'): PeopleList {
  const out: PeopleList = { people: [], bad: [], duplicates: [] };
  const seen = new Set<string>();
  for (const entry of peopleEntries(text)) {
    const person = only === 'objectIds' && !GUID.test(entry) ? undefined : personOf(entry);
    if (!person) {
      out.bad.push(entry);
      continue;
    }
    const key = personId(person);
    if (seen.has(key)) out.duplicates.push(entry);
    else {
      seen.add(key);
      out.people.push(person);
    }
  }
  return out;
}
