import type { BaselineStore } from '../../electron/services/canvas-baseline';
import { evaluateConversion } from '../../electron/services/conversion';
import { buildPlan } from '../../electron/services/plan';
import { BASELINE_TYPES } from '../../shared/canvas/baseline';
import type { ConversionResult, RemapDecisions } from '../../shared/conversion/types';
import {
  DEFAULT_MAPPING_OPTIONS,
  MappingOptions,
  type MappingOptionsInput,
} from '../../shared/mapping/options';
import type { Plan } from '../../shared/plan/types';
import type { Finding } from '../../shared/rules/finding';
import { ImportMode, type ImportModeInput } from '../../shared/sync/import-mode';
import {
  generateBaseline,
  type BaselineScenarios,
  type GeneratedBaseline,
} from '../../electron/services/demo-canvas/generate-baseline';
import { writeDistrictSnapshot } from '../../test-support/district-snapshot';

/** Temporary snapshot + baseline stores (one SQLite file), shared with the baseline tests. */
export { tempStores, type TempStores as Stores } from '../canvas-baseline/helpers';
import type { TempStores as Stores } from '../canvas-baseline/helpers';

/** Stores a generated (or hand-edited) baseline as a complete baseline, the way the report import leaves it. */
export function storeBaseline(
  store: BaselineStore,
  b: Omit<GeneratedBaseline, 'district' | 'expected'>,
): string {
  const id = store.createBaseline({ source: 'report', profileId: null });
  for (const type of BASELINE_TYPES) store.writer(id, type).add(b[type] as never);
  store.complete(id);
  return id;
}

export interface Fixture {
  baseline: GeneratedBaseline;
  baselineId: string;
  snapshotId: string;
  plan: Plan;
  evaluate(decisions?: RemapDecisions, mode?: ImportModeInput): ConversionResult;
}

/** A tiny district as a snapshot, its plan, and a Canvas baseline generated from it with the given scenarios. */
export function fixture(
  stores: Stores,
  scenarios: BaselineScenarios = {},
  options: MappingOptionsInput = {},
  edit?: (b: GeneratedBaseline, plan: Plan) => void,
): Fixture {
  const baseline = generateBaseline({ preset: 'tiny' }, scenarios);
  const { snapshotId } = writeDistrictSnapshot(stores.snapshots, baseline.district);
  const plan = buildPlan(stores.snapshots.db, snapshotId, {
    ...DEFAULT_MAPPING_OPTIONS,
    ...MappingOptions.parse(options),
  });
  edit?.(baseline, plan);
  const baselineId = storeBaseline(stores.baselines, baseline);
  return {
    baseline,
    baselineId,
    snapshotId,
    plan,
    evaluate: (decisions = {}, mode = {}) =>
      evaluateConversion({
        plan,
        baselineStore: stores.baselines,
        baselineId,
        snapshotId,
        decisions,
        importMode: ImportMode.parse(mode),
      }),
  };
}

/** `ruleId entityType sourcedId` of every finding of the given rule, sorted. */
export function keysOf(findings: readonly Finding[], ruleId: string): string[] {
  return findings
    .filter((f) => f.ruleId === ruleId)
    .map((f) => `${f.entityType} ${f.sourcedId}`)
    .sort();
}

export function ruleIds(findings: readonly Finding[]): string[] {
  return [...new Set(findings.map((f) => f.ruleId))].sort();
}
