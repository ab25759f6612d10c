import type { Lang } from '../../bot/domain/localized-text';
import { localize } from '../../bot/domain/localized-text';
import type { Organisation, Round } from '../../bot/domain/round';
import type { RowIssue } from '../../bot/domain/setup/contact-rows';
import type { ChangedOrganisation, ContactsPreview } from '../../bot/domain/setup/contacts-diff';
import { type Card, execute } from '../card';
import { t } from '../i18n';
import { truncate, userText } from '../text';
import { Verbs } from '../verbs';
import { frameCard, heading, line, problemText } from './setup-parts';

/** What a contact list changes in one organisation: `Nimi, 2 vastaajaa lisää, 1 pois`. */
export function changeWords(lang: Lang, c: ChangedOrganisation): string {
  return [
    ...c.fields.map((f) => t(lang, `setup.contacts.field.${f}`)),
    ...(c.added.length || c.removed.length
      ? [
          t(lang, 'setup.contacts.respondentChange', {
            added: c.added.length,
            removed: c.removed.length,
          }),
        ]
      : []),
  ].join(', ');
}

/** Names listed on the preview, and bad cells; the rest are counted (the card stays small). */
const LISTED = 20;
const ISSUES = 50;

export interface ContactsPreviewView {
  lang: Lang;
  round: Round;
  fileName: string;
  preview: ContactsPreview;
  issues: RowIssue[];
  /** Present when the file can be applied (no bad row, something changes). */
  uploadId?: string;
}

function more(lang: Lang, total: number, listed = LISTED): Card[] {
  return total > listed
    ? [
        line(t(lang, 'setup.contacts.more', { count: total - listed }), {
          isSubtle: true,
          size: 'small',
        }),
      ]
    : [];
}

/** Lines of typed text as one block (a block per line would make a long list heavy). */
function bullets(lines: string[], options: Parameters<typeof userText>[1] = {}): Card[] {
  return lines.length ? [userText(lines.join('\n'), { size: 'small', ...options })] : [];
}

function names(lang: Lang, list: readonly Organisation[]): Card[] {
  return [
    ...bullets(list.slice(0, LISTED).map((o) => `• ${truncate(o.name, 80)}`)),
    ...more(lang, list.length),
  ];
}

/** The one line for an issue: `Rivi 7, sarake F (Vastaajat): …` in the reader's language. */
export function rowIssueText(lang: Lang, issue: RowIssue): string {
  return t(lang, 'setup.contacts.issue', {
    row: issue.row,
    column: issue.column,
    reason: problemText(lang, issue),
  });
}

/**
 * What an attached contact list would change: organisations added, changed (what), removed
 * and kept (they have answers), respondents added and removed, and every bad row. Nothing
 * has changed yet; the apply button is there only when the file can be applied.
 */
export function contactsPreviewCard(view: ContactsPreviewView): Card {
  const { lang, round, preview: p } = view;
  const items: Card[] = [
    userText(
      t(lang, 'setup.contacts.file', {
        file: truncate(view.fileName, 120),
        round: localize(round.title, lang),
      }),
      { isSubtle: true },
    ),
  ];
  if (view.issues.length) {
    const rows = new Set(view.issues.map((i) => i.row)).size;
    items.push(
      heading(t(lang, 'setup.contacts.issuesHeading', { count: rows })),
      line(t(lang, 'setup.contacts.issuesText'), { color: 'attention', weight: 'bolder' }),
      ...bullets(
        view.issues.slice(0, ISSUES).map((i) => `⚠ ${truncate(rowIssueText(lang, i), 180)}`),
        { color: 'attention' },
      ),
      ...more(lang, view.issues.length, ISSUES),
    );
  }
  items.push(
    line(
      t(lang, 'setup.contacts.summary', {
        added: p.added.length,
        changed: p.changed.length,
        removed: p.removed.length,
        unchanged: p.unchanged,
      }),
      { weight: 'bolder', separator: true },
    ),
    line(
      t(lang, 'setup.contacts.respondents', {
        added: p.respondentsAdded,
        removed: p.respondentsRemoved,
      }),
    ),
  );
  if (p.added.length)
    items.push(heading(t(lang, 'setup.contacts.addedHeading')), ...names(lang, p.added));
  if (p.changed.length) {
    items.push(heading(t(lang, 'setup.contacts.changedHeading')));
    const lines = p.changed
      .slice(0, LISTED)
      .map((c) => `• ${truncate(c.name, 80)}: ${changeWords(lang, c)}`);
    items.push(...bullets(lines), ...more(lang, p.changed.length));
  }
  if (p.removed.length)
    items.push(heading(t(lang, 'setup.contacts.removedHeading')), ...names(lang, p.removed));
  if (p.kept.length)
    items.push(
      heading(t(lang, 'setup.contacts.keptHeading')),
      line(t(lang, 'setup.contacts.keptText'), { isSubtle: true, size: 'small' }),
      ...names(lang, p.kept),
    );
  if (!view.issues.length && !view.uploadId)
    items.push(line(t(lang, 'setup.contacts.nothing'), { separator: true }));
  if (view.uploadId)
    items.push(line(t(lang, 'setup.contacts.applyNote'), { separator: true, isSubtle: true }));
  return frameCard({
    lang,
    title: t(lang, 'setup.contacts.title'),
    subtitle: localize(round.title, lang),
    style: view.issues.length ? 'attention' : 'emphasis',
    items,
    actions: [
      ...(view.uploadId
        ? [
            execute(
              t(lang, 'setup.contacts.apply'),
              Verbs.roundContactsApply,
              { roundId: round.id, uploadId: view.uploadId },
              {
                style: 'positive',
                associatedInputs: 'none',
              },
            ),
          ]
        : []),
      execute(
        t(lang, 'setup.contacts.back'),
        Verbs.roundEdit,
        { roundId: round.id },
        { associatedInputs: 'none' },
      ),
    ],
  });
}

/** The answer to `contacts` typed without a file: where the list is, and how to send it back. */
export function contactsHowToCard(view: { lang: Lang; round: Round; contactsUrl?: string }): Card {
  const { lang, round } = view;
  return frameCard({
    lang,
    title: t(lang, 'setup.contacts.howToTitle'),
    subtitle: localize(round.title, lang),
    items: [
      userText(t(lang, 'setup.contacts.howToText', { round: localize(round.title, lang) })),
      line(t(lang, 'setup.round.contactsColumns'), { isSubtle: true, size: 'small' }),
    ],
    actions: [
      ...(view.contactsUrl
        ? [
            {
              type: 'Action.OpenUrl',
              title: t(lang, 'setup.round.contactsLink'),
              url: view.contactsUrl,
            },
          ]
        : []),
      execute(
        t(lang, 'setup.launchGaps.open'),
        Verbs.roundEdit,
        { roundId: round.id },
        { associatedInputs: 'none' },
      ),
    ],
  });
}
