import { basename } from 'node:path';
import { zeroCounts, type SnapshotCollection } from '../../../shared/snapshots/collections';
import type { ImportResult } from '../../../shared/snapshots/result';
import type { SnapshotMeta } from '../../../shared/snapshots/snapshot';
import { isServiceError, ServiceError } from '../../../shared/errors';
import type { SnapshotStore } from '../snapshots/store';
import { openBundle, type Bundle, type BundleFile } from './bundle';
import { CSV_FILES, KNOWN_OTHER_FILES, type CsvFileDef } from './columns';
import { feedFacts, planReading, type ReadingPlan } from './feed-facts';
import {
  importCsvFile,
  type FileDialectStats,
  type FileImportContext,
  type FileImportStats,
} from './import-file';
import { DEFAULT_WRITE_THREAD_FROM, ImportWrites } from './import-writes';
import { readManifestSafely, type Manifest } from './manifest';
import { ProblemList } from './problems';
import { emptySideData, readRoles, readUserProfiles, type UserSideData } from './user-roles';

export interface CsvImportProgress {
  file: string;
  collection: SnapshotCollection;
  /** Data rows read so far in this file. */
  rows: number;
  /** Bytes read so far over the whole bundle, and the bundle's uncompressed size. */
  bytesDone: number;
  bytesTotal: number;
}

export interface CsvImportOptions {
  profileId?: string | null;
  label?: string;
  signal?: AbortSignal;
  onProgress?: (progress: CsvImportProgress) => void;
  /**
   * Bundles of at least this many (uncompressed) bytes are inserted by a write thread while this one parses
   * (import-writes.ts). Default DEFAULT_WRITE_THREAD_FROM; 0 always uses the thread, Infinity never.
   */
  writeThreadFrom?: number;
}

/** What the snapshot's facts say about each file read. */
interface FileFacts {
  rows: number;
  stored: number;
  rejected: number;
  duplicates: number;
}

/** Thrown from a batch callback to stop the import; caught below, never seen by callers. */
const CANCELLED = 'csv_import_cancelled';
const isCancel = (err: unknown): boolean => isServiceError(err, CANCELLED);
/** The write thread's failure (pull/write-thread.ts). */
const WRITE_FAILED = 'snapshot_write_failed';

/**
 * Imports a OneRoster 1.0, 1.1 or 1.2 CSV bundle (zip or folder) as a new snapshot (docs/oneroster-dialects.md).
 * Malformed rows and files are reported (file, line, column) and kept as rejected rows; the import completes
 * with everything that is valid, and what was read (version, bulk/delta, problems) is kept as the snapshot's
 * feed facts, which the `feed` rules turn into findings. Only a bundle that cannot be opened at all throws (a
 * ServiceError, before any snapshot is created).
 */
export async function importCsvBundle(
  store: SnapshotStore,
  path: string,
  options: CsvImportOptions = {},
): Promise<ImportResult> {
  const bundle = await openBundle(path);
  try {
    const byName = new Map(bundle.files.map((f) => [f.name.toLowerCase(), f]));
    if (!CSV_FILES.some((d) => byName.has(d.file.toLowerCase()))) {
      throw new ServiceError(
        'csv_not_a_bundle',
        `No OneRoster CSV files (orgs.csv, users.csv, enrollments.csv, …) were found in ${basename(path)}.`,
        'Choose the zip or folder exported by the SIS as "OneRoster CSV" (1.0, 1.1 or 1.2).',
      );
    }
    const snapshotId = store.createSnapshot({
      source: 'csv',
      profileId: options.profileId ?? null,
      label: options.label ?? basename(path),
      providerFacts: { bundle: basename(path), format: bundle.format },
    });
    return await runImport(store, snapshotId, bundle, byName, options);
  } finally {
    bundle.close();
  }
}

