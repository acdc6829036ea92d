import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CanvasClient } from '../../electron/services/canvas-api';
import { locateRow, planToCsvFiles, writeCanvasZip } from '../../electron/services/canvas-csv';
import {
  generateBaseline,
  startCanvasDouble,
  type RunningCanvasDouble,
  type ThrottleOptions,
} from '../../electron/services/demo-canvas';
import {
  createSisImportState,
  sisImportRoutes,
  type SisImportKnobs,
  type SisImportState,
} from '../../electron/services/demo-canvas/sis-import-routes';
import { SyncHistoryStore, type Locate } from '../../electron/services/sync';
import type { Plan } from '../../shared/plan/types';
import type { SyncHistoryEntry } from '../../shared/sync/types';
import { demoPlan } from '../canvas-csv/helpers';

export const TOKEN = 'canvas-test-token-7f3a9c2e1b';
export const FAST_POLL = { intervalMs: 5, maxIntervalMs: 20, maxFailures: 3 };
const baseline = generateBaseline({ preset: 'tiny' });

/** A Canvas double with SIS imports; `restart` brings it back (new port) over the same import state. */
export class CanvasWithImports {
  double!: RunningCanvasDouble;
  readonly state: SisImportState;
  constructor(
    knobs: SisImportKnobs,
    knownTermIds: string[],
    private readonly throttle?: ThrottleOptions,
  ) {
    this.state = createSisImportState({ knobs, knownTermIds });
  }
  async start(): Promise<this> {
    this.double = await startCanvasDouble({
      baseline,
      token: TOKEN,
      extraRoutes: sisImportRoutes(this.state),
      ...(this.throttle ? { throttle: this.throttle } : {}),
    });
    return this;
  }
  client(token = TOKEN): CanvasClient {
    return new CanvasClient({
      baseUrl: this.double.url,
      token,
      retryBaseMs: 5,
      retryMaxMs: 20,
      maxRetries: 4,
    });
  }
  close(): Promise<void> {
    return this.double.close();
  }
}

export interface SyncFixture {
  dir: string;
  plan: Plan;
  zipPath: string;
  locate: Locate;
  meta: SyncHistoryEntry['options'];
  history: SyncHistoryStore;
  cleanup(): void;
}

/** A demo district's plan as a SIS zip on disk, plus a history store in a temp data dir. */
export async function syncFixture(edit?: (plan: Plan) => Plan): Promise<SyncFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'preflight-sync-'));
  const plan = (edit ?? ((p) => p))(demoPlan({ preset: 'tiny' }, { observers: true }));
  const files = planToCsvFiles(plan);
  const zipPath = join(dir, 'sis_import.zip');
  const written = await writeCanvasZip(plan, {}, zipPath);
  return {
    dir,
    plan,
    zipPath,
    locate: (file, row) => locateRow(files, file, row),
    meta: { snapshotId: plan.snapshotId, zipBytes: written.bytes, files: written.files, changeSisIdRows: 0 },
    history: new SyncHistoryStore(dir),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
