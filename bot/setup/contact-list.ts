import type { Round } from '../domain/round';
import { type Answered } from '../domain/setup/answered';
import { type ContactList, readContactRows } from '../domain/setup/contact-rows';
import {
  changesNothing,
  type ContactsPreview,
  previewContacts,
} from '../domain/setup/contacts-diff';
import { readContactFile } from './contacts-file';

/** A contact list read against a round: its organisations, bad rows, and what it would change. */
export interface ContactListPreview {
  list: ContactList;
  preview: ContactsPreview;
  /** True when it can be applied: no bad row, and something changes. */
  applicable: boolean;
}

/**
 * Reads an attached or given contact list file (XLSX or CSV) against `round` and previews it;
 * `answered` keeps the organisations with answers. The same for chat and the CLI; pure but
 * for parsing the file.
 */
export async function previewContactFile(
  bytes: Uint8Array,
  fileName: string,
  round: Round,
  answered: Answered,
): Promise<ContactListPreview> {
  const list = readContactRows(await readContactFile(bytes, fileName), round);
  const { preview } = previewContacts(round.organisations, list, answered.organisations);
  return { list, preview, applicable: !list.issues.length && !changesNothing(preview) };
}

/** The round with a contact list's organisations, those with answers kept. */
export function withContacts(
  round: Round,
  organisations: ContactList['organisations'],
  answered: Answered,
): { round: Round; preview: ContactsPreview } {
  const next = previewContacts(round.organisations, { organisations }, answered.organisations);
  return { round: { ...round, organisations: next.organisations }, preview: next.preview };
}
