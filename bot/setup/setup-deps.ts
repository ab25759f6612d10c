import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DomainError } from '../domain/errors';
import type { AuthenticatedUser } from '../domain/identity';
import type { Clock, FileDownloads, RoundStore, Stores, Versioned } from '../domain/ports';
import { Id, type Round } from '../domain/round';
import { mayEdit, type Organisers } from '../domain/setup/organisers';
import { type VersionActor, versionActor } from '../domain/audit/version';

/** What round set-up in chat needs. */
export interface SetupDeps {
  stores: Pick<Stores, 'responses' | 'setup' | 'roundState' | 'conversations'>;
  /** Round definitions as use cases read them (cached, home tenant filled in); changes go through `read`/`write`. */
  rounds: RoundStore;
  clock: Clock;
  timeZone: string;
  organisers: Organisers;
  /** `HYTE_FILE_HOSTS`: hosts an attached file may be fetched from besides SharePoint. */
  fileHosts: readonly string[];
  downloads: FileDownloads;
  /** The signed link to a round's contact list, when the server has a public URL. */
  contactsUrl?: (roundId: string) => string | undefined;
  newId?: () => string;
}

export const newId = (deps: SetupDeps): string => (deps.newId ?? randomUUID)();

/** Card data of set-up verbs: which round and which part of it; never who is asking. */
export const SetupData = z.object({
  roundId: Id,
  view: z.enum(['round', 'settings', 'goal', 'organisation']).optional(),
  goalId: Id.optional(),
  organisationId: Id.optional(),
  page: z.coerce.number().int().min(0).max(1000).default(0),
  goalPage: z.coerce.number().int().min(0).max(100).default(0),
});
export type SetupData = z.infer<typeof SetupData>;

/** A round someone may change: as use cases read it, and as stored with its ETag. */
export interface EditableRound {
  round: Round;
  stored: Versioned<Round>;
}

/**
 * The round named in card data, when this user may change it (its coordinators and
 * organisers); `NotCoordinator` otherwise, also for a round that does not exist, so card data
 * learns nothing of other rounds.
 */
export async function editableRound(
  deps: SetupDeps,
  user: AuthenticatedUser,
  roundId: string,
): Promise<EditableRound> {
  const round = await deps.rounds.get(roundId);
  const stored =
    round && mayEdit(round, user, deps.organisers) ? await deps.rounds.read(roundId) : undefined;
  if (!round || !stored) throw new DomainError('NotCoordinator', { round: roundId });
  // The stored definition is the one changed; the home tenant filled in stays a reading.
  return { round: { ...stored.value, tenantId: stored.value.tenantId ?? round.tenantId }, stored };
}

/** Who made a change in chat, for the record. */
export const actorOf = (user: AuthenticatedUser): VersionActor => versionActor(user);
