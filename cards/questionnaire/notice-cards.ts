import type { Lang } from '../../bot/domain/localized-text';
import { type Card, execute } from '../card';
import { t } from '../i18n';
import { expand } from '../render';
import template from '../templates/message.json';
import { Verbs } from '../verbs';

/** For someone who is not a respondent: whom to contact (coordinator e-mails when known). */
export function notRespondentCard({ lang, contacts }: { lang: Lang; contacts: string[] }): Card {
  return expand(template, {
    style: 'warning',
    symbol: 'ℹ️',
    title: t(lang, 'notice.notRespondentTitle'),
    text: t(lang, 'notice.notRespondentText'),
    detail: contacts.length
      ? t(lang, 'notice.contact', { contacts: contacts.join(', ') })
      : t(lang, 'notice.contactUnknown'),
    actions: [],
  });
}

/** Card data named a round or organisation the user does not answer for: nothing changed. */
export function foreignCard({ lang }: { lang: Lang }): Card {
  return expand(template, {
    style: 'warning',
    symbol: '⚠️',
    title: t(lang, 'notice.foreignTitle'),
    text: t(lang, 'notice.foreignText'),
    detail: '',
    actions: [execute(t(lang, 'notice.openOwn'), Verbs.questionnaireOpen)],
  });
}
