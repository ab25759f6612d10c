import type { Lang } from '../../bot/domain/localized-text';
import { localize } from '../../bot/domain/localized-text';
import { MEASURE_FIELDS } from '../../bot/domain/answers/measure-fields';
import type { FieldChange, Version } from '../../bot/domain/audit/version';
import type { Round } from '../../bot/domain/round';
import { type ActionData, type Card, execute } from '../card';
import { line, panel } from '../council/parts';
import { formatDateTime, t } from '../i18n';
import { pageOf, pagerData } from '../questionnaire/pager';
import { fieldLabel, fieldText } from '../questionnaire/field-texts';
import { truncate, userText } from '../text';
import { Verbs } from '../verbs';

/** Versions per page: with every field changed and values cut, a page stays under 40 KB. */
export const HISTORY_PER_PAGE = 4;
/** Longest value shown of a field's before and after; the CLI has them whole. */
const VALUE_CUT = 120;
/** Fields listed per version; the rest are counted. */
const FIELDS_SHOWN = 8;

export interface MeasureHistoryView {
  lang: Lang;
  timeZone: string;
  round: Round;
  organisationId: string;
  measureId: string;
  /** The measure's versions, oldest first (as the record keeps them). */
  versions: Version[];
  /** The measure as stored, or `undefined` once it is deleted. */
  description?: string;
  page: number;
  /** Where the back button goes: the goal card (respondents) or the koonti (coordinators). */
  back?: { to: 'goal' | 'summary'; goalId?: string };
}

/** A field's value in words (choices, organisation names); '' when empty. */
function valueText(lang: Lang, round: Round, field: string, value: unknown): string {
  if (field === 'carriedFrom')
    return String((value as { roundId?: unknown } | null)?.roundId ?? '');
  const def = MEASURE_FIELDS.find((f) => f.id === field);
  if (!def) return typeof value === 'string' ? value : value == null ? '' : JSON.stringify(value);
  return fieldText(lang, round, { [field]: value ?? undefined }, def);
}

function label(lang: Lang, round: Round, field: string): string {
  if (field === 'carriedFrom') return t(lang, 'record.carriedFrom');
  const def = MEASURE_FIELDS.find((f) => f.id === field);
  return def ? fieldLabel(lang, def, round) : field;
}

/** One field's change as a line: `Owner: before → after`, the before struck through. */
function changeLine(lang: Lang, round: Round, field: string, c: FieldChange, v: Version): Card {
  const shown = (value: unknown) =>
    truncate(valueText(lang, round, field, value), VALUE_CUT) || t(lang, 'record.empty');
  const runs: Card[] = [
    { type: 'TextRun', text: `${label(lang, round, field)}: `, isSubtle: true },
  ];
  if (v.action === 'create') runs.push({ type: 'TextRun', text: shown(c.to) });
  else if (v.action === 'delete') runs.push({ type: 'TextRun', text: shown(c.from) });
  else
    runs.push(
      { type: 'TextRun', text: shown(c.from), strikethrough: true },
      { type: 'TextRun', text: ' → ' },
      { type: 'TextRun', text: shown(c.to) },
    );
  return { type: 'RichTextBlock', spacing: 'small', inlines: runs };
}

/** A version as a block: when, who and what they did, then each field changed. */
function versionBlock(view: MeasureHistoryView, v: Version): Card {
  const { lang, round } = view;
  const fields = Object.entries(v.changes);
  const items: Card[] = [
    line(formatDateTime(lang, v.at, view.timeZone), { size: 'small', isSubtle: true }),
    {
      type: 'RichTextBlock',
      spacing: 'none',
      inlines: [
        // A display name is typed by people: a TextRun, never markdown.
        { type: 'TextRun', text: v.by.name || v.by.aadObjectId || '–', weight: 'bolder' },
        {
          type: 'TextRun',
          text: ` ${t(lang, v.changes.carriedFrom ? 'record.did.carry' : `record.did.${v.action}`)}`,
        },
      ],
    },
    ...fields.slice(0, FIELDS_SHOWN).map(([f, c]) => changeLine(lang, round, f, c, v)),
  ];
  if (fields.length > FIELDS_SHOWN)
    items.push(
      line(t(lang, 'record.more', { count: fields.length - FIELDS_SHOWN }), { size: 'small' }),
    );
  if (!fields.length && v.action === 'update')
    items.push(line(t(lang, 'record.noChanges'), { size: 'small', isSubtle: true }));
  return { type: 'Container', separator: true, spacing: 'medium', items };
}

/** The description the measure last had, from its versions, when it is no longer stored. */
function lastDescription(versions: readonly Version[]): string {
  for (const v of [...versions].reverse()) {
    const c = v.changes.description;
    const text = (v.action === 'delete' ? c?.from : c?.to) ?? undefined;
    if (typeof text === 'string' && text) return text;
  }
  return '';
}

/**
 * `measure.history`: a measure's versions, newest first, as blocks a phone shows whole —
 * when, who and what, each field changed from → to.
 */
export function measureHistoryCard(view: MeasureHistoryView): Card {
  const { lang, round } = view;
  const newest = [...view.versions].reverse();
  const page = pageOf(newest, view.page, HISTORY_PER_PAGE);
  const organisation = round.organisations.find((o) => o.id === view.organisationId);
  const description = view.description ?? lastDescription(view.versions);
  const nav: ActionData = {
    roundId: round.id,
    organisationId: view.organisationId,
    measureId: view.measureId,
    goalId: view.back?.goalId,
    from: view.back?.to,
  };
  const items: Card[] = [
    ...(description ? [userText(truncate(description, 300), { weight: 'bolder' })] : []),
    ...(view.description === undefined && view.versions.length
      ? [line(t(lang, 'record.deleted'), { size: 'small', color: 'warning' })]
      : []),
    line(
      view.versions.length === 0
        ? t(lang, 'record.none')
        : newest.length > HISTORY_PER_PAGE
          ? t(lang, 'record.showing', { from: page.from, to: page.to, total: newest.length })
          : t(lang, 'record.versions', { count: newest.length }),
      { size: 'small', isSubtle: true },
    ),
    ...page.items.map((v) => versionBlock(view, v)),
  ];
  const back = view.back;
  const actions: Card[] = [];
  if (back?.to === 'goal' && back.goalId)
    actions.push(
      execute(t(lang, 'record.backToGoal'), Verbs.goalOpen, {
        roundId: round.id,
        organisationId: view.organisationId,
        goalId: back.goalId,
      }),
    );
  if (back?.to === 'summary')
    actions.push(
      execute(t(lang, 'record.backToSummary'), Verbs.roundSummary, {
        roundId: round.id,
        goalId: back.goalId,
      }),
    );
  return panel({
    lang,
    title: t(lang, 'record.historyTitle'),
    subtitle: `${organisation?.name ?? view.organisationId} · ${localize(round.title, lang)}`,
    items,
    actions,
    ...pagerData(lang, page, Verbs.measureHistory, nav),
  });
}
