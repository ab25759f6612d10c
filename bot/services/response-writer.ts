import { ConflictError, isDomainError } from '../domain/errors';
import type { OrganisationSheet, ResponseStore, Versioned } from '../domain/ports';
import type { Response } from '../domain/response';

/** Attempts before giving up on a response record that keeps changing under us. */
const ATTEMPTS = 5;

/**
 * Read-modify-write of the organisation's response record with optimistic concurrency:
 * `change` sees the current record (and measures) and returns the new one, or `undefined`
 * to write nothing. A concurrent write makes it read and try again.
 */
export async function writeResponse(
  responses: ResponseStore,
  ids: { roundId: string; organisationId: string },
  change: (current: Response | undefined, sheet: OrganisationSheet) => Response | undefined,
): Promise<{ sheet: OrganisationSheet; written: Versioned<Response> | undefined }> {
  for (let attempt = 1; ; attempt++) {
    const sheet = await responses.getSheet(ids.roundId, ids.organisationId);
    const next = change(sheet.response?.value, sheet);
    if (!next) return { sheet, written: undefined };
    try {
      const written = await responses.saveResponse(next, sheet.response?.etag);
      return { sheet: { ...sheet, response: written }, written };
    } catch (e) {
      const raced = isDomainError(e, 'Conflict') || isDomainError(e, 'AlreadyExists');
      if (!raced) throw e;
      if (attempt >= ATTEMPTS) throw new ConflictError(`${ids.roundId}/${ids.organisationId}`);
    }
  }
}
