/**
 * Numbered error definitions. The Teams layer turns each code into a card in the user's
 * language (one place: bot/teams/error-cards.ts); logs carry the code and never user text.
 */
export const ErrorCodes = {
  Validation: { code: -100001, description: 'Invalid input: {issues}' },
  NotAllowed: { code: -100002, description: 'Not allowed: {reason}' },
  NotFound: { code: -100003, description: 'Not found: {what}' },
  Conflict: {
    code: -100004,
    description: 'Conflict writing "{key}": it changed since it was read.',
  },
  AlreadyExists: { code: -100005, description: '"{key}" already exists.' },
  TooLarge: { code: -100006, description: '{what} is too large: {detail}' },
  StorageUnavailable: { code: -100007, description: 'Storage is unavailable: {reason}' },
  Closed: { code: -100008, description: 'Round "{roundId}" is closed for answers.' },
  MeasureLimit: { code: -100009, description: 'At most {max} measures per {scope}.' },
} as const;
export type ErrorKind = keyof typeof ErrorCodes;

function format(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}

/** Base of every expected error; `kind` drives how the user is told. */
export class DomainError extends Error {
  readonly code: number;
  constructor(
    readonly kind: ErrorKind,
    readonly params: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(format(ErrorCodes[kind].description, params), options);
    this.name = `${kind}Error`;
    this.code = ErrorCodes[kind].code;
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

export function isDomainError(e: unknown, kind?: ErrorKind): e is DomainError {
  return e instanceof DomainError && (kind === undefined || e.kind === kind);
}
