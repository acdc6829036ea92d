import { app, shell, type Session, type WebContents } from 'electron';
import { safeExternalUrl } from './ipc/domains/app';

/**
 * Electron security checklist, applied app-wide: no navigation away from our page, no new windows,
 * no webviews, no permission grants. Links with https go to the user's browser; nothing else leaves.
 */
export function hardenApp(): void {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
}

export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const safe = safeExternalUrl(url);
    if (safe) void shell.openExternal(safe);
    return { action: 'deny' };
  });
}

/** Writing to the clipboard ("Copy summary") is the one permission the app needs; everything else is denied. */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(ALLOWED_PERMISSIONS.has(permission)),
  );
  session.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission));
}

/** `shell.openExternal` for https URLs only (URL-parsed); anything else is refused. */
export async function openExternalSafely(url: string): Promise<void> {
  const safe = safeExternalUrl(url);
  if (!safe) throw new Error('Refused to open a non-https URL');
  await shell.openExternal(safe);
}
