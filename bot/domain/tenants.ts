import type { FieldIssue } from './errors';
import type { Organisation, Round } from './round';

/** What the installation says about tenants: `HYTE_ALLOWED_TENANTS` and the bot's own tenant. */
export interface TenantSettings {
  allowedTenants: readonly string[];
  /** `MicrosoftAppTenantId`, the tenant of the bot's app registration. */
  appTenantId?: string;
}

/**
 * The home tenant of rounds whose file names none: the one allowed tenant, else the bot's
 * own tenant; `undefined` when several are allowed (the round must name it) or nothing is
 * known (then the tenant of the coordinator who launches).
 */
export function defaultHomeTenant(settings: TenantSettings): string | undefined {
  const allowed = settings.allowedTenants.map((t) => t.toLowerCase());
  if (allowed.length > 1) return undefined;
  return allowed[0] ?? settings.appTenantId?.toLowerCase();
}

/** The rule only the installation can check: several allowed tenants need a home tenant. */
export function homeTenantIssue(round: Round, settings: TenantSettings): FieldIssue | undefined {
  if (round.tenantId || settings.allowedTenants.length <= 1) return undefined;
  return {
    path: 'tenantId',
    message: 'required when HYTE_ALLOWED_TENANTS lists more than one tenant',
  };
}

/**
 * Where an organisation's respondents count and are reached: its own tenant, else the home
 * tenant (members and guests of the county alike). `undefined` only while nothing names the
 * home tenant (a development set-up that allows any tenant).
 */
export function respondentTenant(
  round: Pick<Round, 'tenantId'>,
  organisation: Pick<Organisation, 'tenantId'>,
  home: string | undefined = round.tenantId,
): string | undefined {
  return organisation.tenantId ?? home;
}

/** One tenant a round uses, with the organisations reached there. */
export interface RoundTenant {
  tenantId: string;
  home: boolean;
  organisations: string[];
  allowed: boolean;
}

/** Every tenant the round uses (home first), and whether the installation allows it. */
export function roundTenants(round: Round, settings: TenantSettings): RoundTenant[] {
  const home = round.tenantId ?? defaultHomeTenant(settings);
  const byTenant = new Map<string, RoundTenant>();
  const allowed = (t: string) =>
    settings.allowedTenants.length === 0 || settings.allowedTenants.includes(t);
  if (home)
    byTenant.set(home, { tenantId: home, home: true, organisations: [], allowed: allowed(home) });
  for (const o of round.organisations) {
    const t = respondentTenant(round, o, home);
    if (!t) continue;
    const entry = byTenant.get(t) ?? {
      tenantId: t,
      home: false,
      organisations: [],
      allowed: allowed(t),
    };
    entry.organisations.push(o.id);
    byTenant.set(t, entry);
  }
  return [...byTenant.values()];
}
