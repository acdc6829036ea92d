import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WORKER_ENTRIES } from '../../electron/services/worker/entries';

export const ROOT = resolve(import.meta.dirname, '../..');
export const OUT_DIR = join(ROOT, 'out');
export const RENDERER_DIR = join(OUT_DIR, 'renderer');

/**
 * The e2e and shell tests run against the BUILT app. `npm test` builds first; when run alone and the
 * build is missing, build it here (electron-vite needs no Electron binary to build).
 */
export function ensureBuilt(): void {
  const needed = [
    join(RENDERER_DIR, 'index.html'),
    join(OUT_DIR, 'main/index.js'),
    join(OUT_DIR, 'preload/index.cjs'),
    // Every worker thread's bundle (electron/services/worker/entries.ts).
    ...Object.keys(WORKER_ENTRIES).map((name) => join(OUT_DIR, `main/${name}-worker.js`)),
  ];
  if (needed.every((f) => existsSync(f))) return;
  const run = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
  if (run.status !== 0) {
    throw new Error(`electron-vite build failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
}
