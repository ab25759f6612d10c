import type { Lang } from './localized-text';

/** Answers drawn with a card of their own; every other answer is the error card. */
export type OwnCardAnswer =
  | 'notCoordinator'
  | 'notRespondent'
  | 'foreign'
  | 'noCouncil'
  | 'linkHowTo'
  | 'measureLimit'
  | 'workshopWhere'
  | 'notOrganiser'
  | 'launchGaps'
  | 'fileRefused';

/**
 * What the user is shown for an error: each kind names one card. Kept here, beside the
 * codes, so a new error cannot be added without saying how the user is told.
 */
export type ErrorAnswer =
  | OwnCardAnswer
  | 'generic'
  | 'unavailable'
  | 'notAllowed'
  | 'tenant'
  | 'invalid'
  | 'tooLarge'
  | 'unknownVerb'
  | 'closed';

/**
 * Numbered error definitions, each with the card that answers it. The Teams layer turns an
 * error into that card in the user's language in one place; logs carry the code and never
 * user text.
 */
export const ErrorCodes = {
  Validation: { code: -100001, card: 'invalid', description: 'Invalid input: {issues}' },
  NotAllowed: { code: -100002, card: 'notAllowed', description: 'Not allowed: {reason}' },
  // A card naming something no longer there (a removed goal) is out of date.
  NotFound: { code: -100003, card: 'unknownVerb', description: 'Not found: {what}' },
  Conflict: {
    code: -100004,
    card: 'generic',
    description: 'Conflict writing "{key}": it changed since it was read.',
  },
  AlreadyExists: { code: -100005, card: 'generic', description: '"{key}" already exists.' },
  TooLarge: { code: -100006, card: 'tooLarge', description: '{what} is too large: {detail}' },
  StorageUnavailable: {
    code: -100007,
    card: 'unavailable',
    description: 'Storage is unavailable: {reason}',
  },
  Closed: {
    code: -100008,
    card: 'closed',
    description: 'Round "{roundId}" is closed for answers.',
  },
  NotCoordinator: {
    code: -100009,
    card: 'notCoordinator',
    description: 'Not a coordinator of {round}.',
  },
  NotRespondent: { code: -100010, card: 'notRespondent', description: 'Not a respondent.' },
  Foreign: {
    code: -100011,
    card: 'foreign',
    description: 'Card data names another organisation or round.',
  },
  UnknownVerb: { code: -100012, card: 'unknownVerb', description: 'Unknown card action.' },
  NoCouncil: {
    code: -100013,
    card: 'noCouncil',
    description: 'Round "{roundId}" has no council channel.',
  },
  NotInChannel: {
    code: -100014,
    card: 'linkHowTo',
    description: 'Only a team channel can be linked.',
  },
  ForeignTenant: { code: -100015, card: 'tenant', description: 'Tenant is not allowed.' },
  ShuttingDown: {
    code: -100016,
    card: 'unavailable',
    description: 'Shutting down: no new work is taken.',
  },
  MeasureLimit: {
    code: -100017,
    card: 'measureLimit',
    description: 'At most {max} measures per {scope}.',
  },
  NotCouncilChannel: {
    code: -100018,
    card: 'workshopWhere',
    description: "Not in the round's council channel.",
  },
  NotOrganiser: {
    code: -100019,
    card: 'notOrganiser',
    description: 'Not an organiser, nor a coordinator of a round to follow up.',
  },
  NotReady: {
    code: -100020,
    card: 'launchGaps',
    description: 'Round "{roundId}" lacks what a launch needs: {gaps}.',
  },
  FileRefused: {
    code: -100021,
    card: 'fileRefused',
    description: 'The attached file was refused: {reason}.',
  },
} as const satisfies Record<string, { code: number; card: ErrorAnswer; description: string }>;
export type ErrorKind = keyof typeof ErrorCodes;

function format(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}

/** Base of every expected error; `kind` drives how the user is told. */
export class DomainError extends Error {
  readonly code: number;
  /** The card that answers this error. */
  readonly card: ErrorAnswer;
  /**
   * The language to answer in when the use case knew better than the user's Teams locale
   * (a respondent without one is answered in the organisation's language).
   */
  lang?: Lang;
  constructor(
    readonly kind: ErrorKind,
    readonly params: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(format(ErrorCodes[kind].description, params), options);
    this.name = `${kind}Error`;
    this.code = ErrorCodes[kind].code;
    this.card = ErrorCodes[kind].card;
  }
}

/** One invalid field, by path (`goals[3].title.fi`) and message. */
export interface FieldIssue {
  path: string;
  message: string;
}

export class ValidationError extends DomainError {
  constructor(readonly issues: FieldIssue[]) {
    super('Validation', { issues: issues.map((i) => `${i.path}: ${i.message}`).join('; ') });
  }
}

export class ConflictError extends DomainError {
  constructor(readonly key: string) {
    super('Conflict', { key });
  }
}

export class AlreadyExistsError extends DomainError {
  constructor(readonly key: string) {
    super('AlreadyExists', { key });
  }
}

export class TooLargeError extends DomainError {
  constructor(
    readonly what: string,
    readonly detail: string,
  ) {
    super('TooLarge', { what, detail });
  }
}

export class StorageUnavailableError extends DomainError {
  constructor(reason: string, cause?: unknown) {
    super('StorageUnavailable', { reason }, { cause });
  }
}

/** The user is no respondent anywhere; the card names whom to ask. */
export class NotRespondentError extends DomainError {
  constructor(readonly contacts: string[]) {
    super('NotRespondent');
  }
}

export function isDomainError(e: unknown, kind?: ErrorKind): e is DomainError {
  return e instanceof DomainError && (kind === undefined || e.kind === kind);
}

/** `e`, to be answered in `lang` unless a language was chosen for it already. */
export function answeredIn(e: unknown, lang: Lang): unknown {
  if (e instanceof DomainError) e.lang ??= lang;
  return e;
}
