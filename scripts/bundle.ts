/**
 * `npm run bundle`: writes dist/app.zip, the artefact App Service runs. It holds the compiled
 * code (built afresh, so nothing stale from dist/ slips in), the start and CLI entries, the
 * sample rounds, package.json and the lock file: `npm ci --omit=dev` then `npm start` serve
 * it with no build tools.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ZipEntry, zipFiles } from '../bot/report/zip';

const ROOT = path.resolve(__dirname, '..');

function files(dir: string, prefix: string, keep: (name: string) => boolean): ZipEntry[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && keep(e.name))
    .map((e) => {
      const full = path.join(e.parentPath, e.name);
      const name = path.posix.join(prefix, path.relative(dir, full).split(path.sep).join('/'));
      return { name, data: fs.readFileSync(full) };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * package.json as deployed: the same dependencies (so the lock file still matches and
 * `npm ci` accepts it) but only the scripts a deployment runs. Without a `build` script,
 * App Service's build step (Oryx) installs dependencies and compiles nothing.
 */
function deployedPackageJson(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const { start, hyte } = pkg.scripts;
  pkg.scripts = { start: start!, hyte: hyte! };
  return JSON.stringify(pkg, null, 2) + '\n';
}

/**
 * The deployed install lays out each package version once (in node_modules/.store, linked
 * where needed) instead of npm's default hoisting, which copies zod 3, msal 2 and axios into
 * every botbuilder package that needs them: about 194 MB instead of 218 MB on disk. The
 * optional telemetry packages (about 80 MB more) are left out unless the install asks for
 * them (`--include=optional`, or `NPM_CONFIG_INCLUDE=optional` as the Bicep template sets).
 * `optional=false`, not `omit=optional`: a command line's `--omit=dev` replaces `omit`.
 */
const NPMRC = 'install-strategy=linked\noptional=false\n';

export function bundle(out = path.join(ROOT, 'dist', 'app.zip')): { bytes: number; files: number } {
  const build = fs.mkdtempSync(path.join(os.tmpdir(), 'hyte-bundle-'));
  try {
    const tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
    execFileSync(
      process.execPath,
      [
        tsc,
        '-p',
        path.join(ROOT, 'tsconfig.build.json'),
        '--outDir',
        build,
        '--incremental',
        'false',
      ],
      { cwd: ROOT, stdio: 'inherit' },
    );
    const entries: ZipEntry[] = [
      ...files(build, 'dist', (n) => n.endsWith('.js') || n.endsWith('.json')),
      ...files(path.join(ROOT, 'bin'), 'bin', (n) => n.endsWith('.js')),
      ...files(path.join(ROOT, 'rounds'), 'rounds', () => true),
      { name: 'package.json', data: deployedPackageJson() },
      { name: '.npmrc', data: NPMRC },
      { name: 'package-lock.json', data: fs.readFileSync(path.join(ROOT, 'package-lock.json')) },
    ];
    const zip = zipFiles(entries, { modified: new Date(), level: 9 });
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, zip);
    return { bytes: zip.length, files: entries.length };
  } finally {
    fs.rmSync(build, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const out = path.join(ROOT, 'dist', 'app.zip');
  const { bytes, files: n } = bundle(out);
  console.log(`wrote ${path.relative(ROOT, out)}: ${n} files, ${(bytes / 1024).toFixed(0)} KiB`);
}