async function runImport(
  store: SnapshotStore,
  snapshotId: string,
  bundle: Bundle,
  byName: Map<string, BundleFile>,
  options: CsvImportOptions,
): Promise<ImportResult> {
  const problems = new ProblemList();
  const read: Array<{ def: CsvFileDef; stats: FileImportStats }> = [];
  const dialects = new Map<string, FileDialectStats>();
  let reading: ReadingPlan | null = null;
  const bytesTotal = bundle.files.reduce((n, f) => n + f.size, 0);
  let bytesBefore = 0;
  let meta: SnapshotMeta;
  const writes = new ImportWrites(
    store,
    snapshotId,
    bytesTotal >= (options.writeThreadFrom ?? DEFAULT_WRITE_THREAD_FROM),
  );
  // The per-file counts: rows and CSV rejects as read, stored and duplicates as the writes applied them.
  const files = (): Record<string, FileFacts> => {
    const out: Record<string, FileFacts> = {};
    for (const { def, stats } of read) {
      const { stored, duplicates } = writes.added(def.collection);
      out[def.file] = { rows: stats.rows, stored, rejected: stats.rejected, duplicates };
    }
    return out;
  };
  let closed = false;
  const closeWrites = async () => {
    if (closed) return;
    closed = true;
    await writes.close();
  };
  try {
    for (const name of bundle.duplicateNames) {
      problems.add({
        file: name,
        severity: 'warning',
        code: 'duplicate_file',
        message: `The bundle holds ${name} more than once; the first copy was imported`,
      });
    }
    const manifestFile = byName.get('manifest.csv');
    const manifestRead = manifestFile ? await readManifestSafely(manifestFile, problems) : null;
    const manifest = manifestRead?.manifest ?? null;
    reading = await planReading(byName, manifest, manifestRead === null ? 'missing' : manifestRead.state);
    checkManifest(manifest, reading, problems);
    const side =
      reading.version === '1.2' || byName.has('roles.csv') ? await readSideFiles(byName, problems) : null;

    for (const def of CSV_FILES) {
      const file = byName.get(def.file.toLowerCase());
      const mode = reading.modes.get(def.collection);
      checkPresence(def, file, manifest, mode, problems);
      if (file === undefined) continue;
      if (file.refused !== undefined) {
        problems.add({
          file: def.file,
          severity: 'error',
          code: 'file_refused',
          message: `${def.file} was not read: ${file.refused}`,
        });
        continue;
      }
      const ctx: FileImportContext = {
        def,
        writes,
        problems,
        // A file the manifest does not list (or marks absent) is still read as bulk: it was sent whole.
        semantics: {
          mode: mode === 'delta' ? ('delta' as const) : ('bulk' as const),
          version: reading.version,
          side,
        },
        onBatch: (s) => {
          if (options.signal?.aborted) throw new ServiceError(CANCELLED, 'The import was cancelled.');
          options.onProgress?.({
            file: def.file,
            collection: def.collection,
            rows: s.rows,
            bytesDone: bytesBefore + s.bytes,
            bytesTotal,
          });
        },
      };
      let stats: FileImportStats;
      try {
        stats = await importCsvFile(await file.open(), ctx);
      } catch (err) {
        // A cancel, and a failure of the writes (named by their own error), are not the file's fault.
        if (isCancel(err) || options.signal?.aborted || isServiceError(err, WRITE_FAILED)) throw err;
        // A damaged entry (bad deflate data, size not as declared) fails the snapshot, naming the file.
        throw new ServiceError(
          'csv_file_unreadable',
          `${def.file} could not be read to the end (the file may be damaged or was removed).`,
          'Export the bundle again from the SIS.',
          { cause: err },
        );
      } finally {
        if (ctx.dialect) dialects.set(def.file, ctx.dialect);
      }
      bytesBefore += file.size;
      read.push({ def, stats });
    }
    for (const f of bundle.files) {
      const lower = f.name.toLowerCase();
      // Only CSV files can be meant as part of the bundle; a README next to them is not worth a warning.
      const unknownCsv =
        lower.endsWith('.csv') &&
        !KNOWN_OTHER_FILES.has(lower) &&
        !CSV_FILES.some((d) => d.file.toLowerCase() === lower);
      if (unknownCsv) {
        problems.add({
          file: f.name,
          severity: 'warning',
          code: 'unknown_file',
          message: `${f.name} is not part of a OneRoster CSV bundle and was not imported`,
        });
      }
    }
    if (side !== null) reportUnmatchedRoles(side, problems);
    // Counted by the write thread after its last commit (null in-process: the store counts).
    const counted = await writes.count();
    await closeWrites();
    meta = store.complete(
      snapshotId,
      {
        manifest,
        files: files(),
        onerosterVersion: reading.version,
        feed: feedFacts(reading, byName, dialects, problems),
      },
      counted ?? undefined,
    );
  } catch (err) {
    // What was written before the stop is committed (as before) and the thread is gone before the snapshot
    // ends; a write failure seen here only repeats, or follows, the error that stopped the import.
    await closeWrites().catch(() => undefined);
    if (isCancel(err) || options.signal?.aborted) {
      meta = store.cancel(snapshotId, 'The import was cancelled.', { files: files() });
    } else {
      // Bugs and I/O failures end the snapshot as failed (never silently partial); the message is ours, not the stack.
      const message =
        err instanceof ServiceError
          ? err.message
          : 'The bundle could not be read to the end (the file may be damaged or was removed).';
      meta = store.fail(snapshotId, message, {
        files: files(),
        ...(reading ? { feed: feedFacts(reading, byName, dialects, problems) } : {}),
      });
    }
  }
  return {
    snapshotId,
    status: meta.status === 'running' ? 'failed' : meta.status,
    counts: meta.counts ?? zeroCounts(),
    issues: meta.issueCounts ?? store.issueCounts(snapshotId),
    error: meta.error,
    errors: problems.items,
    moreErrors: problems.more,
  };
}

