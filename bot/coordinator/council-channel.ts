import { DomainError } from '../domain/errors';
import { noticeCard } from '../../cards';
import { type CoordinatorDeps, coordinatorRoute } from './coordinator-route';
import type { Handler } from '../lib/route';

/** `link channel`, typed in a team channel: that channel gets the round's koonti. */
export function linkChannelRoute(deps: CoordinatorDeps): Handler {
  return coordinatorRoute(deps, async ({ user, origin, round, lang }) => {
    if (origin.ref.conversationType !== 'channel') throw new DomainError('NotInChannel');
    // The koonti and its report links go only to a channel of the county's own tenant.
    if (round.tenantId && origin.ref.tenantId.toLowerCase() !== round.tenantId)
      throw new DomainError('NotAllowed', { reason: 'channel outside the home tenant' });
    await deps.stores.roundState.setCouncil({
      roundId: round.id,
      conversationId: origin.conversationId,
      ref: origin.ref,
      linkedBy: user.name || user.aadObjectId,
      linkedAt: deps.clock.now().toISOString(),
    });
    return noticeCard(lang, 'channelLinked', { round: round.title.fi });
  });
}
