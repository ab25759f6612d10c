import type { Person } from '../domain/round';
import {
  type Clock,
  type ConversationStore,
  type InstallProblem,
  type Installer,
  type StoredReference,
  type Through,
  isRefused,
} from '../domain/ports';

/** What reaching people through Microsoft Graph needs (present when HYTE_GRAPH_INSTALL=true). */
export interface GraphReach {
  installer: Installer;
  /** The bot's app id: the Teams app's id, and the bot's id in the conversation. */
  appId: string;
  /** The Bot Connector service URL for a tenant from which no activity has told one yet. */
  serviceUrl: string;
}

/**
 * How long after the bot installed itself for someone an installation event from them counts
 * as that install's (Teams sends it within seconds; a person who reinstalls the app later gets
 * the usual welcome).
 */
const INSTALL_EVENT_MS = 60 * 60_000;

/** True when the bot installed itself for this person within the last hour. */
export function installedByBot(conversations: ConversationStore, clock: Clock) {
  return async (tenantId: string, aadObjectId: string): Promise<boolean> => {
    const install = await conversations.getInstall(tenantId, aadObjectId);
    return !!install && clock.now().getTime() - Date.parse(install.at) < INSTALL_EVENT_MS;
  };
}

/** Who is reached, where, and for which round (written into the install record). */
export interface GraphTarget {
  tenantId: string;
  person: Person;
  roundId: string;
}

/** A 1:1 chat the bot has now, and the reference to keep once the intro is sent there. */
export type GraphReached =
  { ref: StoredReference & { aadObjectId: string } } | { problem: InstallProblem };

/**
 * The service URL of a tenant: the one its saved conversations name (Teams gives it with every
 * activity), else the configured default. One read per tenant and run.
 */
export function serviceUrls(conversations: ConversationStore, fallback: string) {
  const known = new Map<string, Promise<string>>();
  return (tenantId: string): Promise<string> => {
    let url = known.get(tenantId);
    if (!url) {
      url = (async () => {
        const refs = [
          ...(await conversations.listConversations(tenantId)),
          ...(await conversations.listUsers(tenantId)),
        ].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
        const named = refs.map((r) => r.reference.serviceUrl).find((u) => typeof u === 'string');
        return typeof named === 'string' && named ? named : fallback;
      })();
      known.set(tenantId, url);
      url.catch(() => known.delete(tenantId));
    }
    return url;
  };
}

/**
 * Reaches a person no saved chat and no roster reaches: finds them in their tenant's directory,
 * records the install (before it happens, so Teams' installation event is known as ours),
 * installs the app for them and returns the 1:1 chat. Graph calls go `through` the tenant's
 * lane; a person who cannot be reached comes back with the reason, never as an error.
 */
export async function reachThroughGraph(
  deps: { graph: GraphReach; conversations: ConversationStore; clock: Clock },
  target: GraphTarget,
  serviceUrl: (tenantId: string) => Promise<string>,
  through: Through,
): Promise<GraphReached> {
  const { graph, conversations, clock } = deps;
  const { tenantId, person } = target;
  const user = await graph.installer.findUser(tenantId, person, through);
  if (isRefused(user)) return user;
  const email = 'email' in person ? person.email : undefined;
  await conversations.saveInstall({
    tenantId,
    aadObjectId: user.id,
    ...(email ? { email } : {}),
    roundId: target.roundId,
    at: clock.now().toISOString(),
  });
  const installed = await graph.installer.install(tenantId, user.id, through);
  if (isRefused(installed)) return installed;
  const now = clock.now().toISOString();
  const mail = email ?? user.mail?.toLowerCase();
  return {
    ref: {
      reference: {
        channelId: 'msteams',
        serviceUrl: await serviceUrl(tenantId),
        conversation: { id: installed.chatId, conversationType: 'personal', tenantId },
        bot: { id: `28:${graph.appId}` },
        user: { aadObjectId: user.id, ...(user.displayName ? { name: user.displayName } : {}) },
      },
      tenantId,
      conversationType: 'personal',
      aadObjectId: user.id,
      ...(mail ? { email: mail, emailAt: now } : {}),
      ...(user.displayName ? { name: user.displayName.slice(0, 200) } : {}),
      updatedAt: now,
    },
  };
}
