import assert from 'node:assert/strict';
import { runCli } from '../bot/cli';
import { Measure } from '../bot/domain/answers/measure';
import type { Version } from '../bot/domain/audit/version';
import type { Stores } from '../bot/domain/ports';
import { azuriteStores } from './helpers/bot-server';

const file = (id: string, region: string, extra = '') => `
id: ${id}
title: { fi: HYTE ${id} }
region: ${region}
meetingAt: 2025-09-16T09:00:00+03:00
deadline: 2025-09-09T16:00:00+03:00
coordinators: [{ email: k@example.fi }]
goals: [{ id: terveyserot, title: { fi: Terveyserot } }]
organisations: [{ id: kuopio, name: Kuopio, kind: municipality, respondents: [{ email: anna@kuopio.fi }] }]
${extra}`;

const FILES = new Map([
  ['2025.yaml', file('ps-2025', 'Pohjois-Savo')],
  ['2025b.yaml', file('ps-2025', 'Savo')],
  ['2026.yaml', file('ps-2026', 'Pohjois-Savo', 'previousRound: ps-2025')],
]);

describe('hyte round history on Azurite', () => {
  let stores: Stores;
  let out: string[];
  let err: string[];
  const cli = (...argv: string[]) => {
    out = [];
    err = [];
    return runCli(argv, {
      stores,
      timeZone: 'Europe/Helsinki',
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      readFile: async (p) => FILES.get(p) ?? assert.fail(`no file ${p}`),
      operator: 'kaisa',
    });
  };
  const history = async (...extra: string[]) => {
    assert.equal(await cli('round', 'history', ...extra, '--json'), 0, err.join('\n'));
    assert.equal(out.length, 1, 'only JSON on stdout');
    return JSON.parse(out[0]!) as { roundId: string; versions: Version[] };
  };

  beforeEach(() => {
    stores = azuriteStores();
  });

  it('keeps each import that changes a round as a version by the operator, and none that changes nothing', async () => {
    assert.equal(await cli('round', 'import', '2025.yaml'), 0);
    assert.equal(await cli('round', 'import', '2025.yaml'), 0);
    assert.equal(await cli('round', 'import', '2025b.yaml'), 0);
    const h = await history('ps-2025');
    assert.equal(h.roundId, 'ps-2025');
    assert.deepEqual(
      h.versions.map((v) => [v.kind, v.action, v.by.name]),
      [
        ['round', 'create', 'hyte CLI (kaisa)'],
        ['round', 'update', 'hyte CLI (kaisa)'],
      ],
    );
    assert.deepEqual(h.versions[1]?.changes, { region: { from: 'Pohjois-Savo', to: 'Savo' } });
    assert.deepEqual(h.versions[0]?.changes['organisations.kuopio']?.to, {
      id: 'kuopio',
      name: 'Kuopio',
      kind: 'municipality',
      language: 'fi',
      respondents: [{ email: 'anna@kuopio.fi' }],
    });
  });

  it('records the carrying of last year’s measures, and tells them by organisation', async () => {
    await cli('round', 'import', '2025.yaml');
    const m = Measure.parse({
      id: 'm-00000001',
      goalId: 'terveyserot',
      description: 'Liikuntaneuvonta',
      owner: 'Liikuntapalvelut',
      createdAt: '2025-09-01T08:00:00.000Z',
      createdBy: 'Anna A',
      updatedAt: '2025-09-01T08:00:00.000Z',
      updatedBy: 'Anna A',
    });
    await stores.responses.createMeasure('ps-2025', 'kuopio', m);
    assert.equal(await cli('round', 'import', '2026.yaml'), 0, err.join('\n'));
    const all = await history('ps-2026');
    const carried = all.versions.filter((v) => v.kind === 'measure');
    assert.equal(carried.length, 1);
    assert.equal(carried[0]?.action, 'create');
    assert.equal(carried[0]?.by.name, 'hyte CLI (kaisa)');
    assert.deepEqual(carried[0]?.changes.carriedFrom, {
      from: null,
      to: { roundId: 'ps-2025', measureId: 'm-00000001' },
    });
    assert.equal(carried[0]?.changes.description?.to, 'Liikuntaneuvonta');
    const kuopio = await history('ps-2026', '--organisation', 'kuopio');
    assert.deepEqual(
      kuopio.versions.map((v) => v.kind),
      ['measure'],
      'an organisation’s own versions only',
    );
    assert.equal(await cli('round', 'history', 'ps-2026'), 0);
    assert.match(out.join('\n'), /^ps-2026: 2 versions, oldest first$/m);
    assert.match(out.join('\n'), /hyte CLI \(kaisa\) {2}measure create {2}kuopio terveyserot c-/);
    assert.match(out.join('\n'), / {4}description: – → "Liikuntaneuvonta"/);
  });

  it('answers a round it does not know, or no round, with a one-line reason', async () => {
    assert.equal(await cli('round', 'history', 'no-such-round'), 1);
    assert.deepEqual(err, ['round not found: no-such-round']);
    assert.equal(await cli('round', 'access-log'), 2);
    assert.equal(await cli('round', 'access-log', 'no-such-round', '--json'), 1);
    assert.equal(out.length, 0);
    assert.equal(await cli('person', 'forget', '--yes'), 2);
    assert.equal(
      await cli('person', 'forget', '--email', 'a@b.fi', '--aad-object-id', 'x', '--yes'),
      2,
    );
  });
});
