import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBaselineStore, type BaselineStore } from '../../electron/services/canvas-baseline';
import { openSnapshotStore, type SnapshotStore } from '../../electron/services/snapshots';

export interface TempStores {
  dir: string;
  snapshots: SnapshotStore;
  baselines: BaselineStore;
  cleanup(): void;
}

export function tempStores(): TempStores {
  const dir = mkdtempSync(join(tmpdir(), 'preflight-baseline-'));
  const snapshots = openSnapshotStore(dir);
  return {
    dir,
    snapshots,
    baselines: openBaselineStore(snapshots),
    cleanup() {
      snapshots.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
