import { app, BrowserWindow, Menu, session } from 'electron';
import { MAIN_EVENT_CHANNEL } from '../../shared/ipc/wire';
import { createServices } from '../services/container';
import { openBaselineZipDialog, openCsvBundleDialog, saveChangeSisIdDialog } from './dialogs';
import { chooseFolderDialog, revealInFolder } from './folder-dialogs';
import { createHandlers, disposeHandlers, type EmitMainEvent } from './ipc/handlers';
import { registerIpc } from './ipc/register';
import { buildAppMenu } from './menu';
import { useSystemNetwork } from './network';
import { createElectronPdfPrinter } from './report-pdf';
import { isTrustedRendererUrl, rendererTarget } from './paths';
import { hardenApp, hardenSession, openExternalSafely } from './security';
import { createMainWindow } from './window';

/** The thin Electron shell: one hardened window, a menu, and the IPC bridge to the plain-Node services. */
let mainWindow: BrowserWindow | undefined;

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  useSystemNetwork();
  const target = rendererTarget(app.isPackaged);
  const services = await createServices({ dataDir: app.getPath('userData') });

  const emit: EmitMainEvent = (event) => {
    const contents = mainWindow?.webContents;
    if (contents && !contents.isDestroyed()) contents.send(MAIN_EVENT_CHANNEL, event);
  };
  const handlers = createHandlers(services, emit, {
    appVersion: app.getVersion(),
    platform: process.platform,
    openExternal: openExternalSafely,
    openCsvBundle: openCsvBundleDialog(() => mainWindow),
    openBaselineZip: openBaselineZipDialog(() => mainWindow),
    // Report and Sync: PDF through this app's own Chromium, folders from the native dialog, reveal in the OS.
    pdfPrinter: createElectronPdfPrinter(),
    chooseFolder: chooseFolderDialog(
      () => mainWindow,
      () => app.getPath('documents'),
    ),
    revealPath: revealInFolder,
    saveChangeSisId: saveChangeSisIdDialog(
      () => mainWindow,
      () => app.getPath('downloads'),
    ),
  });
  registerIpc(handlers, {
    trustedContents: () => mainWindow?.webContents,
    isTrustedUrl: (url) => isTrustedRendererUrl(target, url),
    logger: services.logger,
  });

  Menu.setApplicationMenu(
    buildAppMenu({
      isMac: process.platform === 'darwin',
      isDev: !app.isPackaged,
      openExternal: (url) => void openExternalSafely(url),
    }),
  );

  const openWindow = () => {
    mainWindow = createMainWindow(target);
    mainWindow.on('closed', () => (mainWindow = undefined));
  };
  openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });

  let disposed = false;
  app.on('before-quit', () => {
    if (disposed) return;
    disposed = true;
    void disposeHandlers(handlers);
  });
}

hardenApp();
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.whenReady().then(start, (err: unknown) => {
    console.error('Roster Preflight failed to start', err);
    app.quit();
  });
}
