import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const START = path.resolve(__dirname, '..', '..', 'bin', 'start.js');

/**
 * A project folder with the real bin/start.js, a stand-in compiler at
 * node_modules/typescript/bin/tsc (it records each run and writes the entry) and sources.
 */
function project(options: { compiler: boolean; built: boolean }) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hyte-start-'));
  fs.mkdirSync(path.join(root, 'bin'));
  fs.copyFileSync(START, path.join(root, 'bin', 'start.js'));
  fs.mkdirSync(path.join(root, 'bot'));
  fs.writeFileSync(path.join(root, 'bot', 'index.ts'), 'export {};\n');
  fs.writeFileSync(path.join(root, 'tsconfig.build.json'), '{}\n');
  const entry = `console.log('served by pid ' + process.pid);\n`;
  if (options.compiler) {
    const bin = path.join(root, 'node_modules', 'typescript', 'bin');
    fs.mkdirSync(bin, { recursive: true });
    fs.writeFileSync(path.join(bin, '..', 'package.json'), '{"name":"typescript"}\n');
    fs.writeFileSync(
      path.join(bin, 'tsc'),
      `const fs = require('fs'), path = require('path');
fs.appendFileSync(path.join(${JSON.stringify(root)}, 'compiled.log'), 'tsc\\n');
fs.mkdirSync(path.join(${JSON.stringify(root)}, 'dist', 'bot'), { recursive: true });
fs.writeFileSync(path.join(${JSON.stringify(root)}, 'dist', 'bot', 'index.js'), ${JSON.stringify(entry)});
fs.writeFileSync(path.join(${JSON.stringify(root)}, 'dist', '.tsbuildinfo'), '{}');
`,
    );
  }
  if (options.built) {
    fs.mkdirSync(path.join(root, 'dist', 'bot'), { recursive: true });
    fs.writeFileSync(path.join(root, 'dist', 'bot', 'index.js'), entry);
  }
  const run = (env: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, [path.join(root, 'bin', 'start.js')], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
    });
    return { status: r.status, pid: r.pid, out: r.stdout + r.stderr };
  };
  const compiles = () =>
    fs.existsSync(path.join(root, 'compiled.log'))
      ? fs.readFileSync(path.join(root, 'compiled.log'), 'utf8').split('\n').filter(Boolean).length
      : 0;
  const touchSources = (ms: number) => {
    const t = new Date(Date.now() + ms);
    fs.utimesSync(path.join(root, 'bot', 'index.ts'), t, t);
  };
  return { root, run, compiles, touchSources, close: () => fs.rmSync(root, { recursive: true }) };
}

describe('npm start (bin/start.js)', () => {
  it('compiles only when dist/ is missing or stale, then serves in its own process', () => {
    const p = project({ compiler: true, built: false });
    try {
      const first = p.run();
      assert.equal(first.status, 0, first.out);
      assert.equal(p.compiles(), 1);
      // Same process: the server must get the signals that npm start's process gets.
      assert.match(first.out, new RegExp(`served by pid ${first.pid}\\b`));

      assert.equal(p.run().status, 0);
      assert.equal(p.compiles(), 1, 'an up-to-date build is not compiled again');

      p.touchSources(60_000);
      assert.equal(p.run().status, 0);
      assert.equal(p.compiles(), 2, 'newer sources are compiled');
    } finally {
      p.close();
    }
  });

  it('never compiles with NODE_ENV=production, and runs the build it has', () => {
    const p = project({ compiler: true, built: true });
    try {
      p.touchSources(60_000);
      const r = p.run({ NODE_ENV: 'production' });
      assert.equal(r.status, 0, r.out);
      assert.match(r.out, /served by pid/);
      assert.equal(p.compiles(), 0);
    } finally {
      p.close();
    }
  });

  it('says in one line what to do when there is no build and no compiler', () => {
    const p = project({ compiler: false, built: false });
    try {
      const r = p.run();
      assert.notEqual(r.status, 0);
      assert.match(r.out, /dist\/bot\/index\.js is missing .*npm run build.*npm run bundle/);
      assert.equal(r.out.trim().split('\n').length, 1, r.out);
    } finally {
      p.close();
    }
  });
});
