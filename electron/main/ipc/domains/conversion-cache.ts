import { randomUUID } from 'node:crypto';
import type { BaselineMeta } from '../../../../shared/canvas/baseline';
import type { ConversionResult } from '../../../../shared/conversion/types';
import type { MappingOptions } from '../../../../shared/mapping/options';
import type { Plan } from '../../../../shared/plan/types';
import type { SnapshotMeta } from '../../../../shared/snapshots/snapshot';
import type { ImportMode } from '../../../../shared/sync/import-mode';
import { openBaselineStore } from '../../../services/canvas-baseline';
import {
  evaluateConversion,
  indexBaseline,
  RemapDecisionStore,
  type BaselineIndex,
} from '../../../services/conversion';
import type { EvaluationCache } from '../../../services/evaluate-cache';
import { buildPlan } from '../../../services/plan';
import type { HandlerServices } from '../services';

/** One conversion result (newest snapshot × newest baseline × decisions × import mode), with a stable id. */
export interface ConversionEntry {
  id: string;
  profileId: string;
  snapshot: SnapshotMeta;
  baseline: BaselineMeta;
  importMode: ImportMode;
  result: ConversionResult;
}

/** What the district has to convert with: the newest complete snapshot and baseline (either may be missing). */
export interface ConversionInputs {
  snapshot: SnapshotMeta | null;
  baseline: BaselineMeta | null;
}

/**
 * The latest conversion per district, computed on demand and kept until something it depends on changes
 * (`invalidate`: decisions, import mode, a new baseline or snapshot). The plan comes from the district's cached
 * evaluation when it matches the snapshot and mapping options, else it is built once and kept.
 */
export class ConversionCache {
  private readonly entries = new Map<string, { key: string; entry: Promise<ConversionEntry> }>();
  private readonly plans = new Map<string, { key: string; plan: Plan }>();
  /** The last baseline's lookup index: reading it is most of a conversion's cost, and decisions don't change it. */
  private baselineIndex: { id: string; index: BaselineIndex } | null = null;
  /** Remap decisions per district (`<dataDir>/conversion/`); one store, so writes are serialised. */
  readonly decisions: RemapDecisionStore;

  constructor(
    private readonly services: HandlerServices,
    private readonly evaluations: EvaluationCache,
  ) {
    this.decisions = new RemapDecisionStore(services.dataDir);
  }

  /** The lookup index of a (complete, immutable) baseline, kept for the last baseline asked for. */
  indexOf(baselineId: string): BaselineIndex {
    if (this.baselineIndex?.id !== baselineId) {
      this.baselineIndex = {
        id: baselineId,
        index: indexBaseline(openBaselineStore(this.services.snapshots), baselineId),
      };
    }
    return this.baselineIndex.index;
  }

  inputs(profileId: string): ConversionInputs {
    return {
      snapshot: this.services.snapshots.latestComplete(profileId),
      baseline: openBaselineStore(this.services.snapshots).latest(profileId),
    };
  }

  /** The conversion for the district's newest snapshot and baseline; null when either is missing. */
  async current(profileId: string): Promise<ConversionEntry | null> {
    const { snapshot, baseline } = this.inputs(profileId);
    if (snapshot === null || baseline === null) return null;
    const mapping = this.services.settings.getMapping(profileId);
    return this.entryFor(profileId, snapshot, baseline, mapping, () =>
      this.planFor(profileId, snapshot.id, mapping),
    );
  }

  /**
   * The conversion over a given plan (the evaluator's, while it runs), or null without a complete baseline.
   * Shares the cache with `current`, so the Conversion screen and the Findings screen see the same result.
   */
  async forPlan(
    profileId: string,
    snapshotId: string,
    plan: Plan,
    mapping: MappingOptions,
  ): Promise<ConversionEntry | null> {
    const snapshot = this.services.snapshots.get(snapshotId);
    const baseline = openBaselineStore(this.services.snapshots).latest(profileId);
    if (snapshot === null || baseline === null) return null;
    this.plans.set(profileId, { key: planKey(snapshotId, mapping), plan });
    return this.entryFor(profileId, snapshot, baseline, mapping, () => plan);
  }

  /** The plan an entry was computed from (kept, or rebuilt for the same snapshot and options). */
  planOf(profileId: string, entry: ConversionEntry): Plan {
    return this.planFor(profileId, entry.snapshot.id, this.services.settings.getMapping(profileId));
  }

  /** Forget the district's conversion (its inputs changed); the plan stays unless `dropPlan`. */
  invalidate(profileId: string, dropPlan = false): void {
    this.entries.delete(profileId);
    if (dropPlan) this.plans.delete(profileId);
  }

  private entryFor(
    profileId: string,
    snapshot: SnapshotMeta,
    baseline: BaselineMeta,
    mapping: MappingOptions,
    plan: () => Plan,
  ): Promise<ConversionEntry> {
    const key = `${snapshot.id}\u0000${baseline.id}\u0000${JSON.stringify(mapping)}`;
    const hit = this.entries.get(profileId);
    if (hit?.key === key) return hit.entry;
    const importMode = this.services.settings.getImportMode(profileId);
    const entry = Promise.resolve()
      .then(() =>
        evaluateConversion({
          plan: plan(),
          baselineStore: openBaselineStore(this.services.snapshots),
          baselineId: baseline.id,
          snapshotId: snapshot.id,
          decisions: this.decisions.get(profileId),
          importMode,
          index: this.indexOf(baseline.id),
        }),
      )
      .then((result) => ({ id: randomUUID(), profileId, snapshot, baseline, importMode, result }));
    // A failure must not stick: the next request computes again.
    entry.catch(() => {
      if (this.entries.get(profileId)?.entry === entry) this.entries.delete(profileId);
    });
    this.entries.set(profileId, { key, entry });
    return entry;
  }

  private planFor(profileId: string, snapshotId: string, mapping: MappingOptions): Plan {
    const key = planKey(snapshotId, mapping);
    const evaluated = this.evaluations.get(profileId, snapshotId)?.input;
    if (evaluated?.canvasPlan && planKey(snapshotId, evaluated.options) === key) return evaluated.canvasPlan;
    const kept = this.plans.get(profileId);
    if (kept?.key === key) return kept.plan;
    const plan = buildPlan(this.services.snapshots.db, snapshotId, mapping);
    this.plans.set(profileId, { key, plan });
    return plan;
  }
}

function planKey(snapshotId: string, mapping: MappingOptions): string {
  return `${snapshotId}\u0000${JSON.stringify(mapping)}`;
}
