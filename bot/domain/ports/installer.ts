import { z } from 'zod';
import type { Person } from '../round';
import type { Through } from './messenger';

/**
 * Why Microsoft Graph could not give the bot a 1:1 chat with a person: no such user in that
 * tenant, a policy blocks the app (403 on install), the app is not in that tenant's catalog, or
 * the tenant refuses the bot's token (no admin consent there).
 */
export const InstallProblem = z.enum([
  'notFound',
  'installBlocked',
  'appNotInCatalog',
  'noConsent',
]);
export type InstallProblem = z.infer<typeof InstallProblem>;

/** A person as the tenant's directory has them. */
export interface DirectoryUser {
  /** The Entra object id (lower case). */
  id: string;
  mail?: string;
  displayName?: string;
}

/** What could not be done, and why. */
export interface Refused {
  problem: InstallProblem;
}

/**
 * Installs the bot for people who never opened it, as Company Communicator did: implemented
 * over Microsoft Graph (bot/graph), faked in tests. Each HTTP call goes `through` the caller's
 * send pipeline, so it counts against the tenant's budget; throttling and passing faults are
 * thrown as SendFailure (with Retry-After) for the pipeline to retry.
 */
export interface Installer {
  /** The person in the tenant's directory, by object id or e-mail (guests by mail too). */
  findUser(tenantId: string, person: Person, through: Through): Promise<DirectoryUser | Refused>;
  /**
   * Installs the app for the user (already installed is fine) and returns the id of the 1:1
   * chat between the user and the bot.
   */
  install(
    tenantId: string,
    userId: string,
    through: Through,
  ): Promise<{ chatId: string } | Refused>;
}

export const isRefused = (v: unknown): v is Refused =>
  typeof v === 'object' && v !== null && 'problem' in v;
