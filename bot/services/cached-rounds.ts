import type { Clock, RoundStore } from '../domain/ports';
import type { Round } from '../domain/round';

/**
 * Round definitions change only on import, yet every card action reads them: this keeps them
 * for a few seconds per process. Writes through this store are seen at once; another
 * instance's import within `ttlMs`.
 */
export function cachedRoundStore(inner: RoundStore, clock: Clock, ttlMs = 10_000): RoundStore {
  let all: { at: number; rounds: Round[] } | undefined;
  const fresh = () => all && clock.now().getTime() - all.at < ttlMs;
  const load = async () => {
    if (!fresh()) all = { at: clock.now().getTime(), rounds: await inner.list() };
    return all!.rounds;
  };
  return {
    async get(id) {
      if (fresh()) return (await load()).find((r) => r.id === id);
      return inner.get(id);
    },
    list: load,
    async save(round) {
      all = undefined;
      await inner.save(round);
    },
    async delete(id) {
      all = undefined;
      await inner.delete(id);
    },
  };
}
