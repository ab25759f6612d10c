import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { saveDemoRound } from './demo-round';
import { startBotProcess, startPlayground } from './processes';

/**
 * `npm run playground`: the bot with embedded Azurite (the sample round imported), and the
 * Microsoft 365 Agents Playground at http://localhost:56150 whose mock users are a respondent
 * for Kuopio, the HYTE coordinator and others from the sample round.
 * Set TEAMSAPPTESTER_BROWSER to open a browser too.
 */
async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const botPort = Number(process.env.PORT ?? 3978);
  const dataDir = process.env.HYTE_DATA_DIR ?? path.join(root, '.data');
  // Report and contact list links work on this machine: signed with a secret of this run.
  const bot = await startBotProcess(
    {
      HYTE_DATA_DIR: dataDir,
      HYTE_PUBLIC_URL: process.env.HYTE_PUBLIC_URL ?? `http://localhost:${botPort}`,
      HYTE_LINK_SECRET: process.env.HYTE_LINK_SECRET ?? randomBytes(32).toString('hex'),
    },
    botPort,
  );
  await saveDemoRound(dataDir);
  const playground = await startPlayground({
    botPort,
    port: 56150,
    config: path.join(root, '.m365agentsplayground.yml'),
    browser: !!process.env.TEAMSAPPTESTER_BROWSER && process.env.TEAMSAPPTESTER_BROWSER !== 'none',
  });
  console.log(
    'Agents Playground: http://localhost:56150  (Ctrl+C stops the bot and the Playground)',
  );
  const stop = async () => {
    await playground.stop();
    await bot.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
