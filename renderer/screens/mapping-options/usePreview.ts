import { useEffect, useState } from 'react';
import type { MappingPreview } from '../../../shared/ipc/channels/settings';
import type { IpcError } from '../../../shared/ipc/define';
import type { MappingOptions } from '../../../shared/mapping/options';
import { call, toDisplayError } from '../../api/client';

const DEBOUNCE_MS = 350;

interface Answer {
  key: string;
  preview?: MappingPreview;
  error?: IpcError;
}

/** Plan counts for the draft options vs the saved ones, recomputed (debounced) as the draft changes. */
export function usePreview(profileId: string, draft: MappingOptions | undefined, savedVersion: number) {
  const [answer, setAnswer] = useState<Answer | undefined>();
  const options = draft ? JSON.stringify(draft) : '';
  const key = `${profileId}\u0000${savedVersion}\u0000${options}`;

  useEffect(() => {
    if (!options) return;
    let live = true;
    const timer = setTimeout(() => {
      call('settings:previewMapping', { profileId, options: JSON.parse(options) as MappingOptions }).then(
        (preview) => live && setAnswer({ key, preview }),
        (err: unknown) =>
          live && setAnswer((prev) => ({ key, preview: prev?.preview, error: toDisplayError(err) })),
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [profileId, options, key]);

  return {
    // The last answer stays on screen (marked as updating) until the next one arrives.
    preview: answer?.preview,
    error: answer?.key === key ? answer.error : undefined,
    loading: options !== '' && answer?.key !== key,
  };
}
