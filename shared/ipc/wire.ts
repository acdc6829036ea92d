/**
 * Wire-level constants shared by main and the preload. Zod-free on purpose: the sandboxed preload bundle
 * must not pull runtime dependencies (electron-vite keeps `dependencies` external, and a sandboxed preload cannot require them).
 */

/** The one channel main uses to push events (job progress, job done) to the renderer. */
export const MAIN_EVENT_CHANNEL = 'main:event';

/** Channel names are plain `domain:verb` identifiers; the preload refuses anything else before it reaches IPC. */
export const CHANNEL_NAME_PATTERN = /^[a-z]+:[a-zA-Z]+$/;
