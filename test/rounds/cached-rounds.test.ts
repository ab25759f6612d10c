import assert from 'node:assert/strict';
import { StorageUnavailableError } from '../../bot/domain/errors';
import type { RoundStore } from '../../bot/domain/ports';
import type { Round } from '../../bot/domain/round';
import { cachedRoundStore } from '../../bot/rounds/cached-rounds';
import { fixtureRound } from '../helpers/questionnaire-fixtures';
import { testStores } from '../helpers/stores';

describe('cached round store', () => {
  let inner: RoundStore;
  let lists: number;
  let now: number;
  let store: RoundStore;

  beforeEach(async () => {
    const stores = testStores();
    lists = 0;
    now = 0;
    inner = {
      ...stores.rounds,
      list: () => {
        lists++;
        return stores.rounds.list();
      },
    };
    await inner.save(fixtureRound());
    store = cachedRoundStore(inner, { now: () => new Date(now) }, 10_000);
  });

  it('answers concurrent reads with one storage read, and again only after the TTL', async () => {
    const got = await Promise.all(Array.from({ length: 10 }, () => store.get(fixtureRound().id)));
    assert.ok(got.every((r) => r?.id === fixtureRound().id));
    assert.equal(lists, 1);
    now = 9_999;
    await store.get('missing');
    assert.equal(lists, 1);
    now = 10_000;
    await store.list();
    assert.equal(lists, 2);
  });

  it('sees its own writes at once, even with a read in flight', async () => {
    const inFlight = store.list();
    const renamed: Round = { ...fixtureRound(), region: 'Uusi' };
    await store.save(renamed);
    await inFlight;
    assert.equal((await store.get(renamed.id))?.region, 'Uusi');
    await store.delete(renamed.id);
    assert.equal(await store.get(renamed.id), undefined);
  });

  it('stands in with the last list while storage is unavailable, for an hour at most', async () => {
    await store.list();
    let failure: Error = new StorageUnavailableError('injected');
    inner.list = () => Promise.reject(failure);
    now = 30 * 60_000;
    assert.equal((await store.get(fixtureRound().id))?.id, fixtureRound().id);
    failure = new Error('not an outage');
    await assert.rejects(store.list(), /not an outage/);
    failure = new StorageUnavailableError('injected');
    now = 60 * 60_000;
    await assert.rejects(store.list(), StorageUnavailableError);
  });
});
