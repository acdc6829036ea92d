import { resolve } from 'node:path';
import { ServiceError } from '../../../shared/errors';

/**
 * The renderer never names arbitrary paths: main writes only into folders the user picked in the native dialog
 * during this run, and reveals only files it wrote. One registry for the Report and Sync screens.
 */
export class FileAccess {
  private readonly folders = new Set<string>();
  private readonly written = new Set<string>();

  pick(dir: string): string {
    const full = resolve(dir);
    this.folders.add(full);
    return full;
  }

  requirePicked(dir: string): string {
    const full = resolve(dir);
    if (!this.folders.has(full)) {
      throw new ServiceError(
        'folder_not_chosen',
        'Files are only written to a folder you chose.',
        'Click “Choose folder…” and pick where the files should go.',
      );
    }
    return full;
  }

  markWritten(path: string): void {
    this.written.add(resolve(path));
  }

  requireWritten(path: string): string {
    const full = resolve(path);
    if (!this.written.has(full)) {
      throw new ServiceError(
        'not_exported',
        'Only files saved in this session can be shown.',
        'Save the file again, then click “Show in folder”.',
      );
    }
    return full;
  }
}
