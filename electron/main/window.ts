import { BrowserWindow, nativeTheme } from 'electron';
import { PRELOAD_PATH, type RendererTarget } from './paths';

/** The hardened settings every app window uses (checked by tests/shell). */
export const HARDENED_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
} as const;

export function createMainWindow(target: RendererTarget): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Roster Preflight',
    // Matches the renderer background so the window does not flash white in dark mode.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#15171c' : '#f6f7f9',
    webPreferences: { ...HARDENED_WEB_PREFERENCES, preload: PRELOAD_PATH },
  });
  win.once('ready-to-show', () => win.show());
  if (target.kind === 'url') void win.loadURL(target.url);
  else void win.loadFile(target.path);
  return win;
}
