import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ServiceError } from '../../../shared/errors';
import { isProcessAlive } from '../snapshots/process-alive';

/**
 * One sync at a time per profile, across the app and the CLI: `<dataDir>/sync/<profileId>.lock` holds the owner's
 * pid. A lock whose process is gone (crash) is taken over.
 */
export interface SyncLock {
  release(): void;
}

const held = new Set<string>();

export function acquireSyncLock(dataDir: string, profileId: string): SyncLock {
  const dir = join(dataDir, 'sync');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, `${profileId}.lock`);
  const key = file;
  const busy = () =>
    new ServiceError(
      'sync_running',
      'A sync for this district is already running.',
      'Wait for it to finish (or abort it) before starting another; Canvas runs one import at a time anyway.',
    );
  if (held.has(key)) throw busy();
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, JSON.stringify({ pid: process.pid, at: new Date().toISOString() }), {
        flag: 'wx',
        mode: 0o600,
      });
      held.add(key);
      return {
        release() {
          held.delete(key);
          rmSync(file, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let pid = 0;
      try {
        pid = Number((JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown }).pid) || 0;
      } catch {
        // unreadable lock: treat as stale
      }
      if (pid > 0 && pid !== process.pid && isProcessAlive(pid)) throw busy();
      rmSync(file, { force: true });
    }
  }
  throw busy();
}

/** Whether a sync holds the profile's lock right now (for the guard rails). */
export function isSyncRunning(dataDir: string, profileId: string): boolean {
  const file = join(dataDir, 'sync', `${profileId}.lock`);
  if (held.has(file)) return true;
  try {
    const pid = Number((JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown }).pid) || 0;
    return pid > 0 && isProcessAlive(pid) && pid !== process.pid;
  } catch {
    return false;
  }
}
