import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { ServiceError } from '../../../shared/errors';

/**
 * One pull per profile at a time, across the app and every CLI process: a second pull is told so at once
 * (instead of both writing and one failing with "database is locked"). The lock is `<dataDir>/locks/pull-<key>.lock`;
 * a lock whose process died goes stale after 30 s.
 */
export async function withPullLock<T>(
  dataDir: string,
  key: string,
  label: string,
  run: () => Promise<T>,
): Promise<T> {
  const release = await acquirePullLock(dataDir, key, label);
  try {
    return await run();
  } finally {
    await release();
  }
}

/**
 * Takes the profile's pull lock or fails at once with 'pull_busy'; the caller must call the returned release
 * (the app holds it for the whole pull job, which outlives the IPC call that started it).
 */
export async function acquirePullLock(
  dataDir: string,
  key: string,
  label: string,
): Promise<() => Promise<void>> {
  const dir = join(dataDir, 'locks');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, `pull-${createHash('sha256').update(key).digest('hex').slice(0, 24)}`);
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(file, {
      realpath: false,
      stale: 30_000,
      update: 10_000,
      retries: 0,
      onCompromised: () => undefined,
    });
  } catch (err) {
    if ((err as { code?: string }).code !== 'ELOCKED') throw err;
    throw new ServiceError(
      'pull_busy',
      `A pull is already running for "${label}" (in another window or command).`,
      { detail: { profile: label } },
    );
  }
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    await release().catch(() => undefined);
  };
}
