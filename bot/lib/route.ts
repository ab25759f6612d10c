import type { z } from 'zod';
import { ValidationError } from '../domain/errors';
import type { AuthenticatedUser } from '../domain/identity';
import type { StoredReference } from '../domain/ports';
import type { Card } from '../../cards';

/** Where a command or card action came from, as the Teams layer saw it. */
export interface Origin {
  ref: StoredReference;
  /** The channel id in a team channel, else the conversation id. */
  conversationId: string;
  /** The card the action was pressed on (updated in place with progress). */
  activityId?: string;
}

/**
 * Answers one card action (verb) or chat command of an authenticated user with the next
 * card; `undefined` when the handler has answered by itself (e.g. a progress card it keeps
 * updating). Expected failures are thrown as domain errors, which the Teams layer answers.
 */
export type Handler<C extends Card | undefined = Card | undefined> = (
  user: AuthenticatedUser,
  data: unknown,
  origin: Origin,
) => Promise<C>;

/** What a route's handler receives: the user, the parsed data and where it came from. */
export interface Request<D> {
  user: AuthenticatedUser;
  data: D;
  /** The data as sent, for forms that report on each field themselves. */
  raw: unknown;
  origin: Origin;
}

/**
 * A handler whose card data is parsed once by `schema`; data that does not fit is a
 * `Validation` error (nothing is read or stored).
 */
export function route<S extends z.ZodType, R extends Card | undefined>(
  schema: S,
  handle: (request: Request<z.output<S>>) => Promise<R>,
): Handler<R> {
  return async (user, data, origin) => {
    const raw: unknown = data ?? {};
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      throw new ValidationError(
        parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      );
    }
    return handle({ user, data: parsed.data, raw, origin });
  };
}
