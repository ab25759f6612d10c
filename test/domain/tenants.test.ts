import assert from 'node:assert/strict';
import { coordinates } from '../../bot/domain/coordinators';
import { isDomainError, type ValidationError } from '../../bot/domain/errors';
import { memberAddresses, resolveRespondent } from '../../bot/domain/identity';
import { formatIssues, parseRoundFile } from '../../bot/domain/round-file';
import { defaultHomeTenant, roundTenants } from '../../bot/domain/tenants';
import { AAD, BEFORE_DEADLINE, fixtureRound, user } from '../helpers/questionnaire-fixtures';

const HOME = 'aaaaaaaa-0000-4000-8000-00000000000a';
const KUOPIO = 'bbbbbbbb-0000-4000-8000-00000000000b';
const OTHER = 'cccccccc-0000-4000-8000-00000000000c';

const FILE = (extra: string) => `
id: t
title: { fi: T }
region: Pohjois-Savo
meetingAt: 2025-09-16T09:00:00+03:00
deadline: 2025-09-09T16:00:00+03:00
coordinators: [{ email: k@example.fi }]
goals: [{ id: a, title: { fi: A } }]
${extra}
`;
const ORGS = (kuopioTenant: string) => `
organisations:
  - { id: kuopio, name: Kuopio, kind: municipality, tenantId: "${kuopioTenant}" }
  - { id: mtr, name: Järjestö, kind: ngo }
`;

function issues(text: string, allowedTenants: string[]): string[] {
  try {
    parseRoundFile(text, 'round.yaml', { allowedTenants });
  } catch (e) {
    assert.ok(isDomainError(e, 'Validation'), String(e));
    return formatIssues((e as ValidationError).issues).split('\n');
  }
  assert.fail('expected a ValidationError');
}

describe('tenants in round files', () => {
  it('reads the home tenant and organisation tenants as lower-case GUIDs', () => {
    const round = parseRoundFile(
      FILE(`tenantId: "${HOME.toUpperCase()}"\n${ORGS(KUOPIO)}`),
      'r.yaml',
    );
    assert.equal(round.tenantId, HOME);
    assert.equal(round.organisations[0]?.tenantId, KUOPIO);
    assert.equal(round.organisations[1]?.tenantId, undefined);
  });

  it('names each tenant id that is no GUID by its path', () => {
    assert.deepEqual(issues(FILE(`tenantId: county\n${ORGS('kuopio.fi')}`), []), [
      'tenantId: must be an Entra tenant id (GUID)',
      'organisations[0].tenantId: must be an Entra tenant id (GUID)',
    ]);
  });

  it('needs a home tenant when several tenants are allowed, and names the field', () => {
    assert.deepEqual(issues(FILE(ORGS(KUOPIO)), [HOME, KUOPIO]), [
      'tenantId: required when HYTE_ALLOWED_TENANTS lists more than one tenant',
    ]);
    // Listed beside the other errors of the same file.
    assert.ok(
      issues(FILE(ORGS('x')), [HOME, KUOPIO]).includes(
        'tenantId: required when HYTE_ALLOWED_TENANTS lists more than one tenant',
      ),
    );
    // One allowed tenant, or none: the file needs none.
    assert.doesNotThrow(() =>
      parseRoundFile(FILE(ORGS(KUOPIO)), 'r.yaml', { allowedTenants: [HOME] }),
    );
    assert.doesNotThrow(() => parseRoundFile(FILE(ORGS(KUOPIO)), 'r.yaml', { allowedTenants: [] }));
  });

  it('lists the tenants a round uses and which the installation does not allow', () => {
    const round = parseRoundFile(FILE(`tenantId: "${HOME}"\n${ORGS(OTHER)}`), 'r.yaml');
    assert.deepEqual(roundTenants(round, { allowedTenants: [HOME, KUOPIO] }), [
      { tenantId: HOME, home: true, organisations: ['mtr'], allowed: true },
      { tenantId: OTHER, home: false, organisations: ['kuopio'], allowed: false },
    ]);
  });

  it('defaults the home tenant to the one allowed tenant, else the app tenant, never one of several', () => {
    assert.equal(defaultHomeTenant({ allowedTenants: [HOME], appTenantId: OTHER }), HOME);
    assert.equal(
      defaultHomeTenant({ allowedTenants: [], appTenantId: OTHER.toUpperCase() }),
      OTHER,
    );
    assert.equal(
      defaultHomeTenant({ allowedTenants: [HOME, KUOPIO], appTenantId: OTHER }),
      undefined,
    );
    assert.equal(defaultHomeTenant({ allowedTenants: [] }), undefined);
  });
});

describe('identity is (tenant, person)', () => {
  const round = fixtureRound({
    tenantId: HOME,
    organisations: [
      {
        id: 'kuopio',
        name: 'Kuopio',
        kind: 'municipality',
        tenantId: KUOPIO,
        respondents: [{ email: 'anna@kuopio.fi' }],
      },
      { id: 'mtr', name: 'Järjestö', kind: 'ngo', respondents: [{ aadObjectId: AAD.ben }] },
    ],
  });

  it("counts a respondent only in their organisation's tenant, else the home tenant", () => {
    const anna = (tenantId: string) =>
      resolveRespondent([round], user('anna', { tenantId }), BEFORE_DEADLINE).kind;
    assert.equal(anna(KUOPIO), 'respondent');
    assert.equal(anna(HOME), 'none');
    assert.equal(anna(OTHER), 'none');
    const ben = (tenantId: string) =>
      resolveRespondent([round], user('ben', { tenantId }), BEFORE_DEADLINE).kind;
    assert.equal(ben(HOME.toUpperCase()), 'respondent');
    assert.equal(ben(KUOPIO), 'none');
  });

  it('counts a coordinator only in the home tenant, by e-mail and by object id', () => {
    const k = { email: 'koordinaattori@example.fi' };
    assert.ok(coordinates(round, user('stranger', { tenantId: HOME, ...k })));
    assert.ok(!coordinates(round, user('stranger', { tenantId: KUOPIO, ...k })));
    assert.ok(coordinates(round, user('olli', { tenantId: HOME })));
    assert.ok(!coordinates(round, user('olli', { tenantId: OTHER })));
  });

  it('reads a B2B guest e-mail back from the guest form of the user principal name', () => {
    assert.deepEqual(
      memberAddresses({
        userPrincipalName: 'Nina_Jarjesto.Example.org#EXT#@pshva.onmicrosoft.com',
      }),
      ['nina@jarjesto.example.org'],
    );
    assert.deepEqual(memberAddresses({ email: 'A@x.fi', userPrincipalName: 'a@x.fi' }), ['a@x.fi']);
    assert.deepEqual(memberAddresses({}), []);
  });
});
