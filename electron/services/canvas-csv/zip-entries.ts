import type { Readable } from 'node:stream';
import { posix } from 'node:path';
import yauzl from 'yauzl';

/** The files of a zip (path or bytes), streamed on demand; folders and macOS `__MACOSX/` copies left out. */
export interface ZipEntryFile {
  /** Path inside the zip. */
  path: string;
  name: string;
  size: number;
  open(): Promise<Readable>;
}

export interface OpenedZip {
  entries: ZipEntryFile[];
  close(): void;
}

export function openZipEntries(input: string | Buffer): Promise<OpenedZip> {
  return new Promise((resolve, reject) => {
    const onOpen = (err: Error | null, zip?: yauzl.ZipFile) => {
      if (err || !zip) {
        reject(err ?? new Error('unreadable zip'));
        return;
      }
      const entries: ZipEntryFile[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!entry.fileName.endsWith('/') && !entry.fileName.startsWith('__MACOSX/')) {
          entries.push({
            path: entry.fileName,
            name: posix.basename(entry.fileName),
            size: entry.uncompressedSize,
            open: () =>
              new Promise((res, rej) =>
                zip.openReadStream(entry, (e, s) => (e || !s ? rej(e ?? new Error('no stream')) : res(s))),
              ),
          });
        }
        zip.readEntry();
      });
      zip.once('end', () => resolve({ entries, close: () => zip.close() }));
      zip.once('error', (e: Error) => {
        zip.close();
        reject(e);
      });
      zip.readEntry();
    };
    const options = { lazyEntries: true, autoClose: false, strictFileNames: false };
    if (typeof input === 'string') yauzl.open(input, options, onOpen);
    else yauzl.fromBuffer(input, options, onOpen);
  });
}
