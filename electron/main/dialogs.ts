import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron';
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
