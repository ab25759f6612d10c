import type { Lang } from '../../bot/domain/localized-text';
import { LANGS } from '../../bot/domain/localized-text';
import { OrganisationKind } from '../../bot/domain/round';
import { t } from '../i18n';

/** Organisation kinds as choices, in the reader's language. */
export const kindChoices = (lang: Lang) =>
  OrganisationKind.options.map((value) => ({ title: t(lang, `setup.kind.${value}`), value }));

/** Languages as choices, each named in the reader's language. */
export const languageChoices = (lang: Lang) =>
  LANGS.map((value) => ({ title: t(lang, `setup.language.${value}`), value }));

/** The time zone as people read it in a label (`Europe/Helsinki`). */
export const zoneLabel = (timeZone: string) => timeZone;
