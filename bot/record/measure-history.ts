import { z } from 'zod';
import { MeasureId } from '../domain/answers/measure';
import { coordinates } from '../domain/coordinators';
import { DomainError } from '../domain/errors';
import { isPerson } from '../domain/identity';
import { langOf } from '../domain/localized-text';
import { inTimeOrder } from '../domain/audit/changes';
import { Id } from '../domain/round';
import { respondentTenant } from '../domain/tenants';
import { measureHistoryCard } from '../../cards';
import { type Handler, route } from '../lib/route';
import type { RecordDeps } from './record-deps';

/** Card data of `measure.history`: which measure, and where the user came from (navigation). */
export const HistoryData = z.object({
  roundId: Id,
  organisationId: Id,
  measureId: MeasureId,
  goalId: Id.optional(),
  from: z.enum(['goal', 'summary']).optional(),
  page: z.coerce.number().int().min(0).max(1000).default(0),
});

/**
 * `measure.history`: the versions of one measure, for the organisation's respondents and the
 * round's coordinators only — who they are comes from the activity and the round, never from
 * the card. Anyone else is refused before anything is read.
 */
export function historyRoute(deps: RecordDeps): Handler {
  return route(HistoryData, async ({ user, data }) => {
    const lang = langOf(user.locale);
    const round = await deps.rounds.get(data.roundId);
    const organisation = round?.organisations.find((o) => o.id === data.organisationId);
    if (!round || !organisation) throw new DomainError('NotFound', { what: 'measure history' });
    const respondent = organisation.respondents.some((p) =>
      isPerson(p, user, respondentTenant(round, organisation)),
    );
    if (!respondent && !coordinates(round, user))
      throw new DomainError('NotAllowed', { reason: 'measure history' });
    const [versions, sheet] = await Promise.all([
      deps.stores.responses.versions(round.id, {
        organisationId: organisation.id,
        measureId: data.measureId,
      }),
      deps.stores.responses.getSheet(round.id, organisation.id),
    ]);
    const stored = sheet.measures.find((m) => m.value.id === data.measureId)?.value;
    const goalId = data.goalId ?? stored?.goalId ?? versions[0]?.goalId;
    return measureHistoryCard({
      lang,
      timeZone: deps.timeZone,
      round,
      organisationId: organisation.id,
      measureId: data.measureId,
      versions: versions.sort(inTimeOrder),
      description: stored?.description,
      page: data.page,
      back: { to: data.from ?? (respondent ? 'goal' : 'summary'), goalId },
    });
  });
}
