import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WORKER_ENTRIES } from '../../electron/services/worker/entries';
import { ensureBuilt, OUT_DIR, ROOT } from '../../test-support/e2e/build';

/**
 * One list of worker threads feeds both startWorker and electron-vite: every entry exists in the source tree, is
 * named `<x>-worker.ts`, and the built app has its bundle next to main (where startWorker looks for it).
 */
describe('worker entries', () => {
  it('exist as <x>-worker.ts sources and as bundles in out/main', () => {
    ensureBuilt();
    expect(Object.keys(WORKER_ENTRIES).length).toBeGreaterThanOrEqual(6);
    for (const [name, entry] of Object.entries(WORKER_ENTRIES)) {
      expect(entry).toMatch(/-worker\.ts$/);
      expect(existsSync(join(ROOT, entry)), entry).toBe(true);
      expect(existsSync(join(OUT_DIR, `main/${name}-worker.js`)), name).toBe(true);
    }
  });
});
