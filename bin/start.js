#!/usr/bin/env node
'use strict';
// `npm start`: serves the compiled bot from dist/, in this very process, so SIGTERM from App
// Service, Kubernetes or a terminal reaches the server itself. Compiles first only when it has
// to and can: dist/ is missing or older than the sources, TypeScript is installed, and this is
// not production (a production install has neither sources nor compiler, and never builds).
const fs = require('node:fs');
const path = require('node:path');
const process = require('node:process');
const console = require('node:console');
const { spawnSync } = require('node:child_process');

const root = path.join(__dirname, '..');
const entry = path.join(root, 'dist', 'bot', 'index.js');
const buildInfo = path.join(root, 'dist', '.tsbuildinfo');
const SOURCES = ['bot', 'cards', 'storage'];

const mtime = (file) => {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return -1;
  }
};

function newestSource(dir) {
  let newest = -1;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return newest;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (/\.(ts|json)$/.test(e.name)) newest = Math.max(newest, mtime(full));
  }
  return newest;
}

function stale() {
  if (mtime(entry) < 0) return true;
  const built = Math.max(mtime(buildInfo), mtime(entry));
  const sources = Math.max(
    ...SOURCES.map((d) => newestSource(path.join(root, d))),
    ...['tsconfig.json', 'tsconfig.build.json'].map((f) => mtime(path.join(root, f))),
  );
  return sources > built;
}

function compiler() {
  try {
    return require.resolve('typescript/bin/tsc', { paths: [root] });
  } catch {
    return undefined;
  }
}

// Read before the config module runs: it decides only whether this script may compile.
const production = process.env.NODE_ENV === 'production';
if (stale()) {
  const tsc = production ? undefined : compiler();
  if (tsc) {
    console.error('hyte-bot: compiling, dist/ is missing or older than the sources');
    const built = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], {
      cwd: root,
      stdio: 'inherit',
    });
    if (built.status !== 0) {
      console.error('hyte-bot: the build failed (see above)');
      process.exit(1);
    }
    // tsc leaves an unchanged build untouched; mark it current so the next start skips it.
    const now = new Date();
    if (mtime(buildInfo) >= 0) fs.utimesSync(buildInfo, now, now);
  } else if (mtime(entry) < 0) {
    console.error(
      'hyte-bot: dist/bot/index.js is missing and cannot be built here (no TypeScript, or NODE_ENV=production): run `npm run build`, or deploy the `npm run bundle` artefact',
    );
    process.exit(1);
  }
}
require(entry);
