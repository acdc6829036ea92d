import { join } from 'node:path';
import { dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import type { BundleKind } from '../../shared/ipc/channels/snapshots';

/**
 * The native "open" dialog for a OneRoster CSV bundle. Windows and Linux cannot offer files and folders in one
 * dialog, so the renderer asks for one kind: a zip file, or the folder the CSV files sit in.
 */
export function openCsvBundleDialog(parent: () => BrowserWindow | undefined) {
  return async (kind: BundleKind): Promise<string | null> => {
    const options: OpenDialogOptions =
      kind === 'folder'
        ? { title: 'Choose the folder with the OneRoster CSV files', properties: ['openDirectory'] }
        : {
            title: 'Choose a OneRoster CSV bundle',
            properties: ['openFile'],
            filters: [{ name: 'OneRoster CSV bundle (zip)', extensions: ['zip'] }],
          };
    const win = parent();
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
}

/** The native "open" dialog for a Canvas provisioning report (the zip Canvas builds, or one of its CSV files). */
export function openBaselineZipDialog(parent: () => BrowserWindow | undefined) {
  return async (): Promise<string | null> => {
    const options: OpenDialogOptions = {
      title: 'Choose a Canvas provisioning report',
      properties: ['openFile'],
      filters: [{ name: 'Canvas provisioning report (zip or csv)', extensions: ['zip', 'csv'] }],
    };
    const win = parent();
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
}

/** The native "save" dialog for change_sis_id.csv, starting in Downloads with a suggested name. */
export function saveChangeSisIdDialog(parent: () => BrowserWindow | undefined, downloads: () => string) {
  return async (suggestedName: string): Promise<string | null> => {
    const options: SaveDialogOptions = {
      title: 'Save change_sis_id.csv',
      defaultPath: join(downloads(), suggestedName),
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    };
    const win = parent();
    const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return result.canceled ? null : (result.filePath ?? null);
  };
}
