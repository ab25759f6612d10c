import { answersCloseAt } from '../../bot/domain/questionnaire-window';
import type { Response } from '../../bot/domain/answers/response';
import { type Card, execute } from '../card';
import { t, formatDateTime } from '../i18n';
import { expand } from '../render';
import { Verbs } from '../verbs';
import { type SheetView, formatWhen, headerData, nav } from './sheet-view';
import header from './templates/header.json';
import template from './templates/submitted.json';

export interface SubmittedView extends SheetView {
  response: Response;
}

/** Confirmation after submitting: who and when, and that editing stays open until the deadline. */
export function submittedCard(view: SubmittedView): Card {
  const { lang, response } = view;
  const hdr = headerData(view);
  const title = t(lang, 'submitted.title');
  return expand(template, {
    lang,
    fallback: `${hdr.title} – ${title}`,
    header: expand(header, hdr),
    title,
    text: t(lang, 'submitted.text', { organisation: view.organisation.name }),
    by: t(lang, 'submitted.by', {
      by: response.submittedBy ?? '',
      date: formatWhen(view, response.submittedAt ?? view.now.toISOString()),
    }),
    editable: view.readOnly
      ? ''
      : t(lang, 'submitted.editable', {
          deadline: formatDateTime(lang, answersCloseAt(view.round), view.timeZone, 'full'),
        }),
    actions: [execute(t(lang, 'questionnaire.backToOverview'), Verbs.questionnaireOpen, nav(view))],
  });
}
