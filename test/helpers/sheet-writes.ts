import type { Measure } from '../../bot/domain/answers/measure';
import type { MeasureWrite, ResponseStore, SheetWritten } from '../../bot/domain/ports';
import { measureVersion } from '../../bot/domain/audit/changes';

const WRITER = { tenantId: 'tenant-1', aadObjectId: 'writer-1', name: 'Test Writer' };

/**
 * Changes one stored measure as a respondent's save does: read the sheet, then one
 * transaction with the response record (kept as it is, or a new draft when there is none).
 */
export async function writeMeasure(
  responses: ResponseStore,
  roundId: string,
  organisationId: string,
  change: { replace: Measure } | { delete: string },
): Promise<SheetWritten> {
  const sheet = await responses.getSheet(roundId, organisationId);
  let measure: MeasureWrite;
  const id = 'delete' in change ? change.delete : change.replace.id;
  const stored = sheet.measures.find((m) => m.value.id === id);
  if ('delete' in change) measure = { kind: 'delete', measureId: change.delete };
  else {
    if (!stored) throw new Error(`no measure ${change.replace.id} to replace`);
    measure = { kind: 'replace', measure: change.replace, etag: stored.etag };
  }
  const after = 'delete' in change ? undefined : change.replace;
  const ids = { roundId, organisationId };
  return responses.writeSheet(roundId, organisationId, {
    measure,
    response: sheet.response?.value ?? { roundId, organisationId, state: 'draft' },
    responseEtag: sheet.response?.etag,
    versions: stored ? [measureVersion(ids, stored.value, after, WRITER, new Date())] : [],
    latestVersions: sheet.latestVersions,
  });
}
