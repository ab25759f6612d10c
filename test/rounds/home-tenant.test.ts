import assert from 'node:assert/strict';
import { withHomeTenant } from '../../bot/rounds/home-tenant';
import { fixtureRound } from '../helpers/questionnaire-fixtures';
import { testStores } from '../helpers/stores';

const HOME = 'aaaaaaaa-0000-4000-8000-00000000000a';
const KUOPIO = 'bbbbbbbb-0000-4000-8000-00000000000b';

describe('rounds as the installation sees them', () => {
  it('gives rounds without a home tenant the default, and hides them where several are allowed', async () => {
    const stores = testStores();
    await stores.rounds.save(fixtureRound());
    const single = withHomeTenant(stores.rounds, { allowedTenants: [HOME] });
    assert.equal((await single.get('pohjois-savo-2025'))?.tenantId, HOME);
    const told: string[] = [];
    const several = withHomeTenant(stores.rounds, { allowedTenants: [HOME, KUOPIO] }, (id, i) =>
      told.push(`${id}: ${i.path}: ${i.message}`),
    );
    assert.deepEqual(await several.list(), []);
    assert.equal(await several.get('pohjois-savo-2025'), undefined);
    assert.deepEqual(told, [
      'pohjois-savo-2025: tenantId: required when HYTE_ALLOWED_TENANTS lists more than one tenant',
    ]);
    const legacy = withHomeTenant(stores.rounds, { allowedTenants: [] });
    assert.equal((await legacy.get('pohjois-savo-2025'))?.tenantId, undefined);
  });
});
