import { isDomainError, type ErrorKind } from '../domain/errors';
import type { Lang } from '../domain/localized-text';
import { type Card, type ErrorCardKind, errorCard } from '../../cards';

const KINDS: Partial<Record<ErrorKind, ErrorCardKind>> = {
  Validation: 'invalid',
  TooLarge: 'tooLarge',
  NotAllowed: 'notAllowed',
  // A card naming a goal no longer in the round is out of date.
  NotFound: 'unknownVerb',
  StorageUnavailable: 'unavailable',
  Conflict: 'generic',
  AlreadyExists: 'generic',
};

/**
 * The card for an expected (domain) error in the user's language; `undefined` for anything
 * else, which the Teams layer logs and answers with its generic error card.
 */
export function questionnaireErrorCard(lang: Lang, error: unknown): Card | undefined {
  if (!isDomainError(error)) return undefined;
  if (error.kind === 'MeasureLimit') {
    const scope = error.params.scope === 'goal' ? 'Goal' : 'Organisation';
    return errorCard({
      lang,
      kind: `measureLimit${scope}`,
      params: { max: Number(error.params.max) },
    });
  }
  return errorCard({ lang, kind: KINDS[error.kind] ?? 'generic' });
}
