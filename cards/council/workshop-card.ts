import { QUALITY_FLAGS } from '../../bot/domain/koonti';
import { type Lang, localize } from '../../bot/domain/localized-text';
import type { Goal } from '../../bot/domain/round';
import { MAX_POINT_CHARS, type WorkshopDigest } from '../../bot/domain/workshop-records';
import { type Card, execute } from '../card';
import { formatDateTime, t } from '../i18n';
import { truncate, userText } from '../text';
import { Verbs } from '../verbs';
import { count, line, panel, rowWithButton } from './parts';

/** Points shown on a thread's card, newest last; the koonti has them all. */
export const WORKSHOP_CARD_POINTS = 10;
const POINT_CHARS_ON_CARD = 400;

export type WorkshopMessage =
  | { kind: 'noteEmpty' }
  | { kind: 'noteTooLong'; length: number }
  | { kind: 'noteAdded' | 'removed' | 'alreadyRemoved' };

export interface WorkshopCardView {
  lang: Lang;
  timeZone: string;
  roundId: string;
  goal: Goal;
  digest: WorkshopDigest;
  /** The year the "change by" question names (the plan period's end). */
  endYear: number;
  /** The latest points, in the order received. */
  points: Array<{ seq: number; text: string; author: string; at: string }>;
  total: number;
  message?: WorkshopMessage;
}

function digestItems(lang: Lang, d: WorkshopDigest, endYear: number): Card[] {
  const items: Card[] = [line(t(lang, 'workshop.digestHeading'), { weight: 'bolder' })];
  const lastYear =
    d.lastYearProgress && line(t(lang, 'workshop.lastYear', { ...d.lastYearProgress }));
  if (d.measures === 0)
    return [...items, line(t(lang, 'workshop.noMeasures')), ...(lastYear ? [lastYear] : [])];
  items.push(
    line(
      t(lang, 'workshop.digestLine', {
        organisations: count(lang, 'organisations', d.organisations),
        measures: count(lang, 'measures', d.measures),
      }),
    ),
  );
  const flags = QUALITY_FLAGS.filter((f) => (d.flagCounts[f] ?? 0) > 0).map((f) =>
    t(lang, `council.flag.${f}`, { count: d.flagCounts[f] ?? 0, year: String(endYear) }),
  );
  if (flags.length) items.push(line(t(lang, 'workshop.flagsLine', { flags: flags.join(' · ') })));
  if (d.links.length === 0) items.push(line(t(lang, 'workshop.noPartners'), { color: 'warning' }));
  else {
    items.push(line(t(lang, 'workshop.partnersHeading'), { weight: 'bolder' }));
    for (const l of d.links.slice(0, 8))
      items.push(userText(`${l.from} → ${l.to} (${count(lang, 'measures', l.measures)})`));
  }
  if (lastYear) items.push(lastYear);
  return items;
}

function messageLine(lang: Lang, m: WorkshopMessage): Card {
  if (m.kind === 'noteTooLong')
    return line(t(lang, 'workshop.noteTooLong', { max: MAX_POINT_CHARS, length: m.length }), {
      color: 'attention',
    });
  if (m.kind === 'noteEmpty') return line(t(lang, 'workshop.noteEmpty'), { color: 'attention' });
  return line(t(lang, `workshop.${m.kind}`), { color: 'good' });
}

/**
 * The first card of a goal's workshop thread: the goal, the pre-assignment digest, the two
 * workshop questions, the latest points (each removable by a coordinator) and a note input.
 */
export function workshopCard(view: WorkshopCardView): Card {
  const { lang, goal, roundId } = view;
  const ids = { roundId, goalId: goal.id };
  const items: Card[] = [];
  if (view.message) items.push(messageLine(lang, view.message));
  if (goal.description) items.push(userText(localize(goal.description, lang), { isSubtle: true }));
  items.push(...digestItems(lang, view.digest, view.endYear));
  items.push(
    line(t(lang, 'workshop.questionsHeading'), { weight: 'bolder', separator: true }),
    line(`1. ${t(lang, 'workshop.questionCooperation')}`),
    line(`2. ${t(lang, 'workshop.questionChange', { year: view.endYear })}`),
    line(t(lang, 'workshop.howTo'), { isSubtle: true, size: 'small' }),
    line(t(lang, 'workshop.points', { count: view.total }), { weight: 'bolder', separator: true }),
  );
  if (view.total > view.points.length)
    items.push(
      line(t(lang, 'workshop.showingLatest', { shown: view.points.length, total: view.total }), {
        isSubtle: true,
        size: 'small',
      }),
    );
  for (const p of view.points) {
    const by = t(lang, 'workshop.pointBy', {
      author: p.author,
      time: formatDateTime(lang, p.at, view.timeZone),
    });
    items.push(
      rowWithButton(
        [
          userText(truncate(p.text, POINT_CHARS_ON_CARD)),
          userText(by, { isSubtle: true, size: 'small' }),
        ],
        execute(
          t(lang, 'workshop.remove'),
          Verbs.workshopRemove,
          { ...ids, seq: p.seq },
          {
            associatedInputs: 'none',
          },
        ),
      ),
    );
  }
  items.push({
    type: 'Input.Text',
    id: 'note',
    label: t(lang, 'workshop.noteLabel'),
    placeholder: t(lang, 'workshop.notePlaceholder'),
    isMultiline: true,
    isRequired: true,
    errorMessage: t(lang, 'workshop.noteEmpty'),
    separator: true,
  });
  return panel({
    lang,
    title: t(lang, 'workshop.title', { goal: localize(goal.title, lang) }),
    style: 'accent',
    items,
    actions: [execute(t(lang, 'workshop.noteAdd'), Verbs.workshopNote, ids, { style: 'positive' })],
  });
}

/** `workshop` answered outside the council channel: where it is typed, and by whom. */
export function workshopWhereCard(lang: Lang): Card {
  return panel({
    lang,
    title: t(lang, 'workshop.whereTitle'),
    items: [line(t(lang, 'workshop.whereText'))],
  });
}

/** `workshop` answered: how many threads were started now and how many were there already. */
export function workshopStartedCard(lang: Lang, started: number, existing: number): Card {
  return panel({
    lang,
    title: t(lang, 'workshop.startedTitle'),
    style: 'good',
    items: [line(t(lang, 'workshop.startedText', { started, existing }))],
  });
}
