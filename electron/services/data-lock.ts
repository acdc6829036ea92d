import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import lockfile from 'proper-lockfile';
import { ServiceError } from '../../shared/errors';

/**
 * A cross-process lock around a read-modify-write of one file in the data folder, so the app and several CLI
 * processes never lose each other's writes. proper-lockfile makes `<file>.lock` with mkdir (atomic on every
 * file system), refreshes it while held, and takes over a lock whose holder died (stale after 30 s; a busy machine can starve the holder's refresh for a few seconds).
 */
const STALE_MS = 30_000;

export async function withFileLock<T>(file: string, run: () => Promise<T>): Promise<T> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(file, {
      realpath: false,
      stale: STALE_MS,
      update: STALE_MS / 3,
      // Up to ~2 minutes of waiting: the holders' critical sections are milliseconds, but a loaded machine is slow.
      retries: { retries: 600, factor: 1.3, minTimeout: 5, maxTimeout: 200, randomize: true },
      // The write itself is atomic (temp file + rename): a lock that went stale mid-write costs no data.
      onCompromised: () => undefined,
    });
  } catch (err) {
    throw new ServiceError(
      'data_busy',
      `Another Roster Preflight process is still writing ${file}.`,
      'Try again in a moment. If no other Preflight window or command is running, delete the ".lock" folder next to the file.',
      { cause: err },
    );
  }
  try {
    return await run();
  } finally {
    await release().catch(() => undefined);
  }
}
