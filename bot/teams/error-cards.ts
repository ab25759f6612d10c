import { type ErrorAnswer, isDomainError, NotRespondentError } from '../domain/errors';
import type { Lang } from '../domain/localized-text';
import { FileRefusedError, NotReadyError } from '../domain/setup/setup-errors';
import {
  type Card,
  errorCard,
  fileRefusedCard,
  foreignCard,
  launchGapsCard,
  noticeCard,
  notOrganiserCard,
  notRespondentCard,
  workshopWhereCard,
} from '../../cards';

/** How each kind of answer is drawn: the one table from error to card. */
const CARDS: Record<ErrorAnswer, (lang: Lang, error: unknown) => Card> = {
  generic: (lang) => errorCard({ lang, kind: 'generic' }),
  unavailable: (lang) => errorCard({ lang, kind: 'unavailable' }),
  notAllowed: (lang) => errorCard({ lang, kind: 'notAllowed' }),
  tenant: (lang) => errorCard({ lang, kind: 'tenant' }),
  invalid: (lang) => errorCard({ lang, kind: 'invalid' }),
  tooLarge: (lang) => errorCard({ lang, kind: 'tooLarge' }),
  unknownVerb: (lang) => errorCard({ lang, kind: 'unknownVerb' }),
  closed: (lang) => errorCard({ lang, kind: 'closed' }),
  measureLimit: (lang, error) => {
    const params = isDomainError(error) ? error.params : {};
    return errorCard({
      lang,
      kind: params.scope === 'goal' ? 'measureLimitGoal' : 'measureLimitOrganisation',
      params: { max: Number(params.max) },
    });
  },
  notCoordinator: (lang) => noticeCard(lang, 'notCoordinator'),
  noCouncil: (lang) => noticeCard(lang, 'noCouncil'),
  linkHowTo: (lang) => noticeCard(lang, 'linkHowTo'),
  workshopWhere: (lang) => workshopWhereCard(lang),
  foreign: (lang) => foreignCard({ lang }),
  notOrganiser: (lang) => notOrganiserCard(lang),
  launchGaps: (lang, error) =>
    error instanceof NotReadyError
      ? launchGapsCard(lang, error.roundId, error.gaps)
      : errorCard({ lang, kind: 'generic' }),
  fileRefused: (lang, error) =>
    fileRefusedCard(lang, error instanceof FileRefusedError ? error.reason : 'download'),
  notRespondent: (lang, error) =>
    notRespondentCard({
      lang,
      contacts: error instanceof NotRespondentError ? error.contacts : [],
    }),
};

/**
 * The card telling the user, in their language, why their request went no further: the card
 * kind a domain error names, and the generic error card for anything unexpected. Nothing
 * stored is lost either way.
 */
export function cardForError(lang: Lang, error: unknown): Card {
  if (!isDomainError(error)) return CARDS.generic(lang, error);
  return CARDS[error.card](error.lang ?? lang, error);
}
