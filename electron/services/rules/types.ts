import type Database from 'better-sqlite3';
import type { EntityRef, EntityType, Finding, Severity } from '../../../shared/rules/finding';
import type { MappingOptions } from '../../../shared/mapping/options';

/**
 * A rule module checks one family of OneRoster data rules (docs/rules.md "OneRoster data") over one snapshot.
 * Rules read the snapshot with indexed SQL (`db` is the snapshot store's connection; tables and columns are
 * in electron/services/snapshots/tables.ts, every row has `snapshot_id`) or build compact in-memory indexes;
 * they never load every raw record as a JS object. Rules are pure over (snapshot, options): same input, same hits.
 */
export interface RuleContext {
  db: Database.Database;
  snapshotId: string;
  options: MappingOptions;
  /** Reports one hit; severity and remedy default to the catalogue (shared/rules/catalog.ts). */
  report(hit: RuleHit): void;
}

export interface RuleHit {
  ruleId: string;
  entityType: EntityType;
  sourcedId: string;
  message: string;
  /** Overrides the catalogue's default severity (e.g. TERM-DUPLICATE is info when terms are merged). */
  severity?: Severity;
  /** Specific remedy; the catalogue's remedy is used when absent. */
  remedy?: string;
  detail?: Record<string, unknown>;
  related?: EntityRef[];
}

export interface RuleModule {
  /** Family name, e.g. 'users'. */
  name: string;
  /** Every rule id this module can report (must exist in the catalogue). */
  ruleIds: readonly string[];
  run(ctx: RuleContext): void;
}

export type { Finding };
