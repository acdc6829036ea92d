#!/usr/bin/env node
// `npm start` rebuilds better-sqlite3 against Electron's ABI (it is not N-API). Tests and the CLI run on Node,
// so before them make sure the native module loads in this Node, rebuilding it only when it does not.
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';

const require = createRequire(import.meta.url);

function loads() {
  try {
    const Database = require('better-sqlite3');
    new Database(':memory:').close();
    return true;
  } catch (err) {
    if (/NODE_MODULE_VERSION|was compiled against a different Node.js version/.test(String(err)))
      return false;
    throw err;
  }
}

if (!loads()) {
  console.error('better-sqlite3 was built for Electron; rebuilding it for Node (one-off, takes a minute)…');
  const r = spawnSync('npm', ['rebuild', 'better-sqlite3'], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
