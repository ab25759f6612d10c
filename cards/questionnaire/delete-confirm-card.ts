import type { Measure } from '../../bot/domain/answers/measure';
import type { Versioned } from '../../bot/domain/ports';
import type { Goal } from '../../bot/domain/round';
import { type Card, execute } from '../card';
import { t } from '../i18n';
import { expand } from '../render';
import { truncate } from '../text';
import { Verbs } from '../verbs';
import { type SheetView, headerData, fieldRows, nav } from './sheet-view';
import header from './templates/header.json';
import template from './templates/delete-confirm.json';

export interface DeleteConfirmView extends SheetView {
  goal: Goal;
  measure: Versioned<Measure>;
  page: number;
  /** The measure changed since the user asked to delete it: confirm again. */
  changed: boolean;
}

/** Asks before deleting; the confirm button carries the ETag of the version shown. */
export function deleteConfirmCard(view: DeleteConfirmView): Card {
  const { lang } = view;
  const m = view.measure.value;
  const hdr = headerData(view);
  const title = t(lang, 'measure.deleteTitle');
  const goalNav = nav(view, { goalId: view.goal.id, page: view.page });
  return expand(template, {
    lang,
    fallback: `${hdr.title} – ${title}`,
    header: expand(header, hdr),
    title,
    text: t(lang, 'measure.deleteText'),
    changed: view.changed ? t(lang, 'measure.deleteChanged') : '',
    description: truncate(m.description, 600),
    rows: fieldRows(lang, view.round, m, 300, 'summary'),
    actions: [
      execute(
        t(lang, 'measure.deleteConfirm'),
        Verbs.measureDelete,
        { ...goalNav, measureId: m.id, etag: view.measure.etag, confirm: true },
        { style: 'destructive', associatedInputs: 'none' },
      ),
      execute(t(lang, 'measure.cancel'), Verbs.goalOpen, goalNav, { associatedInputs: 'none' }),
    ],
  });
}
