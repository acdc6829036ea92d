import { useEffect, useState } from 'react';
import type { MappingPreview } from '../../../shared/ipc/channels/settings';
import type { IpcError } from '../../../shared/ipc/define';
import type { MappingOptions } from '../../../shared/mapping/options';
import { call, toDisplayError } from '../../api/client';

const DEBOUNCE_MS = 350;

/** Plan counts for the draft options vs the saved ones, recomputed (debounced) as the draft changes. */
export function usePreview(profileId: string, draft: MappingOptions | undefined, savedVersion: number) {
  const [preview, setPreview] = useState<MappingPreview | undefined>();
  const [error, setError] = useState<IpcError | undefined>();
  const [loading, setLoading] = useState(false);
  const key = draft ? JSON.stringify(draft) : '';

  useEffect(() => {
    if (!key) return;
    let live = true;
    setLoading(true);
    const timer = setTimeout(() => {
      call('settings:previewMapping', { profileId, options: JSON.parse(key) as MappingOptions }).then(
        (p) => {
          if (!live) return;
          setPreview(p);
          setError(undefined);
          setLoading(false);
        },
        (err: unknown) => {
          if (!live) return;
          setError(toDisplayError(err));
          setLoading(false);
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [profileId, key, savedVersion]);

  return { preview, error, loading };
}
