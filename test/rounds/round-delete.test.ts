import assert from 'node:assert/strict';
import type { Measure } from '../../bot/domain/answers/measure';
import type { Stores } from '../../bot/domain/ports';
import { deleteRoundData } from '../../bot/rounds';
import { fixtureRound } from '../helpers/questionnaire-fixtures';
import { testStores } from '../helpers/stores';

const ROUND = 'pohjois-savo-2025';

function measure(id: string): Measure {
  return {
    id,
    goalId: 'terveyserot',
    description: 'Liikuntaneuvonta kaikille ikäryhmille',
    owner: 'Liikuntapalvelut',
    partners: [],
    partnersOther: '',
    metrics: 'Neuvontakäynnit / vuosi',
    targetGroup: '',
    timeframe: '2025–2027',
    notes: '',
    createdAt: '2025-09-01T08:00:00.000Z',
    createdBy: 'Maija',
    updatedAt: '2025-09-01T08:00:00.000Z',
    updatedBy: 'Maija',
  } as Measure;
}

describe('round delete', () => {
  let stores: Stores;
  beforeEach(async () => {
    stores = testStores();
    await stores.rounds.save(fixtureRound());
    await stores.responses.createMeasure(ROUND, 'kuopio', measure('m-00000001'));
    await stores.roundState.setLaunchOnce({
      roundId: ROUND,
      tenantId: 'tenant',
      launchedBy: 'coordinator',
      launchedAt: '2025-09-01T08:00:00.000Z',
    });
  });

  it('removes the definition before any of its data, so no save can start meanwhile', async () => {
    const seen: string[] = [];
    const watch = <T extends object>(name: string, store: T): T =>
      ({
        ...store,
        deleteRound: async (id: string) => {
          seen.push(`${name}: definition ${(await stores.rounds.get(id)) ? 'present' : 'gone'}`);
          await (store as { deleteRound(id: string): Promise<void> }).deleteRound(id);
        },
      }) as T;
    await deleteRoundData(
      {
        ...stores,
        responses: watch('responses', stores.responses),
        deliveries: watch('deliveries', stores.deliveries),
        roundState: watch('roundState', stores.roundState),
      },
      ROUND,
    );
    assert.ok(seen.length >= 3);
    assert.deepEqual(
      seen.filter((s) => s.endsWith('present')),
      [],
    );
    assert.equal(await stores.rounds.get(ROUND), undefined);
    assert.equal((await stores.responses.listSheets(ROUND)).size, 0);
    assert.equal(await stores.roundState.getLaunch(ROUND), undefined);
  });

  it('leaves no partition behind when a save lands while the answers are being deleted', async () => {
    let landed = false;
    const racing: Stores = {
      ...stores,
      responses: {
        ...stores.responses,
        deleteRound: async (id) => {
          await stores.responses.deleteRound(id);
          if (landed) return;
          // A save that read the definition just before it went, writing after the sweep.
          landed = true;
          await stores.responses.createMeasure(ROUND, 'siilinjarvi', measure('m-00000002'));
        },
      },
    };
    await deleteRoundData(racing, ROUND);
    assert.ok(landed);
    assert.equal((await stores.responses.listSheets(ROUND)).size, 0);
  });
});
