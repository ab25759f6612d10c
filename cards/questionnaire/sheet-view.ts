import { localize, type Lang } from '../../bot/domain/localized-text';
import { answersCloseAt } from '../../bot/domain/questionnaire-window';
import type { Organisation, Round } from '../../bot/domain/round';
import type { ActionData } from '../card';
import { t, formatDateTime } from '../i18n';

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

export { type Row, fieldRows, planYear } from './field-texts';
