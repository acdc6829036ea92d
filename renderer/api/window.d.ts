import type { PreflightApi } from '../../shared/ipc/contract';

declare global {
  interface Window {
    /** Installed by the preload (electron/preload/index.ts); the renderer's only way to reach main. */
    api: PreflightApi;
  }
}

export {};
