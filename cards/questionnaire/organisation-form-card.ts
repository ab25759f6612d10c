import { maxLengthOf, type FormIssue, type FormValues } from '../../bot/domain/answers/form-input';
import { OrganisationAnswers, Rating } from '../../bot/domain/answers/organisation-answers';
import { type Card, execute } from '../card';
import { t } from '../i18n';
import { expand } from '../render';
import { truncate } from '../text';
import { Verbs } from '../verbs';
import { choices, conflictBlock, errorMap, formError, inputValues } from './form-parts';
import { type Row, type SheetView, formatWhen, headerData, nav } from './sheet-view';
import header from './templates/header.json';
import template from './templates/organisation-form.json';

/** The organisation form's input ids (as in bot/domain/organisation-answers.ts). */
export const ORGANISATION_INPUTS = Object.keys(OrganisationAnswers.shape) as Array<
  keyof OrganisationAnswers
>;
const ROW_CUT = 1000;

export interface OrganisationFormView extends SheetView {
  values: FormValues;
  issues: FormIssue[];
  /** Digest of the stored answers the form shows (see answersDigest). */
  base: string;
  /** Someone else saved answers since the form opened: what is stored now, by whom, when. */
  conflict?: { answers: OrganisationAnswers | undefined; by: string; at: string };
  /** Storage refused the save: the form comes back as typed, with a try-again message on top. */
  unsaved?: boolean;
}

/** Stored answers as form values. */
export function answerValues(answers: OrganisationAnswers | undefined): FormValues {
  const a = OrganisationAnswers.parse(answers ?? {});
  return Object.fromEntries(ORGANISATION_INPUTS.map((f) => [f, a[f] ?? '']));
}

function labelOf(lang: SheetView['lang'], field: keyof OrganisationAnswers): string {
  return field.endsWith('Comment') ? t(lang, 'org.comment') : t(lang, `org.${field as 'comments'}`);
}

/** Answers as labelled rows (answered fields only), for read-only and conflict views. */
export function answerRows(
  lang: SheetView['lang'],
  answers: Partial<Record<string, string | string[]>> | undefined,
): Row[] {
  return ORGANISATION_INPUTS.flatMap((f) => {
    const v = answers?.[f];
    if (typeof v !== 'string' || !v.trim()) return [];
    const rating = Rating.safeParse(v);
    const value =
      rating.success && !f.endsWith('Comment')
        ? t(lang, `measure.choice.${rating.data}`)
        : truncate(v.trim(), ROW_CUT);
    return [{ label: labelOf(lang, f), value }];
  });
}

/** The organisation-level questions: data from the county, expert support, networks, plan. */
export function organisationFormCard(view: OrganisationFormView): Card {
  const { lang } = view;
  const hdr = headerData(view);
  const title = t(lang, 'org.title');
  const conflict = view.conflict && {
    title: t(lang, 'conflict.title'),
    text: t(lang, 'conflict.text', {
      by: view.conflict.by,
      date: formatWhen(view, view.conflict.at),
    }),
    storedHeading: t(lang, 'conflict.storedHeading'),
    rows: answerRows(lang, view.conflict.answers),
  };
  const back = execute(
    t(lang, conflict ? 'conflict.takeStored' : 'questionnaire.backToOverview'),
    conflict ? Verbs.organisationOpen : Verbs.questionnaireOpen,
    nav(view),
    { associatedInputs: 'none' },
  );
  return expand(template, {
    lang,
    fallback: `${hdr.title} – ${title}`,
    header: expand(header, hdr),
    title,
    intro: t(lang, 'org.intro'),
    ...conflictBlock(conflict),
    mineHeading: conflict ? t(lang, 'conflict.mineHeading') : '',
    formError: formError(view),
    readOnly: view.readOnly,
    rows: view.readOnly ? answerRows(lang, view.values) : [],
    labels: Object.fromEntries(ORGANISATION_INPUTS.map((f) => [f, labelOf(lang, f)])),
    max: Object.fromEntries(
      ORGANISATION_INPUTS.map((f) => [f, maxLengthOf(OrganisationAnswers.shape[f]) ?? 0]),
    ),
    values: inputValues(ORGANISATION_INPUTS, view.values),
    errors: errorMap(lang, ORGANISATION_INPUTS, view.issues),
    ratingChoices: choices(Rating.options, (v) => t(lang, `measure.choice.${v as Rating}`)),
    actions: view.readOnly
      ? [back]
      : [
          execute(
            t(lang, conflict ? 'conflict.keepMine' : 'measure.save'),
            Verbs.organisationSave,
            nav(view, { base: view.base }),
            { style: 'positive' },
          ),
          back,
        ],
  });
}
