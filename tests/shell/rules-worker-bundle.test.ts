import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFECTS } from '../../electron/services/demo-provider/district/defects';
import type { FromRulesWorker } from '../../electron/services/evaluate/rules-protocol';
import { runRuleModules } from '../../electron/services/rules/runner';
import { openSnapshotStore, type SnapshotStore } from '../../electron/services/snapshots';
import { DEFAULT_MAPPING_OPTIONS } from '../../shared/mapping/options';
import { writeDistrictSnapshot } from '../../test-support/district-snapshot';
import { ensureBuilt, OUT_DIR } from '../../test-support/e2e/build';

/**
 * The BUILT app's rules thread (out/main/evaluate-rules-worker.js, an extra main entry in electron.vite.config.ts)
 * runs on its own and answers what the source rules answer in process.
 */
let dir: string;
let store: SnapshotStore;
let snapshotId: string;

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'preflight-rules-bundle-'));
  store = openSnapshotStore(dir);
  const defects = Object.keys(DEFECTS).map((kind) => ({ kind }));
  ({ snapshotId } = writeDistrictSnapshot(store, { preset: 'tiny', defects }));
});

afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('bundled rules worker', () => {
  it('gives the findings of the in-process rules', async () => {
    const worker = new Worker(join(OUT_DIR, 'main/evaluate-rules-worker.js'), {
      workerData: { dbPath: store.dbPath, snapshotId, options: DEFAULT_MAPPING_OPTIONS },
    });
    const answer = await new Promise<FromRulesWorker>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(answer.type).toBe('done');
    const inline = runRuleModules(store.db, snapshotId, DEFAULT_MAPPING_OPTIONS);
    expect(inline.findings.length).toBeGreaterThan(0);
    if (answer.type === 'done')
      expect(JSON.stringify(answer.run.findings)).toBe(JSON.stringify(inline.findings));
  });
});
