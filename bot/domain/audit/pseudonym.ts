import { createHmac } from 'node:crypto';

/**
 * The name an erased person goes by in the record: the same for the same person under the
 * same key (so an erasure cut short and run again finishes under one name), unlinkable to
 * them without the key. Made from their first object id, else their first e-mail.
 */
export function pseudonymOf(
  key: string,
  person: { aadObjectIds: Iterable<string>; emails: Iterable<string> },
): string {
  const first = (values: Iterable<string>) => [...values].map((v) => v.toLowerCase()).sort()[0];
  const id = first(person.aadObjectIds) ?? `email:${first(person.emails) ?? ''}`;
  const digest = createHmac('sha256', key).update(`pseudonym\n${id}`).digest('hex');
  return `Henkilö ${digest.slice(0, 6)}`;
}
