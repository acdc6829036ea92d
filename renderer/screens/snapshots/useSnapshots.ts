import { useCallback, useEffect, useState } from 'react';
import type { IpcError } from '../../../shared/ipc/define';
import type { SnapshotListItem } from '../../../shared/snapshots/snapshot';
import { call, toDisplayError } from '../../api/client';

export interface SnapshotsView {
  /** undefined while the first load runs. */
  snapshots: SnapshotListItem[] | undefined;
  error: IpcError | undefined;
  refresh(): Promise<void>;
}

/** The district's snapshots, newest first; reloaded whenever `reloadKey` changes (a job started or ended). */
export function useSnapshots(profileId: string, reloadKey: string): SnapshotsView {
  const [state, setState] = useState<{ profileId: string; list: SnapshotListItem[] } | undefined>();
  const [error, setError] = useState<IpcError | undefined>();

  const refresh = useCallback(
    () =>
      call('snapshots:list', { profileId }).then(
        ({ snapshots }) => {
          setState({ profileId, list: snapshots });
          setError(undefined);
        },
        (err: unknown) => setError(toDisplayError(err)),
      ),
    [profileId],
  );

  useEffect(() => {
    void refresh();
  }, [refresh, reloadKey]);

  return { snapshots: state?.profileId === profileId ? state.list : undefined, error, refresh };
}
