import { isDomainError } from '../domain/errors';
import type { Clock, RoundStore } from '../domain/ports';
import type { Round } from '../domain/round';

/**
 * Round definitions change only on import, yet every card action reads them: this keeps the
 * list for a few seconds per process, and concurrent misses share one read. Writes through
 * this store are seen at once; another instance's import within `ttlMs`.
 *
 * While storage is unavailable the last list read stands in for up to `staleMs`: nothing can
 * be written then anyway, and a respondent whose save storage refused gets the form back as
 * typed instead of an error card that loses it.
 */
export function cachedRoundStore(
  inner: RoundStore,
  clock: Clock,
  ttlMs = 10_000,
  staleMs = 60 * 60_000,
): RoundStore {
  let all: { at: number; rounds: Round[] } | undefined;
  let loading: Promise<Round[]> | undefined;
  // A write bumps the generation, so a read that started before it never refills the cache.
  let generation = 0;
  const load = (): Promise<Round[]> => {
    if (all && clock.now().getTime() - all.at < ttlMs) return Promise.resolve(all.rounds);
    if (!loading) {
      const started = generation;
      const at = clock.now().getTime();
      loading = inner.list().then(
        (rounds) => {
          if (started === generation) all = { at, rounds };
          loading = undefined;
          return rounds;
        },
        (e: unknown) => {
          loading = undefined;
          const fresh = all && clock.now().getTime() - all.at < staleMs;
          if (fresh && started === generation && isDomainError(e, 'StorageUnavailable'))
            return all!.rounds;
          throw e;
        },
      );
    }
    return loading;
  };
  const changed = () => {
    generation++;
    all = undefined;
    loading = undefined;
  };
  return {
    async get(id) {
      return (await load()).find((r) => r.id === id);
    },
    list: load,
    async save(round) {
      changed();
      await inner.save(round);
      changed();
    },
    async delete(id) {
      changed();
      await inner.delete(id);
      changed();
    },
    // A change made here is read fresh: the ETag it needs is storage's, never the cache's.
    read: (id) => inner.read(id),
    async write(round, etag, version) {
      changed();
      try {
        return await inner.write(round, etag, version);
      } finally {
        changed();
      }
    },
    versions: (roundId) => inner.versions(roundId),
    rewriteVersions: (roundId, rewrite) => inner.rewriteVersions(roundId, rewrite),
  };
}
