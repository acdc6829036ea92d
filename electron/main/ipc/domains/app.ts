import { ServiceError } from '../../../../shared/errors';
import type { HandlerServices } from '../services';
import type { HandlerGroup } from '../types';

export interface AppInfoOptions {
  appVersion: string;
  platform: string;
  /** Opens an already-validated https URL in the user's browser (Electron `shell.openExternal` in the app). */
  openExternal: (url: string) => Promise<void>;
}

/** Only https links leave the app; parsed with URL so tricks like `javascript:` or `https:/\\evil` are refused. */
export function safeExternalUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || !url.hostname || url.username || url.password) return null;
  return url.toString();
}

export function appHandlers(
  services: HandlerServices,
  options: AppInfoOptions,
): HandlerGroup<'app:info' | 'shell:openExternal'> {
  return {
    'app:info': async () => ({
      version: options.appVersion,
      dataDir: services.dataDir,
      platform: options.platform,
    }),
    'shell:openExternal': async ({ url }) => {
      const safe = safeExternalUrl(url);
      if (!safe) {
        throw new ServiceError(
          'unsafe_url',
          'Only secure https:// links can be opened.',
          'Copy the address into your browser yourself if you trust it.',
        );
      }
      await options.openExternal(safe);
      return { opened: true as const };
    },
  };
}
