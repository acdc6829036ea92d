import type Database from 'better-sqlite3';
import type { MappingOptions, RuleSettings } from '../../../shared/mapping/options';
import { applyRuleSettings, type SettingsApplied } from '../../../shared/evaluate/apply-settings';
import { normaliseFindings, type Finding } from '../../../shared/rules/finding';
import { MODULES, catalogueInfo } from './registry';
import type { RuleContext, RuleHit, RuleModule } from './types';

export interface ModuleRun {
  module: string;
  ms: number;
  findings: number;
  error?: string;
}

export interface RawRuleRun {
  /** Every finding with catalogue (or rule-chosen) severities, normalised; no profile settings applied. */
  findings: Finding[];
  modules: ModuleRun[];
  failedModules: Array<{ module: string; error: string }>;
}

export interface RuleRun extends RawRuleRun {
  /** The raw findings as the profile sees them: mutes, overrides and acknowledgements applied. */
  applied: SettingsApplied;
}

/**
 * Runs every rule module over one snapshot. A module that throws (a bug, or a rule reporting an id it does not
 * own) is recorded in `failedModules` and the others still run: the user gets every check that works, and the
 * verdict says the evaluation is incomplete.
 */
export function runRuleModules(
  db: Database.Database,
  snapshotId: string,
  options: MappingOptions,
  modules: readonly RuleModule[] = MODULES,
): RawRuleRun {
  const all: Finding[] = [];
  const runs: ModuleRun[] = [];
  const failedModules: RawRuleRun['failedModules'] = [];
  for (const module of modules) {
    const owned = new Set(module.ruleIds);
    const found: Finding[] = [];
    const ctx: RuleContext = {
      db,
      snapshotId,
      options,
      report: (hit) => found.push(toFinding(hit, module, owned)),
    };
    const started = performance.now();
    try {
      module.run(ctx);
      for (const f of found) all.push(f);
      runs.push({ module: module.name, ms: performance.now() - started, findings: found.length });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failedModules.push({ module: module.name, error: message });
      runs.push({ module: module.name, ms: performance.now() - started, findings: 0, error: message });
    }
  }
  return { findings: normaliseFindings(all), modules: runs, failedModules };
}

/** runRuleModules, then the profile's rule settings (mutes, severity overrides, acknowledgements). */
export function runRules(
  db: Database.Database,
  snapshotId: string,
  options: MappingOptions,
  settings: RuleSettings,
  modules: readonly RuleModule[] = MODULES,
): RuleRun {
  const raw = runRuleModules(db, snapshotId, options, modules);
  return { ...raw, applied: applyRuleSettings(raw.findings, settings) };
}

function toFinding(hit: RuleHit, module: RuleModule, owned: ReadonlySet<string>): Finding {
  const info = catalogueInfo(hit.ruleId);
  if (info === undefined || !owned.has(hit.ruleId)) {
    throw new Error(
      `rule module "${module.name}" reported ${hit.ruleId}, which it does not declare in ruleIds`,
    );
  }
  const finding: Finding = {
    ruleId: hit.ruleId,
    severity: hit.severity ?? info.severity,
    entityType: hit.entityType,
    sourcedId: hit.sourcedId,
    message: hit.message,
    remedy: hit.remedy ?? info.remedy,
  };
  if (hit.detail !== undefined) finding.detail = hit.detail;
  if (hit.related !== undefined && hit.related.length > 0) finding.related = hit.related;
  return finding;
}
