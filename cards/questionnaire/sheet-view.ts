import { localize, type Lang } from '../../bot/domain/localized-text';
import type { Measure } from '../../bot/domain/measure';
import { answersCloseAt } from '../../bot/domain/questionnaire-window';
import { type Organisation, type Round, planEndYear } from '../../bot/domain/round';
import type { ActionData } from '../card';
import { t, type MessageKey, formatDateTime } from '../i18n';
import { truncate } from '../text';

/** Where a questionnaire card stands: whose sheet, in which language, at what time. */
export interface SheetView {
  lang: Lang;
  /** IANA zone dates are shown in (Europe/Helsinki unless configured otherwise). */
  timeZone: string;
  now: Date;
  round: Round;
  organisation: Organisation;
  /** After answers closed: nothing on the card changes anything, and a note says why. */
  readOnly: boolean;
  /** What just happened, said at the top of the card. */
  flash?: Flash;
}

/** A one-line message at the top of a card after something happened. */
export type Flash = keyof (typeof import('../i18n/fi.json'))['questionnaire']['flash'];

/** Navigation data every questionnaire action carries (never trusted for identity). */
export function nav(view: SheetView, extra: ActionData = {}): ActionData {
  return { roundId: view.round.id, organisationId: view.organisation.id, ...extra };
}

/** Template data for the common header: app line, round title, organisation, notes. */
export function headerData(view: SheetView) {
  const { lang, flash } = view;
  const closes = formatDateTime(lang, answersCloseAt(view.round), view.timeZone);
  return {
    tagline: t(lang, 'app.tagline'),
    title: localize(view.round.title, lang),
    subtitle: `${view.organisation.name} · ${view.round.region}`,
    closedNote: view.readOnly ? t(lang, 'questionnaire.closedNote', { date: closes }) : '',
    flash: flash ? t(lang, `questionnaire.flash.${flash}`) : '',
    flashStyle:
      flash === 'closed' || flash === 'notFound'
        ? 'warning'
        : flash === 'alreadyDeleted'
          ? 'emphasis'
          : 'good',
  };
}

export function formatWhen(view: SheetView, instant: string): string {
  return formatDateTime(view.lang, instant, view.timeZone);
}

type Rated = 'yes' | 'partly' | 'no' | 'unknown';
/** The localized words for a measure's choice fields. */
export function choiceText(lang: Lang, value: Rated | undefined): string {
  return value ? t(lang, `measure.choice.${value}`) : '';
}

/** Organisation names for partner ids (ids no longer in the round are shown as they are). */
export function partnerNames(round: Round, measure: Pick<Measure, 'partners' | 'partnersOther'>) {
  const names = measure.partners.map(
    (id) => round.organisations.find((o) => o.id === id)?.name ?? id,
  );
  if (measure.partnersOther.trim()) names.push(measure.partnersOther.trim());
  return names.join(', ');
}

/** The `{year}` of texts naming the plan's end ("change by {year}"), for `t`. */
export function planYear(round: Pick<Round, 'planPeriod'>): { year: string } {
  // A string, so it is never written with a thousands separator ("2 029").
  return { year: String(planEndYear(round)) };
}

/** A labelled value of user-typed text; the template renders it as TextRuns (never markdown). */
export interface Row {
  label: string;
  value: string;
}

const ROW_FIELDS = [
  ['owner', 'measure.label.owner'],
  ['partners', 'measure.label.partners'],
  ['metrics', 'measure.label.metrics'],
  ['targetGroup', 'measure.label.targetGroup'],
  ['timeframe', 'measure.label.timeframe'],
  ['concrete', 'measure.label.concrete'],
  ['changeBy2029', 'measure.label.changeBy2029'],
  ['plan', 'measure.label.plan'],
  ['notes', 'measure.label.notes'],
] as const satisfies ReadonlyArray<readonly [string, MessageKey]>;

export type MeasureLike = Omit<
  Measure,
  'id' | 'goalId' | 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy'
>;

/** The non-empty fields of a measure as labelled rows, each value cut to `max` characters. */
export function measureRows(
  lang: Lang,
  round: Round,
  measure: MeasureLike,
  max: number,
  fields: ReadonlyArray<(typeof ROW_FIELDS)[number][0]> = ROW_FIELDS.map(([f]) => f),
): Row[] {
  const value = (field: (typeof ROW_FIELDS)[number][0]): string => {
    switch (field) {
      case 'partners':
        return partnerNames(round, measure);
      case 'concrete':
      case 'changeBy2029':
        return choiceText(lang, measure[field]);
      case 'plan':
        return measure.plan ? t(lang, `measure.plan.${measure.plan}`) : '';
      default:
        return measure[field].trim();
    }
  };
  const year = planYear(round);
  return ROW_FIELDS.filter(([f]) => fields.includes(f)).flatMap(([field, key]) => {
    const v = value(field);
    return v ? [{ label: t(lang, key, year), value: truncate(v, max) }] : [];
  });
}