function checkManifest(manifest: Manifest | null, reading: ReadingPlan, problems: ProblemList): void {
  if (manifest === null) {
    problems.add({
      file: 'manifest.csv',
      severity: 'warning',
      code: reading.manifest === 'unreadable' ? 'manifest_unreadable' : 'missing_manifest',
      message:
        reading.manifest === 'unreadable'
          ? 'manifest.csv could not be read; the files present were imported as a full (bulk) export'
          : 'The bundle has no manifest.csv; the files present were imported as a full (bulk) export',
    });
    return;
  }
  if (reading.declaredVersion !== null) {
    problems.add({
      file: 'manifest.csv',
      severity: 'warning',
      code: 'manifest_version',
      message: `manifest.csv says OneRoster version ${reading.declaredVersion}; the files were read as OneRoster ${reading.version}, so some columns may be missed`,
    });
  }
}

function checkPresence(
  def: CsvFileDef,
  file: BundleFile | undefined,
  manifest: Manifest | null,
  mode: string | undefined,
  problems: ProblemList,
): void {
  if (file === undefined) {
    const required =
      manifest === null ? def.collection !== 'demographics' : mode === 'bulk' || mode === 'delta';
    if (required) {
      problems.add({
        file: def.file,
        severity: 'error',
        code: 'missing_file',
        message:
          manifest === null
            ? `The bundle has no ${def.file}; the snapshot has no ${def.collection}`
            : `manifest.csv lists ${def.file} as ${mode}, but the bundle does not contain it; the snapshot has no ${def.collection}`,
      });
    }
    return;
  }
  if (manifest !== null && (mode === 'not_listed' || mode === 'absent')) {
    problems.add({
      file: def.file,
      severity: 'warning',
      code: 'file_not_in_manifest',
      message: `${def.file} is in the bundle but manifest.csv ${mode === 'absent' ? 'marks it absent' : 'does not list it'}; it was imported anyway`,
    });
  }
}

/** OneRoster 1.2: roles.csv and userProfiles.csv, read before users.csv (user-roles.ts). */
async function readSideFiles(byName: Map<string, BundleFile>, problems: ProblemList): Promise<UserSideData> {
  const side = emptySideData();
  const roles = byName.get('roles.csv');
  if (roles !== undefined) await readRoles(await roles.open(), side, problems);
  const profiles = byName.get('userprofiles.csv');
  if (profiles !== undefined) await readUserProfiles(await profiles.open(), side, problems);
  return side;
}

/** Roles and profiles left over belong to users that are not in users.csv: reported, never silently dropped. */
function reportUnmatchedRoles(side: UserSideData, problems: ProblemList): void {
  for (const [map, file] of [
    [side.roles, 'roles.csv'],
    [side.profiles, 'userProfiles.csv'],
  ] as const) {
    for (const user of map.keys()) {
      problems.add({
        file,
        severity: 'warning',
        code: 'unknown_user',
        message: `${file} names user ${JSON.stringify(user)}, who is not in users.csv; those rows were not imported`,
      });
    }
  }
}
