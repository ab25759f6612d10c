import type { Lang } from '../../bot/domain/localized-text';
import { localize } from '../../bot/domain/localized-text';
import type { Organisation, Round } from '../../bot/domain/round';
import { SETUP_LIMITS } from '../../bot/domain/setup/setup-issues';
import type { SetupIssue } from '../../bot/domain/setup/setup-issues';
import { type Card, execute } from '../card';
import { t } from '../i18n';
import { Verbs } from '../verbs';
import { FormItems } from './setup-form-items';
import { frameCard, line } from './setup-parts';
import { kindChoices, languageChoices } from './setup-words';

export interface SetupOrganisationView {
  lang: Lang;
  round: Round;
  /** Absent for a new organisation. */
  organisation?: Organisation;
  values: Record<string, string>;
  issues: SetupIssue[];
  /** It has answered: it is not deleted. */
  answered: boolean;
  /** People already picked, with the names known for them (else their object ids). */
  picked: Array<{ title: string; value: string }>;
  /** The round card page to go back to. */
  page: number;
}

/**
 * An organisation: name, kind, language, its own tenant, and its respondents from the people
 * picker (the county's directory) or as typed e-mails (people of other tenants).
 */
export function setupOrganisationCard(view: SetupOrganisationView): Card {
  const { lang, round, organisation } = view;
  const form = new FormItems(lang, view.values, view.issues)
    .text('name', t(lang, 'setup.field.name'), { required: true, max: SETUP_LIMITS.name })
    .choice('kind', t(lang, 'setup.field.kind'), kindChoices(lang), { required: true })
    .choice('language', t(lang, 'setup.field.language'), languageChoices(lang), { required: true })
    .text('tenantId', t(lang, 'setup.field.tenantId'), { max: 36 })
    .people(
      'respondentIds',
      t(lang, 'setup.field.respondentIds'),
      t(lang, 'setup.organisation.pickerPlaceholder'),
      view.picked,
    )
    .text('respondentEmails', t(lang, 'setup.field.respondentEmails'), {
      multiline: true,
      max: 20_000,
    });
  if (organisation && view.answered)
    form.push(line(t(lang, 'setup.organisation.inUse'), { isSubtle: true, size: 'small' }));
  const data = { roundId: round.id, organisationId: organisation?.id, page: view.page };
  return frameCard({
    lang,
    title: t(lang, organisation ? 'setup.organisation.editTitle' : 'setup.organisation.newTitle'),
    subtitle: localize(round.title, lang),
    formError: view.issues.length ? t(lang, 'setup.formError') : '',
    items: form.items,
    actions: [
      execute(t(lang, 'setup.settings.save'), Verbs.roundOrganisationSave, data, {
        style: 'positive',
      }),
      ...(organisation && !view.answered
        ? [
            execute(t(lang, 'setup.organisation.delete'), Verbs.roundOrganisationDelete, data, {
              style: 'destructive',
              associatedInputs: 'none',
            }),
          ]
        : []),
      execute(
        t(lang, 'setup.settings.back'),
        Verbs.roundEdit,
        { roundId: round.id, page: view.page },
        {
          associatedInputs: 'none',
        },
      ),
    ],
  });
}
