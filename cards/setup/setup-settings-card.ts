import type { Lang } from '../../bot/domain/localized-text';
import { localize } from '../../bot/domain/localized-text';
import type { Round } from '../../bot/domain/round';
import { SETUP_LIMITS } from '../../bot/domain/setup/setup-issues';
import type { SetupIssue } from '../../bot/domain/setup/setup-issues';
import { type Card, execute } from '../card';
import { t } from '../i18n';
import { Verbs } from '../verbs';
import { FormItems } from './setup-form-items';
import { frameCard, line } from './setup-parts';

export interface SettingsFormView {
  lang: Lang;
  timeZone: string;
  values: Record<string, string>;
  issues: SetupIssue[];
}

/** The settings fields every round has, for the new-round form and the settings form. */
export function settingsItems(view: SettingsFormView, form: FormItems): FormItems {
  const { lang } = view;
  const zone = { zone: view.timeZone };
  return form
    .text('title', t(lang, 'setup.field.title'), { required: true, max: SETUP_LIMITS.title })
    .text('titleSv', t(lang, 'setup.field.titleSv'), { max: SETUP_LIMITS.title })
    .text('titleEn', t(lang, 'setup.field.titleEn'), { max: SETUP_LIMITS.title })
    .text('region', t(lang, 'setup.field.region'), { required: true, max: SETUP_LIMITS.region })
    .date('deadlineDate', t(lang, 'setup.field.deadlineDate'), true)
    .time('deadlineTime', t(lang, 'setup.field.deadlineTime', zone))
    .date('meetingDate', t(lang, 'setup.field.meetingDate'), true)
    .time('meetingTime', t(lang, 'setup.field.meetingTime', zone))
    .year('planFrom', t(lang, 'setup.field.planFrom'))
    .year('planTo', t(lang, 'setup.field.planTo'));
}

/** `round.settings.save`'s form: the round's titles, region, dates and plan period. */
export function settingsCard(view: SettingsFormView & { round: Round }): Card {
  const { lang, round } = view;
  const form = settingsItems(view, new FormItems(lang, view.values, view.issues));
  const data = { roundId: round.id };
  return frameCard({
    lang,
    title: t(lang, 'setup.settings.title'),
    subtitle: localize(round.title, lang),
    formError: view.issues.length ? t(lang, 'setup.formError') : '',
    items: form.items,
    actions: [
      execute(t(lang, 'setup.settings.save'), Verbs.roundSettingsSave, data, { style: 'positive' }),
      execute(t(lang, 'setup.settings.back'), Verbs.roundEdit, data, { associatedInputs: 'none' }),
    ],
  });
}

/** The choice of no previous round (a choice's value may not be empty; data may also omit it). */
export const FROM_SCRATCH = '-';

export interface NewRoundView extends SettingsFormView {
  /** Rounds the user may follow up, newest first. */
  rounds: Array<{ id: string; title: string }>;
  /** Organisers may start from scratch. */
  scratch: boolean;
}

/** `new round`: which round it follows, and the new round's settings. */
export function newRoundCard(view: NewRoundView): Card {
  const { lang } = view;
  const choices = [
    ...view.rounds.map((r) => ({ title: `${r.title} (${r.id})`, value: r.id })),
    ...(view.scratch
      ? [{ title: t(lang, 'setup.newRound.fromScratch'), value: FROM_SCRATCH }]
      : []),
  ];
  const form = new FormItems(lang, view.values, view.issues);
  if (choices.length)
    form.choice('previousRound', t(lang, 'setup.field.previousRound'), choices, {
      required: !view.scratch,
    });
  settingsItems(view, form).push(
    line(t(lang, 'setup.newRound.setupNote'), { isSubtle: true, size: 'small' }),
  );
  return frameCard({
    lang,
    title: t(lang, 'setup.newRound.title'),
    subtitle: t(lang, 'setup.newRound.intro'),
    formError: view.issues.length ? t(lang, 'setup.formError') : '',
    items: form.items,
    actions: [
      execute(t(lang, 'setup.newRound.create'), Verbs.roundCreate, {}, { style: 'positive' }),
    ],
  });
}
