import type { SnapshotCollection } from '../../../shared/snapshots/collections';
import type { CollectionMode, FeedFacts, FeedProblem } from '../../../shared/snapshots/feed';
import type { BundleFile } from './bundle';
import { CSV_FILES } from './columns';
import { readCsvRows, type CsvReadStats } from './csv-rows';
import { guessVersion, parseVersion, type OneRosterVersion } from './dialects';
import type { FileDialectStats } from './import-file';
import { manifestMode, type Manifest } from './manifest';
import type { ProblemList } from './problems';

/**
 * Decides how a bundle is read (version, bulk or delta per file) from its manifest, or — without one — from
 * its files and columns, and records what was assumed; then summarises the import as the snapshot's feed facts.
 */

export interface ReadingPlan {
  version: OneRosterVersion;
  versionSource: FeedFacts['versionSource'];
  declaredVersion: string | null;
  manifest: FeedFacts['manifest'];
  modes: Map<SnapshotCollection, CollectionMode>;
  assumed: string[];
}

/** The first row (header) of a CSV file, lower-cased; [] when unreadable. */
async function headerOf(file: BundleFile): Promise<string[]> {
  const stats: CsvReadStats = { replacementCharLines: 0, firstReplacementLine: null };
  for await (const batch of readCsvRows(await file.open(), stats)) {
    const first = batch[0];
    return first?.fields ? first.fields.map((f) => f.trim().toLowerCase()) : [];
  }
  return [];
}

export async function planReading(
  byName: ReadonlyMap<string, BundleFile>,
  manifest: Manifest | null,
  manifestState: FeedFacts['manifest'],
): Promise<ReadingPlan> {
  const assumed: string[] = [];
  const declared = manifest === null ? undefined : manifestMode(manifest, 'oneroster.version');
  const parsed = parseVersion(declared);
  let version: OneRosterVersion;
  let versionSource: FeedFacts['versionSource'];
  if (parsed !== undefined && parsed !== 'unknown') {
    version = parsed;
    versionSource = 'manifest';
  } else {
    const headers = new Map<string, string[]>();
    for (const name of ['users.csv', 'classes.csv', 'courses.csv']) {
      const file = byName.get(name);
      if (file !== undefined) headers.set(name, await headerOf(file));
    }
    version = guessVersion([...byName.keys()], headers);
    versionSource = 'detected';
    assumed.push(
      parsed === 'unknown'
        ? `manifest.csv names OneRoster version "${declared}", which this app does not know; the files were read as OneRoster ${version} (from their names and columns)`
        : `no OneRoster version was given; the files were read as OneRoster ${version} (from their names and columns)`,
    );
  }
  const modes = new Map<SnapshotCollection, CollectionMode>();
  for (const def of CSV_FILES) {
    const raw = manifest === null ? undefined : manifestMode(manifest, def.manifestKey);
    const present = byName.has(def.file.toLowerCase());
    let mode: CollectionMode;
    if (raw === 'bulk' || raw === 'delta' || raw === 'absent') mode = raw;
    else if (manifest === null) mode = present ? 'bulk' : 'absent';
    else mode = 'not_listed';
    modes.set(def.collection, mode);
  }
  if (manifest === null) {
    assumed.push(
      manifestState === 'unreadable'
        ? 'manifest.csv could not be read, so every file present was read as a full (bulk) export and every file not present as not sent'
        : 'there is no manifest.csv, so every file present was read as a full (bulk) export (blank status = active, blank dateLastModified allowed) and every file not present as not sent',
    );
  }
  return {
    version,
    versionSource,
    declaredVersion: declared !== undefined && parsed === 'unknown' ? declared : null,
    manifest: manifestState,
    modes,
    assumed,
  };
}

/** Import problems that reach findings: everything except rows already kept as rejected rows (OR-SCHEMA counts those). */
function findingProblems(problems: ProblemList): FeedProblem[] {
  return problems
    .grouped()
    .filter((g) => !(g.severity === 'error' && g.firstLine !== null && ROW_REJECTING.has(g.code)))
    .slice(0, 200);
}

/** Row-level error codes whose rows end in records_rejected. */
const ROW_REJECTING = new Set([
  'bad_quoting',
  'column_count',
  'bad_header',
  'no_sourced_id',
  'line_too_long',
]);

export function feedFacts(
  reading: ReadingPlan,
  byName: ReadonlyMap<string, BundleFile>,
  dialects: ReadonlyMap<string, FileDialectStats>,
  problems: ProblemList,
): FeedFacts {
  const collections: FeedFacts['collections'] = {};
  for (const def of CSV_FILES) {
    collections[def.collection] = {
      mode: reading.modes.get(def.collection) ?? 'not_listed',
      file: def.file,
      present: byName.has(def.file.toLowerCase()),
    };
  }
  const aliasesUsed: FeedFacts['aliasesUsed'] = {};
  const semantics: FeedFacts['semantics'] = {};
  for (const [file, d] of dialects) {
    if (d.aliasesUsed.length > 0) aliasesUsed[file] = d.aliasesUsed;
    const counts = Object.fromEntries(
      Object.entries(d.semantics).filter(([, v]) => (Array.isArray(v) ? v.length > 0 : v !== 0)),
    );
    if (Object.keys(counts).length > 0) semantics[file] = counts;
  }
  return {
    format: 'oneroster-csv',
    version: reading.version,
    versionSource: reading.versionSource,
    declaredVersion: reading.declaredVersion,
    manifest: reading.manifest,
    delta: [...reading.modes.values()].some((m) => m === 'delta'),
    collections,
    assumed: reading.assumed,
    aliasesUsed,
    semantics,
    problems: findingProblems(problems),
  };
}
