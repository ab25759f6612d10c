import type { FieldIssue } from '../domain/errors';
import type { RoundStore } from '../domain/ports';
import type { Round } from '../domain/round';
import { defaultHomeTenant, homeTenantIssue, type TenantSettings } from '../domain/tenants';

/**
 * The rounds as this installation sees them: a round file without a home tenant gets the
 * installation's default (the one allowed tenant, else the bot's own), so identity checks
 * always know where coordinators and respondents count. Where several tenants are allowed
 * such a round names nobody anywhere: it is left out, and `onMissing` says why (once per round).
 */
export function withHomeTenant(
  inner: RoundStore,
  settings: TenantSettings,
  onMissing: (roundId: string, issue: FieldIssue) => void = () => undefined,
): RoundStore {
  const home = defaultHomeTenant(settings);
  const told = new Set<string>();
  const apply = (round: Round): Round | undefined => {
    const issue = homeTenantIssue(round, settings);
    if (issue) {
      if (!told.has(round.id)) onMissing(round.id, issue);
      told.add(round.id);
      return undefined;
    }
    return round.tenantId || !home ? round : { ...round, tenantId: home };
  };
  return {
    async get(id) {
      const round = await inner.get(id);
      return round && apply(round);
    },
    async list() {
      return (await inner.list()).flatMap((r) => apply(r) ?? []);
    },
    save: (round) => inner.save(round),
    delete: (id) => inner.delete(id),
    // A change starts from the definition as stored: a home tenant filled in here is no
    // part of it, and writing it back would make it one.
    read: (id) => inner.read(id),
    write: (round, etag, version) => inner.write(round, etag, version),
    versions: (roundId) => inner.versions(roundId),
    rewriteVersions: (roundId, rewrite) => inner.rewriteVersions(roundId, rewrite),
  };
}
