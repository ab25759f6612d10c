import { type FormIssue, type FormValues, formValuesOf } from '../../bot/domain/answers/form-input';
import { localize } from '../../bot/domain/localized-text';
import type { Measure, MeasureFields } from '../../bot/domain/answers/measure';
import { type FieldTable, MEASURE_FIELDS } from '../../bot/domain/answers/measure-fields';
import type { Versioned } from '../../bot/domain/ports';
import type { Goal } from '../../bot/domain/round';
import { type Card, execute } from '../card';
import { t } from '../i18n';
import { expand } from '../render';
import { Verbs } from '../verbs';
import { conflictBlock, formError } from './form-parts';
import { formFieldIds, measureInputs } from './measure-inputs';
import { type SheetView, fieldRows, formatWhen, headerData, nav, planYear } from './sheet-view';
import header from './templates/header.json';
import template from './templates/measure-form.json';

/** The measure form's input ids (public: listed in the README). */
export const MEASURE_INPUTS = formFieldIds() as Array<keyof MeasureFields>;
const CONFLICT_ROW_CUT = 500;

export interface MeasureFormView extends SheetView {
  goal: Goal;
  /** Fixed when the form first opened: a repeated save never makes a second measure. */
  measureId: string;
  /** ETag of the stored version being edited; absent for a new measure. */
  etag?: string;
  isNew: boolean;
  values: FormValues;
  issues: FormIssue[];
  /** Goal-card page to return to. */
  page: number;
  /** Someone saved (`stored`) or deleted (no `stored`) this measure since the form opened. */
  conflict?: { stored?: Versioned<Measure> };
  /** Carried from this round's `previousRound`: the form asks for its progress too. */
  carried?: boolean;
  /** The measure fields to ask for; the real table unless given. */
  fields?: FieldTable;
  /** Storage refused the save: the form comes back as typed, with a try-again message on top. */
  unsaved?: boolean;
}

/** A stored measure as form values. */
export function measureValues(m: MeasureFields): FormValues {
  return formValuesOf(m, MEASURE_FIELDS);
}

function conflictData(view: MeasureFormView) {
  const { lang } = view;
  if (!view.conflict) return undefined;
  const stored = view.conflict.stored?.value;
  if (!stored) {
    return {
      title: t(lang, 'conflict.title'),
      text: t(lang, 'conflict.deletedText'),
      storedHeading: '',
      rows: [],
    };
  }
  return {
    title: t(lang, 'conflict.title'),
    text: t(lang, 'conflict.text', {
      by: stored.updatedBy,
      date: formatWhen(view, stored.updatedAt),
    }),
    storedHeading: t(lang, 'conflict.storedHeading'),
    rows: fieldRows(lang, view.round, stored, CONFLICT_ROW_CUT, 'detail', view.fields),
  };
}

/**
 * The measure form (add, edit, or a conflict to resolve). Messages for refused fields sit
 * under them; every typed value is kept. Saving carries the measure id and ETag, not identity.
 */
export function measureFormCard(view: MeasureFormView): Card {
  const { lang, goal } = view;
  const hdr = headerData(view);
  const title = t(lang, view.isNew ? 'measure.titleNew' : 'measure.titleEdit');
  const goalNav = nav(view, { goalId: goal.id, page: view.page });
  const conflict = conflictData(view);
  const deleted = !!view.conflict && !view.conflict.stored;
  const partners = view.round.organisations.filter((o) => o.id !== view.organisation.id);
  return expand(template, {
    lang,
    fallback: `${hdr.title} – ${title}`,
    header: expand(header, hdr),
    title,
    goalLine: t(lang, 'measure.goal', { goal: localize(goal.title, lang) }),
    originLine: view.carried ? t(lang, 'measure.carriedLine', planYear(view.round)) : '',
    ...conflictBlock(conflict),
    mineHeading: conflict ? t(lang, 'conflict.mineHeading') : '',
    formError: formError(view),
    inputs: measureInputs(
      lang,
      view.values,
      view.issues,
      partners,
      view.round,
      !!view.carried,
      view.fields,
    ),
    actions: [
      execute(
        t(lang, conflict ? (deleted ? 'conflict.saveAsNew' : 'conflict.keepMine') : 'measure.save'),
        Verbs.measureSave,
        { ...goalNav, measureId: view.measureId, etag: view.etag },
        { style: 'positive' },
      ),
      execute(
        t(
          lang,
          conflict ? (deleted ? 'conflict.discard' : 'conflict.takeStored') : 'measure.cancel',
        ),
        Verbs.goalOpen,
        goalNav,
        { associatedInputs: 'none' },
      ),
    ],
  });
}
