import type { Measure } from '../../bot/domain/answers/measure';
import type { MeasureWrite, ResponseStore, SheetWritten } from '../../bot/domain/ports';

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
  if ('delete' in change) measure = { kind: 'delete', measureId: change.delete };
  else {
    const stored = sheet.measures.find((m) => m.value.id === change.replace.id);
    if (!stored) throw new Error(`no measure ${change.replace.id} to replace`);
    measure = { kind: 'replace', measure: change.replace, etag: stored.etag };
  }
  return responses.writeSheet(roundId, organisationId, {
    measure,
    response: sheet.response?.value ?? { roundId, organisationId, state: 'draft' },
    responseEtag: sheet.response?.etag,
  });
}
