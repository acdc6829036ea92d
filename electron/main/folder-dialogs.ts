import { dialog, shell, type BrowserWindow, type OpenDialogOptions } from 'electron';

/** The native "choose folder" dialog (report export, the sync's error file); null when cancelled. */
export function chooseFolderDialog(parent: () => BrowserWindow | undefined, startIn: () => string) {
  return async (title: string): Promise<string | null> => {
    const options: OpenDialogOptions = {
      title,
      defaultPath: startIn(),
      properties: ['openDirectory', 'createDirectory'],
    };
    const win = parent();
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
}

/** Shows a file in the OS file manager (main only: the renderer never reaches the shell). */
export async function revealInFolder(path: string): Promise<void> {
  shell.showItemInFolder(path);
}
