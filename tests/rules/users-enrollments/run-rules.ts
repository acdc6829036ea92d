import type Database from 'better-sqlite3';
import { expect } from 'vitest';
import type { RuleHit, RuleModule } from '../../../electron/services/rules/types';
import { userRules } from '../../../electron/services/rules/families/users';
import { enrollmentRules } from '../../../electron/services/rules/families/enrollments';
import { MappingOptions, type MappingOptionsInput } from '../../../shared/mapping/options';
import { ruleInfo } from '../../../shared/rules/catalog';
import { Finding, normaliseFindings } from '../../../shared/rules/finding';
import { makeSnapshot, type FixtureRecords } from '../../../test-support/snapshot-fixture';

/**
 * Runs the user and enrollment rule modules over a snapshot the way the runner will: a real store connection, catalogue
 * defaults for severity and remedy, findings validated against the shared schema and normalised.
 */
export const USER_ENROLLMENT_RULES: readonly RuleModule[] = [userRules, enrollmentRules];

export function runModules(
  db: Database.Database,
  snapshotId: string,
  opts: { options?: MappingOptionsInput; modules?: readonly RuleModule[] } = {},
): Finding[] {
  const options = MappingOptions.parse(opts.options ?? {});
  const out: Finding[] = [];
  for (const module of opts.modules ?? USER_ENROLLMENT_RULES) {
    module.run({
      db,
      snapshotId,
      options,
      report(hit: RuleHit) {
        // A module may only report the ids it declares, and each id must be in the catalogue.
        expect(module.ruleIds).toContain(hit.ruleId);
        const info = ruleInfo(hit.ruleId);
        const { severity, remedy, ...rest } = hit;
        out.push(
          Finding.parse({ ...rest, severity: severity ?? info.severity, remedy: remedy ?? info.remedy }),
        );
      },
    });
  }
  const normalised = normaliseFindings(out);
  // One finding per (ruleId, entityType, sourcedId): a rule that reports twice is a bug, not something to hide.
  expect(normalised.length).toBe(out.length);
  return normalised;
}

/** Builds a fixture snapshot from JSON-binding records, runs the user and enrollment rules and cleans up. */
export function evaluate(records: FixtureRecords, options?: MappingOptionsInput): Finding[] {
  const fx = makeSnapshot(records);
  try {
    return runModules(fx.store.db, fx.snapshotId, options ? { options } : {});
  } finally {
    fx.cleanup();
  }
}

export function only(findings: readonly Finding[], ruleId: string): Finding[] {
  return findings.filter((f) => f.ruleId === ruleId);
}
