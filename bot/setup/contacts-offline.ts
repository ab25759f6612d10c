import type { Lang } from '../domain/localized-text';
import type { Stores } from '../domain/ports';
import { answeredIn } from '../domain/setup/answered';
import type { RowIssue } from '../domain/setup/contact-rows';
import type { ContactsPreview } from '../domain/setup/contacts-diff';
import { changeWords, rowIssueText, t } from '../../cards';
import type { VersionActor } from '../domain/audit/version';
import { saveRoundChange } from '../rounds';
import { previewContactFile, withContacts } from './contact-list';

/** The preview as lines of text: what the chat's preview card says, for a terminal. */
export function previewLines(
  lang: Lang,
  p: ContactsPreview,
  issues: readonly RowIssue[],
): string[] {
  const who = (o: { id: string; name: string }) => `${o.id} (${o.name})`;
  const lines = [
    t(lang, 'setup.contacts.summary', {
      added: p.added.length,
      changed: p.changed.length,
      removed: p.removed.length,
      unchanged: p.unchanged,
    }),
    t(lang, 'setup.contacts.respondents', {
      added: p.respondentsAdded,
      removed: p.respondentsRemoved,
    }),
  ];
  const section = (key: Parameters<typeof t>[1], items: string[]) => {
    if (items.length) lines.push(`${t(lang, key)}:`, ...items.map((i) => `  ${i}`));
  };
  section('setup.contacts.addedHeading', p.added.map(who));
  section(
    'setup.contacts.changedHeading',
    p.changed.map((c) => `${who(c)}: ${changeWords(lang, c)}`),
  );
  section('setup.contacts.removedHeading', p.removed.map(who));
  section('setup.contacts.keptHeading', p.kept.map(who));
  if (issues.length) {
    lines.push(
      t(lang, 'setup.contacts.issuesHeading', { count: new Set(issues.map((i) => i.row)).size }),
    );
    lines.push(...issues.map((i) => `  ${rowIssueText(lang, i)}`));
  }
  return lines;
}

/** What `hyte round contacts --in` did: the preview lines, and whether it changed the round. */
export interface ContactFileResult {
  lines: string[];
  issues: number;
  applied: boolean;
}

/**
 * A contact list file against a stored round, outside chat (`hyte round contacts ID --in FILE`):
 * the same preview, and unless `dryRun` or a row is bad, the same change as
 * `round.contacts.apply`, through the same one function that stores round changes.
 */
export async function applyContactFile(
  stores: Pick<Stores, 'rounds' | 'responses'>,
  roundId: string,
  bytes: Uint8Array,
  fileName: string,
  options: { dryRun: boolean; lang: Lang; by: VersionActor },
): Promise<ContactFileResult | undefined> {
  const stored = await stores.rounds.read(roundId);
  if (!stored) return undefined;
  const round = stored.value;
  const answered = answeredIn(
    await stores.responses.listSheets(
      round.id,
      round.organisations.map((o) => o.id),
    ),
  );
  const { list, preview, applicable } = await previewContactFile(bytes, fileName, round, answered);
  const lines = previewLines(options.lang, preview, list.issues);
  if (!applicable || options.dryRun) return { lines, issues: list.issues.length, applied: false };
  const next = withContacts(round, list.organisations, answered);
  await saveRoundChange(stores, stored, next.round, options.by);
  return { lines, issues: 0, applied: true };
}
