import assert from 'node:assert/strict';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Stores } from '../../bot/domain/ports';
import { Round } from '../../bot/domain/round';
import { Verbs } from '../../cards';
import { createStores } from '../../storage';
import { AzureTableService } from '../../storage/azure-table';
import { freePort } from '../../storage/azurite';
import { invoke, message } from '../helpers/activities';
import { azuriteConnectionString, uniquePrefix } from '../helpers/azurite';
import { post } from '../helpers/bot-server';
import { cardTexts } from '../helpers/card-check';
import { ConnectorEmulator } from '../helpers/connector';
import { AAD, fixtureRound } from '../helpers/questionnaire-fixtures';

const ROOT = path.resolve(__dirname, '..', '..');
const RESPONDENTS = 60;
const olli = { aadObjectId: AAD.olli, name: 'Olli O' };
const aad = (i: number) => `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`;

/** 20 organisations of 3 respondents, every other one named by e-mail; all in the team. */
function launchRound(): Round {
  return Round.parse({
    ...fixtureRound(),
    organisations: Array.from({ length: RESPONDENTS / 3 }, (_, o) => ({
      id: `org-${o}`,
      name: `Organisaatio ${o}`,
      kind: 'municipality',
      respondents: Array.from({ length: 3 }, (_, r) => {
        const i = o * 3 + r;
        return i % 2 ? { email: `person${i}@example.fi` } : { aadObjectId: aad(i) };
      }),
    })),
  });
}

interface Server {
  child: ChildProcess;
  url: string;
  lines: Array<Record<string, unknown>>;
  exited: Promise<number>;
}

/** The bot as an operator runs it: `npm start`, in a process group of its own. */
async function npmStart(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'info', NODE_ENV: 'test' },
  });
  const lines: Array<Record<string, unknown>> = [];
  let buffered = '';
  child.stdout!.on('data', (b: Buffer) => {
    buffered += b.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const line of parts) {
      try {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // npm's own banner lines
      }
    }
  });
  child.stderr!.resume();
  const exited = new Promise<number>((resolve) => child.once('exit', () => resolve(Date.now())));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error('npm start exited before listening');
    if (Date.now() > deadline) throw new Error('npm start did not answer /healthz');
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, url, lines, exited };
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(check: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('npm start: SIGTERM to the whole process group in the middle of a launch', function () {
  this.timeout(240_000);
  let connector: ConnectorEmulator;
  let stores: Stores;
  let env: Record<string, string>;
  const started: Server[] = [];
  const killAll = () => {
    for (const s of started)
      if (s.child.pid && groupAlive(s.child.pid)) process.kill(-s.child.pid, 'SIGKILL');
  };

  before(async () => {
    // Built once here; `npm start` may build again or not, either works.
    await promisify(execFile)('npm', ['run', 'build'], { cwd: ROOT });
    process.on('exit', killAll);
    // 1:1 chats to be created, some creates and sends answered 429 (Retry-After) or 503.
    connector = await new ConnectorEmulator({
      createFailures: 0.15,
      randomFailures: 0.1,
      random: seeded(11),
    }).start();
    for (let i = 0; i < RESPONDENTS; i++)
      connector.members.set(aad(i), {
        id: `29:user-${i}`,
        aadObjectId: aad(i),
        email: `person${i}@example.fi`,
        name: `Henkilö ${i}`,
      });
    const prefix = uniquePrefix();
    stores = createStores(
      new AzureTableService({ connectionString: azuriteConnectionString() }, prefix),
    );
    await stores.rounds.save(launchRound());
    env = {
      AZURE_STORAGE_CONNECTION_STRING: azuriteConnectionString(),
      HYTE_TABLE_PREFIX: prefix,
      HYTE_REMINDER_INTERVAL: '0',
      // Slow enough that the signal lands mid-launch.
      HYTE_SEND_PER_SECOND: '8',
      MicrosoftAppId: '',
    };
  });
  after(async () => {
    killAll();
    process.off('exit', killAll);
    await connector?.close();
  });

  const where = () => ({ serviceUrl: connector.url });
  const intros = () =>
    [...connector.delivered].filter(([id]) => id.startsWith('a:created-29:user-'));

  it('exits within 10 s logging what it finished and released; a relaunch right after reaches everyone once', async () => {
    const first = await npmStart(env);
    started.push(first);
    await post(
      `${first.url}/api/messages`,
      message('<at>HYTE-botti</at> ohje', olli, {
        ...where(),
        conversationType: 'channel',
        channelId: 'council',
      }),
    );
    await connector.waitForActivities(1, 15_000);
    const launched = await post(
      `${first.url}/api/messages`,
      invoke(Verbs.roundLaunch, {}, olli, where()),
    );
    assert.equal(launched.status, 200);
    await waitFor(() => intros().length >= 12);

    const pid = first.child.pid!;
    const signalled = Date.now();
    process.kill(-pid, 'SIGTERM');
    await new Promise((r) => setTimeout(r, 150));
    if (groupAlive(pid)) process.kill(-pid, 'SIGTERM');
    const exitedAt = await first.exited;
    await waitFor(() => !groupAlive(pid), 10_000);
    assert.ok(exitedAt - signalled < 10_000, `exited ${exitedAt - signalled} ms after SIGTERM`);

    const starts = first.lines.filter((l) => String(l.msg).startsWith('shutting down'));
    const ends = first.lines.filter((l) => String(l.msg).startsWith('shut down'));
    assert.equal(starts.length, 1, 'one line when shutdown starts, whatever the signals');
    assert.equal(ends.length, 1, 'one line when it ends');
    const summary = ends[0]!;
    assert.equal(typeof summary.finished, 'number');
    assert.ok(Number(summary.released) > 0, `claims released: ${JSON.stringify(summary)}`);
    assert.equal(summary.unfinished, 0);

    const halfway = intros().length;
    assert.ok(halfway < RESPONDENTS, `stopped mid-launch (${halfway} sent)`);
    const records = await stores.deliveries.list('pohjois-savo-2025', 'launch');
    assert.deepEqual(
      records.filter((d) => d.state === 'sending'),
      [],
      'no claim is left behind for the next run to skip',
    );
    const lastProgress = connector.calls.filter(
      (c) => c.method === 'PUT' && c.path.endsWith('/activities/card-message-1'),
    );
    assert.match(
      cardTexts(
        (lastProgress.at(-1)?.body.attachments as Array<{ content: unknown }>)[0]!.content,
      ).join('\n'),
      /keskeytyi/,
      'the progress card ends interrupted',
    );

    const second = await npmStart({ ...env, HYTE_SEND_PER_SECOND: '50' });
    started.push(second);
    await post(`${second.url}/api/messages`, invoke(Verbs.roundLaunch, {}, olli, where()));
    await waitFor(
      async () =>
        (await stores.deliveries.list('pohjois-savo-2025', 'launch')).filter(
          (d) => d.state === 'sent',
        ).length === RESPONDENTS,
      90_000,
    );
    const all = intros();
    assert.equal(all.length, RESPONDENTS, 'every respondent got the intro');
    assert.deepEqual(
      all.filter(([, n]) => n !== 1),
      [],
      'nobody got it twice',
    );
    process.kill(-second.child.pid!, 'SIGTERM');
    await second.exited;
  });
});

/** A small deterministic PRNG, so the injected failures are the same on every run. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) % 4294967296;
    return s / 4294967296;
  };
}
