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

/** Teams' content type of a file a user attached in a 1:1 chat with a bot (`supportsFiles`). */
export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

/** A file attached to a message: its name and the download address Teams gave. */
export interface AttachedFile {
  name: string;
  downloadUrl: string;
  fileType?: string;
}

/** The files attached to a personal-chat message, as Teams delivers them (none elsewhere). */
export function attachedFiles(activity: Partial<Activity>): AttachedFile[] {
  if (activity.conversation?.conversationType !== 'personal') return [];
  return (activity.attachments ?? []).flatMap((a) => {
    const content = a.content as { downloadUrl?: unknown; fileType?: unknown } | undefined;
    if (a.contentType !== FILE_DOWNLOAD_INFO || typeof content?.downloadUrl !== 'string') return [];
    return [
      {
        name: String(a.name ?? 'file').slice(0, 300),
        downloadUrl: content.downloadUrl,
        ...(typeof content.fileType === 'string' ? { fileType: content.fileType } : {}),
      },
    ];
  });
}
