import { maxLengthOf, type FormIssue, type FormValues } from '../../bot/domain/form-input';
import { localize } from '../../bot/domain/localized-text';
import {
  ChangeBy2029,
  Concrete,
  MeasureFields,
  Plan,
  type Measure,
} from '../../bot/domain/measure';
import type { Versioned } from '../../bot/domain/ports';
import type { Goal } from '../../bot/domain/round';
import { type Card, execute } from '../card';
import { t } from '../i18n';
import { expand } from '../render';
import { truncate } from '../text';
import { Verbs } from '../verbs';
import { choices, conflictBlock, errorMap, inputValues } from './form-parts';
import { type SheetView, formatWhen, headerData, measureRows, nav, planYear } from './sheet-view';
import header from './templates/header.json';
import template from './templates/measure-form.json';

/** The measure form's input ids (public: listed in the README). */
export const MEASURE_INPUTS = Object.keys(MeasureFields.shape) as Array<keyof MeasureFields>;
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
}

/** A stored measure as form values. */
export function measureValues(m: MeasureFields): FormValues {
  return {
    description: m.description,
    owner: m.owner,
    partners: [...m.partners],
    partnersOther: m.partnersOther,
    metrics: m.metrics,
    targetGroup: m.targetGroup,
    timeframe: m.timeframe,
    concrete: m.concrete ?? '',
    changeBy2029: m.changeBy2029 ?? '',
    plan: m.plan ?? '',
    notes: m.notes,
  };
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
    rows: [
      {
        label: t(lang, 'measure.label.description'),
        value: truncate(stored.description, CONFLICT_ROW_CUT),
      },
      ...measureRows(lang, view.round, stored, CONFLICT_ROW_CUT),
    ],
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
  const year = planYear(view.round);
  const label = (f: string) => t(lang, `measure.label.${f as keyof MeasureFields}`, year);
  const choice = (v: string) => t(lang, `measure.choice.${v as ChangeBy2029}`);
  return expand(template, {
    lang,
    fallback: `${hdr.title} – ${title}`,
    header: expand(header, hdr),
    title,
    goalLine: t(lang, 'measure.goal', { goal: localize(goal.title, lang) }),
    ...conflictBlock(conflict),
    mineHeading: conflict ? t(lang, 'conflict.mineHeading') : '',
    formError: view.issues.length ? t(lang, 'measure.formError') : '',
    labels: Object.fromEntries(MEASURE_INPUTS.map((f) => [f, label(f)])),
    required: t(lang, 'measure.error.required'),
    placeholderPartners: t(lang, 'measure.placeholderPartners'),
    max: Object.fromEntries(
      MEASURE_INPUTS.map((f) => [f, maxLengthOf(MeasureFields.shape[f]) ?? 0]),
    ),
    values: inputValues(MEASURE_INPUTS, view.values),
    errors: errorMap(lang, MEASURE_INPUTS, view.issues),
    choices: {
      partners: view.round.organisations
        .filter((o) => o.id !== view.organisation.id)
        .map((o) => ({ title: o.name, value: o.id })),
      concrete: choices(Concrete.options, choice),
      changeBy2029: choices(ChangeBy2029.options, choice),
      plan: choices(Plan.options, (v) => t(lang, `measure.plan.${v as Plan}`)),
    },
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
