/**
 * `npm run bundle`: writes dist/app.zip, the artefact App Service runs. It holds the compiled
 * code (built afresh, so nothing stale from dist/ slips in), the start and CLI entries, the
 * sample rounds, package.json, the lock file and the production dependencies already installed
 * (`npm ci --omit=dev`, here, from the lock file) and pruned of what nothing runs: unpacked
 * anywhere, `npm start` serves it with no build tools and no install step.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';

interface ZipEntry {
  name: string;
  data: string | Buffer;
}

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
 * package.json as deployed: the same dependencies (so the lock file still matches and a later
 * `npm ci --omit=dev` would accept it) but only the scripts a deployment runs.
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
 * Files Node never loads: source maps, TypeScript sources and declarations and READMEs make up
 * about half of a production install (over 130 of 290 MB with the report and telemetry
 * libraries). Licences stay.
 */
const UNUSED_FILE = /\.(map|ts|mts|cts|tsbuildinfo|md|markdown)$/i;
const KEEP_FILE = /^(licen[cs]e|copying|notice)/i;
/** Browser builds of packages whose Node entry lives elsewhere (`main` outside these folders). */
const BROWSER_ONLY = ['exceljs/dist'];
/** Script-tag builds (`.iife.js`) of docx: its Node entries are the .cjs and .mjs beside them. */
const BROWSER_ONLY_FILE = /^docx\/dist\/.*\.iife\.js$/;
/** Builds for other runtimes inside packages: Node resolves neither condition. */
const OTHER_RUNTIMES = /^(browser|react-native)$/;

/** Production dependencies as the lock file pins them, without files nothing runs. */
function installProduction(into: string): void {
  fs.writeFileSync(path.join(into, 'package.json'), deployedPackageJson());
  fs.copyFileSync(path.join(ROOT, 'package-lock.json'), path.join(into, 'package-lock.json'));
  execFileSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: into,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const modules = path.join(into, 'node_modules');
  for (const dir of BROWSER_ONLY)
    fs.rmSync(path.join(modules, dir), { recursive: true, force: true });
  const entries = fs.readdirSync(modules, { withFileTypes: true, recursive: true });
  for (const e of entries) {
    const full = path.join(e.parentPath, e.name);
    if (e.isDirectory() && OTHER_RUNTIMES.test(e.name) && path.basename(e.parentPath) === 'dist')
      fs.rmSync(full, { recursive: true, force: true });
  }
  for (const e of entries) {
    const full = path.join(e.parentPath, e.name);
    const unused = UNUSED_FILE.test(e.name) && !KEEP_FILE.test(e.name);
    const browser = BROWSER_ONLY_FILE.test(path.relative(modules, full).split(path.sep).join('/'));
    if (e.isFile() && (unused || browser)) fs.rmSync(full, { force: true });
  }
}

export function bundle(out = path.join(ROOT, 'dist', 'app.zip')): { bytes: number; files: number } {
  const build = fs.mkdtempSync(path.join(os.tmpdir(), 'hyte-bundle-'));
  const deps = fs.mkdtempSync(path.join(os.tmpdir(), 'hyte-deps-'));
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
    installProduction(deps);
    const entries: ZipEntry[] = [
      ...files(build, 'dist', (n) => n.endsWith('.js') || n.endsWith('.json')),
      ...files(path.join(ROOT, 'bin'), 'bin', (n) => n.endsWith('.js')),
      ...files(path.join(ROOT, 'rounds'), 'rounds', () => true),
      ...files(path.join(deps, 'node_modules'), 'node_modules', () => true),
      { name: 'package.json', data: deployedPackageJson() },
      { name: 'package-lock.json', data: fs.readFileSync(path.join(ROOT, 'package-lock.json')) },
    ];
    const zip = Buffer.from(
      zipSync(
        Object.fromEntries(
          entries.map((e) => [e.name, typeof e.data === 'string' ? Buffer.from(e.data) : e.data]),
        ),
        { level: 6, mtime: new Date() },
      ),
    );
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, zip);
    return { bytes: zip.length, files: entries.length };
  } finally {
    fs.rmSync(build, { recursive: true, force: true });
    fs.rmSync(deps, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const out = path.join(ROOT, 'dist', 'app.zip');
  const { bytes, files: n } = bundle(out);
  console.log(
    `wrote ${path.relative(ROOT, out)}: ${n} files, ${(bytes / 1024 / 1024).toFixed(1)} MiB`,
  );
}
