import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join, posix } from 'node:path';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { ServiceError } from '../../../shared/errors';

/** A CSV bundle as a list of files, whether it is a folder or a zip; files are streamed, never extracted. */
export interface BundleFile {
  /** File name without folders, e.g. 'users.csv'. */
  name: string;
  /** Uncompressed size in bytes (for progress). */
  size: number;
  /** Why the file is not read at all (a zip entry that would inflate past any roster file's size). */
  refused?: string;
  open(): Promise<Readable>;
}

/** No roster file comes near this; a zip entry declaring more is refused unread. */
export const MAX_ENTRY_BYTES = 8 * 1024 ** 3;
/** CSV compresses about 5–15:1; an entry this much larger than its compressed bytes (and large) is a zip bomb. */
const MAX_RATIO = 200;
const RATIO_FLOOR_BYTES = 64 * 1024 ** 2;

function refusal(entry: yauzl.Entry): string | undefined {
  const size = entry.uncompressedSize;
  const gb = (n: number) => `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (size > MAX_ENTRY_BYTES)
    return `it would unpack to ${gb(size)}, more than the ${gb(MAX_ENTRY_BYTES)} any roster file can be`;
  const ratio = size / Math.max(entry.compressedSize, 1);
  if (size > RATIO_FLOOR_BYTES && ratio > MAX_RATIO)
    return `it would unpack ${Math.round(ratio)} times larger than it is in the zip (${gb(size)}); that is a zip bomb, not a CSV export`;
  return undefined;
}

export interface Bundle {
  format: 'zip' | 'folder';
  files: BundleFile[];
  /** Names that occurred more than once (zip with the same file in two folders); the first one is used. */
  duplicateNames: string[];
  close(): void;
}

export async function openBundle(path: string): Promise<Bundle> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new ServiceError(
      'csv_bundle_not_found',
      `Nothing was found at ${basename(path)}.`,
      'Choose the OneRoster CSV zip file or the folder that holds the CSV files.',
      { detail: { file: basename(path) } },
    );
  }
  return info.isDirectory() ? openFolder(path) : openZip(path);
}

async function openFolder(dir: string): Promise<Bundle> {
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((d) => d.isFile())
    .map((d) => d.name)
    .sort();
  const files: BundleFile[] = [];
  for (const name of names) {
    const full = join(dir, name);
    const { size } = await stat(full);
    files.push({ name, size, open: () => Promise.resolve(createReadStream(full)) });
  }
  return { format: 'folder', files, duplicateNames: [], close: () => undefined };
}

function openZip(path: string): Promise<Bundle> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, strictFileNames: false }, (err, zip) => {
      if (err || !zip) {
        reject(
          new ServiceError(
            'csv_bundle_unreadable',
            `${basename(path)} is not a readable zip file.`,
            'Choose the OneRoster CSV zip as exported by the SIS, or unzip it and choose the folder.',
            { cause: err },
          ),
        );
        return;
      }
      const files: BundleFile[] = [];
      const seen = new Set<string>();
      const duplicateNames: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        const isDir = entry.fileName.endsWith('/');
        // macOS Finder adds resource-fork copies under __MACOSX/ (e.g. __MACOSX/._users.csv).
        if (!isDir && !entry.fileName.startsWith('__MACOSX/')) {
          const name = posix.basename(entry.fileName);
          if (seen.has(name.toLowerCase())) duplicateNames.push(name);
          else {
            seen.add(name.toLowerCase());
            const refused = refusal(entry);
            files.push({
              name,
              size: refused === undefined ? entry.uncompressedSize : 0,
              ...(refused !== undefined ? { refused } : {}),
              open: () => openEntry(zip, entry),
            });
          }
        }
        zip.readEntry();
      });
      zip.once('end', () => resolve({ format: 'zip', files, duplicateNames, close: () => zip.close() }));
      zip.once('error', (e: Error) => {
        zip.close();
        reject(
          new ServiceError(
            'csv_bundle_unreadable',
            `${basename(path)} is damaged: ${e.message}.`,
            'Export the bundle again from the SIS.',
            { cause: e },
          ),
        );
      });
      zip.readEntry();
    });
  });
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) reject(err ?? new Error('no stream'));
      else resolve(stream);
    });
  });
}
