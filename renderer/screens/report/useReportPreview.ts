import { useCallback, useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../shared/ipc/contract';
import type { IpcError } from '../../../shared/ipc/define';
import type { PageSize } from '../../../shared/report/model';
import { call, toDisplayError } from '../../api/client';

export type PreviewResponse = ChannelOutput<'report:preview'>;

/** The report preview for the district (reloaded when the page size or the evaluation changes). */
export function useReportPreview(profileId: string, pageSize: PageSize, evaluationKey: string | undefined) {
  const [data, setData] = useState<PreviewResponse | undefined>();
  const [error, setError] = useState<IpcError | undefined>();
  const [bump, setBump] = useState(0);

  useEffect(() => {
    let live = true;
    call('report:preview', { profileId, pageSize }).then(
      (d) => {
        if (!live) return;
        setData(d);
        setError(undefined);
      },
      (err: unknown) => live && setError(toDisplayError(err)),
    );
    return () => {
      live = false;
    };
  }, [profileId, pageSize, evaluationKey, bump]);

  const reload = useCallback(() => setBump((n) => n + 1), []);
  return { data, error, reload };
}
