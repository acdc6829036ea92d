import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SyncPreflight } from '../../../../shared/ipc/channels/sync';
import type { SyncSession } from '../../../services/sync/session';
import type { HandlerServices } from '../services';
import type { HandlerGroup } from '../types';
import type { FileAccess } from '../file-access';
import { requireProfile } from './profiles';

type SyncChannels =
  | 'sync:preflight'
  | 'sync:simulate'
  | 'sync:start'
  | 'sync:abort'
  | 'sync:resume'
  | 'sync:status'
  | 'sync:history'
  | 'sync:saveErrorFile';

/** The Sync screen's view of the session's preflight is the session's own shape. */
const _sameShape = (p: Awaited<ReturnType<SyncSession['preflight']>>): SyncPreflight => p;
void _sameShape;

/**
 * sync:* — adapters over the app's sync session (services/sync/session.ts). Files are written only into a folder
 * the user picked (FileAccess); the Canvas token and the error file's signed URL stay in main.
 */
export function syncHandlers(
  services: HandlerServices,
  session: SyncSession,
  files: FileAccess,
): HandlerGroup<SyncChannels> {
  return {
    'sync:preflight': async ({ profileId }) => session.preflight(await requireProfile(services, profileId)),
    'sync:simulate': async ({ profileId, importMode, save, allowPendingRemaps }) =>
      session.simulate(await requireProfile(services, profileId), importMode, save, allowPendingRemaps),
    'sync:start': async ({ profileId, importMode, confirmName, allowPendingRemaps }) =>
      session.start(await requireProfile(services, profileId), importMode, confirmName, allowPendingRemaps),
    'sync:abort': async ({ profileId }) => ({ aborting: session.abort(profileId) }),
    'sync:resume': async ({ profileId }) => session.resume(profileId),
    'sync:status': async ({ profileId }) => {
      await requireProfile(services, profileId);
      return session.status(profileId);
    },
    'sync:history': async ({ profileId }) => {
      await requireProfile(services, profileId);
      return { entries: await session.history(profileId) };
    },
    'sync:saveErrorFile': async ({ profileId, entryId, outDir }) => {
      const dir = files.requirePicked(outDir);
      const { name, text } = await session.errorFile(profileId, entryId);
      const path = join(dir, name);
      await writeFile(path, text, { mode: 0o600 });
      files.markWritten(path);
      return { path, name };
    },
  };
}
