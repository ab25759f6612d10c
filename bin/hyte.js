#!/usr/bin/env node
'use strict';
// Runs the operator CLI from sources when the TypeScript loader is installed (development),
// otherwise from the compiled build (deployments install without dev dependencies).
const path = require('node:path');
const root = path.join(__dirname, '..');
let entry = path.join(root, 'dist', 'bot', 'cli.js');
try {
  require.resolve('tsx/cjs', { paths: [root] });
  require('tsx/cjs');
  entry = path.join(root, 'bot', 'cli.ts');
} catch {
  // no tsx: use the build
}
require(entry).run();
