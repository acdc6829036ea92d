import type { SnapshotCollection } from '../../../shared/snapshots/collections';
import { CSV_FILES, type CsvFileDef } from './columns';
import { splitCsvRecord } from './csv-rows';
import type { OneRosterVersion } from './dialects';
import { applySemantics, zeroSemanticsCounts } from './row-semantics';
import { planHeader, rowToJson, type HeaderPlan } from './row-to-json';

/**
 * An imported row's raw record kept as its CSV text (a third of the JSON's size, and no JSON to build on import):
 * the record is rebuilt on read exactly as the import built it, from the file's header and reading rules, which
 * the import keeps once per snapshot and collection (`raw_layouts`). Only rows that rebuild exactly are kept this
 * way: read without a warning, no password to redact, no 1.2 side files merged in (see `storableAsLine`).
 */

/** What reading a row needs besides its text. Stored as JSON in `raw_layouts.layout`. */
export interface CsvLayout {
  header: string[];
  version: OneRosterVersion;
  mode: 'bulk' | 'delta';
}

export function csvLayoutJson(layout: CsvLayout): string {
  return JSON.stringify({ header: layout.header, version: layout.version, mode: layout.mode });
}

/** True when the raw record built from a row equals what rebuilding it from its text gives. */
export function storableAsLine(record: Record<string, unknown>, sideMerged: boolean): boolean {
  return !sideMerged && record.password === undefined && record.userProfiles === undefined;
}

const plans = new Map<string, { def: CsvFileDef; plan: HeaderPlan; layout: CsvLayout }>();

/** The raw record of a row stored as CSV text; null when it cannot be read back (should not happen). */
export function rawFromCsvLine(
  collection: SnapshotCollection,
  layoutJson: string,
  text: string,
): Record<string, unknown> | null {
  const key = `${collection}\n${layoutJson}`;
  let entry = plans.get(key);
  if (entry === undefined) {
    const def = CSV_FILES.find((d) => d.collection === collection);
    if (def === undefined) return null;
    const layout = JSON.parse(layoutJson) as CsvLayout;
    entry = { def, layout, plan: planHeader(def, layout.header, layout.version).plan };
    if (plans.size > 64) plans.clear();
    plans.set(key, entry);
  }
  const fields = splitCsvRecord(text);
  if (fields === null) return null;
  const record = rowToJson(entry.plan, fields);
  const { mode, version } = entry.layout;
  applySemantics(record, { collection, mode, version, side: null }, zeroSemanticsCounts());
  return record;
}
