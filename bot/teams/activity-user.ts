import type { Activity } from 'botbuilder';
import type { AuthenticatedUser } from '../domain/identity';

interface TeamsChannelData {
  tenant?: { id?: string };
  channel?: { id?: string };
  team?: { id?: string };
}

const channelData = (activity: Partial<Activity>): TeamsChannelData =>
  (activity.channelData ?? {}) as TeamsChannelData;

/**
 * The Entra tenant the activity comes from (Teams puts it in channelData and conversation),
 * in lower case as round files and `HYTE_ALLOWED_TENANTS` hold it.
 */
export function tenantOf(activity: Partial<Activity>): string | undefined {
  const id = channelData(activity).tenant?.id ?? activity.conversation?.tenantId;
  return id ? id.toLowerCase() : undefined;
}

/** The Teams channel id when the activity was posted in a team channel. */
export function channelOf(activity: Partial<Activity>): string | undefined {
  return channelData(activity).channel?.id;
}

/**
 * The person behind an activity, from what the authenticated channel put there. `email` is
 * filled in later from storage or the Teams member API, never from card data.
 */
export function userOf(activity: Partial<Activity>): AuthenticatedUser | undefined {
  const tenantId = tenantOf(activity);
  const aadObjectId = activity.from?.aadObjectId;
  if (!tenantId || !aadObjectId) return undefined;
  return {
    tenantId,
    aadObjectId: aadObjectId.toLowerCase(),
    name: (activity.from?.name ?? '').slice(0, 200),
    locale: activity.locale?.slice(0, 20) || undefined,
  };
}
