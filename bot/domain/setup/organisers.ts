import { coordinates } from '../coordinators';
import { type AuthenticatedUser, isPerson } from '../identity';
import type { Person, Round } from '../round';
import type { TenantSettings } from '../tenants';

/** Who may create rounds in chat (`HYTE_ORGANISERS`) and where they count. */
export interface Organisers {
  people: readonly Person[];
  tenants: TenantSettings;
}

/**
 * The installation's home tenant: the bot's own (`MicrosoftAppTenantId`), else the one
 * allowed tenant; `undefined` in a development set-up that names neither.
 */
export function installationTenant(settings: TenantSettings): string | undefined {
  const allowed = settings.allowedTenants;
  return (settings.appTenantId ?? (allowed.length === 1 ? allowed[0] : undefined))?.toLowerCase();
}

/**
 * True when the user is an organiser, counted in the installation's home tenant only. Where
 * several tenants are allowed and none is the bot's own, nobody is: an address seen from an
 * unknown tenant proves nothing.
 */
export function isOrganiser(user: AuthenticatedUser, organisers: Organisers): boolean {
  const home = installationTenant(organisers.tenants);
  if (!home && organisers.tenants.allowedTenants.length > 1) return false;
  return organisers.people.some((p) => isPerson(p, user, home));
}

/** The rounds a new round may follow up: any for an organiser, else those the user coordinates. */
export function followable(
  rounds: readonly Round[],
  user: AuthenticatedUser,
  organisers: Organisers,
): Round[] {
  const all = isOrganiser(user, organisers);
  return rounds
    .filter((r) => all || coordinates(r, user))
    .sort((a, b) => Date.parse(b.deadline) - Date.parse(a.deadline));
}

/** True when the user may change `round`'s set-up: its coordinators, and organisers. */
export function mayEdit(round: Round, user: AuthenticatedUser, organisers: Organisers): boolean {
  return coordinates(round, user) || isOrganiser(user, organisers);
}
