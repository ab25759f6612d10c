import assert from 'node:assert/strict';
import { runCli } from '../bot/cli';
import type { Stores } from '../bot/domain/ports';
import { azuriteStores } from './helpers/bot-server';
import { HOME, IISALMI, KUOPIO } from './helpers/tenant-fixtures';

const FILE = (home: string) => `
id: t
title: { fi: T }
region: Pohjois-Savo
meetingAt: 2025-09-16T09:00:00+03:00
deadline: 2025-09-09T16:00:00+03:00
coordinators: [{ email: k@example.fi }]
goals: [{ id: a, title: { fi: A } }]
${home}
organisations:
  - { id: kuopio, name: Kuopio, kind: municipality, tenantId: "${KUOPIO}" }
  - { id: iisalmi, name: Iisalmi, kind: municipality, tenantId: "${IISALMI}" }
  - { id: mtr, name: Järjestö, kind: ngo }
`;

describe('hyte round import and status with tenants', () => {
  let stores: Stores;
  let out: string[];
  let err: string[];
  const cli = (allowedTenants: string[], text: string) => {
    out = [];
    err = [];
    return runCli(['round', 'import', 'round.yaml'], {
      stores,
      tenants: { allowedTenants },
      timeZone: 'Europe/Helsinki',
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      readFile: async () => text,
    });
  };
  beforeEach(() => {
    stores = azuriteStores();
  });

  it('says which tenants the round uses and which are not in HYTE_ALLOWED_TENANTS', async () => {
    assert.equal(await cli([HOME, KUOPIO], FILE(`tenantId: "${HOME}"`)), 0);
    assert.deepEqual(out.slice(1), [
      `tenants: ${HOME} (home, mtr); ${KUOPIO} (kuopio); ${IISALMI} (iisalmi)`,
      `not in HYTE_ALLOWED_TENANTS: ${IISALMI} (iisalmi)`,
    ]);
    assert.equal(await cli([HOME, KUOPIO, IISALMI], FILE(`tenantId: "${HOME}"`)), 0);
    assert.equal(out.at(-1), 'every tenant is in HYTE_ALLOWED_TENANTS');
  });

  it('refuses a round without a home tenant where several tenants are allowed, storing nothing', async () => {
    assert.equal(await cli([HOME, KUOPIO], FILE('')), 1);
    assert.deepEqual(err, [
      'the round file has 1 error(s); nothing was stored:',
      'tenantId: required when HYTE_ALLOWED_TENANTS lists more than one tenant',
    ]);
    assert.deepEqual(await stores.rounds.list(), []);
    // A single-tenant installation takes the same file, its one tenant being home.
    assert.equal(await cli([HOME], FILE('')), 0);
    assert.match(out[1] ?? '', new RegExp(`^tenants: ${HOME} \\(home, mtr\\)`));
  });
});
