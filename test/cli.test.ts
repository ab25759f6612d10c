import assert from 'node:assert/strict';
import path from 'node:path';
import { runCli } from '../bot/cli';
import type { Stores } from '../bot/domain/ports';
import { azuriteStores } from './helpers/bot-server';

const SAMPLE = path.join(__dirname, '..', 'rounds', 'pohjois-savo-2025.yaml');

describe('hyte CLI on Azurite', () => {
  let stores: Stores;
  let out: string[];
  let err: string[];
  const files = new Map<string, string>();
  const cli = (...argv: string[]) => {
    out = [];
    err = [];
    return runCli(argv, {
      stores,
      timeZone: 'Europe/Helsinki',
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      readFile: async (p) => files.get(p) ?? (await import('node:fs/promises')).readFile(p, 'utf8'),
    });
  };

  beforeEach(() => {
    stores = azuriteStores();
  });

  it('imports the sample round, lists it and prints its status as JSON only', async () => {
    assert.equal(await cli('round', 'import', SAMPLE), 0);
    assert.match(out[0] ?? '', /imported pohjois-savo-2025: 10 goals, 23 organisations/);
    assert.equal(await cli('round', 'list'), 0);
    assert.match(out.join('\n'), /pohjois-savo-2025 .* 0\/23 submitted/);
    assert.equal(await cli('round', 'status', 'pohjois-savo-2025', '--json'), 0);
    const status = JSON.parse(out.join('\n')) as {
      roundId: string;
      organisations: Array<{
        id: string;
        state: string;
        measures: number;
        respondents: Array<{ email?: string; delivery: string }>;
      }>;
    };
    assert.equal(status.roundId, 'pohjois-savo-2025');
    assert.equal(status.organisations.length, 23);
    assert.ok(status.organisations.every((o) => o.state === 'not-reached' && o.measures === 0));
    const kuopio = status.organisations.find((o) => o.id === 'kuopio');
    assert.deepEqual(kuopio?.respondents, [
      { email: 'hyte@kuopio.example.fi', delivery: 'not-reached' },
    ]);
  });

  it('shows drafts and submissions, and keeps answers when the round is imported again', async () => {
    await cli('round', 'import', SAMPLE);
    await stores.responses.createMeasure('pohjois-savo-2025', 'kuopio', {
      id: 'measure-0001',
      goalId: 'elintavat',
      description: 'Liikuntaneuvonta',
      owner: 'Liikuntapalvelut',
      partners: [],
      partnersOther: '',
      metrics: '',
      targetGroup: '',
      timeframe: '',
      notes: '',
      createdAt: '2025-09-01T08:00:00.000Z',
      createdBy: 'Anna',
      updatedAt: '2025-09-01T08:00:00.000Z',
      updatedBy: 'Anna',
    });
    await stores.responses.saveResponse(
      {
        roundId: 'pohjois-savo-2025',
        organisationId: 'varkaus',
        state: 'submitted',
        submittedAt: '2025-09-05T10:00:00.000Z',
        submittedBy: 'Ville',
      },
      undefined,
    );
    assert.equal(await cli('round', 'import', SAMPLE), 0);
    assert.match(out[0] ?? '', /^updated/);
    await cli('round', 'status', 'pohjois-savo-2025');
    const text = out.join('\n');
    assert.match(text, /1\/23 submitted, 1 draft/);
    assert.match(
      text,
      /draft\s+1\s+Kuopion kaupunki\s+last change 2025-09-01T08:00:00.000Z by Anna/,
    );
    // Organisations with problems first: the submitted one is last.
    assert.match(out[out.length - 1] ?? '', /submitted .*Varkauden kaupunki/);
  });

  it('refuses a round file with errors, listing every one, and stores nothing', async () => {
    files.set(
      'bad.yaml',
      'id: Bad Id\ntitle: {sv: x}\ngoals: []\norganisations: [{id: a, name: A, kind: town}]\n',
    );
    assert.equal(await cli('round', 'import', 'bad.yaml'), 1);
    const text = err.join('\n');
    for (const p of [
      'id:',
      'title.fi: required',
      'region: required',
      'goals:',
      'organisations[0].kind:',
    ])
      assert.ok(text.includes(p), `${p} missing in:\n${text}`);
    assert.deepEqual(await stores.rounds.list(), []);
  });

  it('deletes a round and its answers only with --yes', async () => {
    await cli('round', 'import', SAMPLE);
    await stores.responses.saveResponse(
      { roundId: 'pohjois-savo-2025', organisationId: 'kuopio', state: 'draft' },
      undefined,
    );
    assert.equal(await cli('round', 'delete', 'pohjois-savo-2025'), 1);
    assert.match(err[0] ?? '', /--yes/);
    assert.ok(await stores.rounds.get('pohjois-savo-2025'));
    assert.equal(await cli('round', 'delete', 'pohjois-savo-2025', '--yes'), 0);
    assert.equal(await stores.rounds.get('pohjois-savo-2025'), undefined);
    assert.equal((await stores.responses.listSheets('pohjois-savo-2025')).size, 0);
  });

  it('answers unknown rounds and commands with a reason and a non-zero exit', async () => {
    assert.equal(await cli('round', 'status', 'nope'), 1);
    assert.deepEqual(err, ['round not found: nope']);
    assert.equal(await cli('round', 'frobnicate'), 2);
    assert.match(err[0] ?? '', /unknown command/);
    assert.equal(await cli('round', 'import', 'missing-file.yaml'), 1);
    assert.match(err[0] ?? '', /cannot read missing-file.yaml/);
    assert.equal(await cli(), 0);
    assert.match(out[0] ?? '', /usage: hyte/);
  });
});
