import { randomUUID } from 'node:crypto';
import type { BaselineMeta } from '../../../../shared/canvas/baseline';
import type { ConversionResult } from '../../../../shared/conversion/types';
import type { MappingOptions } from '../../../../shared/mapping/options';
import type { SnapshotMeta } from '../../../../shared/snapshots/snapshot';
import type { ImportMode } from '../../../../shared/sync/import-mode';
import { openBaselineStore } from '../../../services/canvas-baseline';
import { RemapDecisionStore } from '../../../services/conversion';
import { ConversionWorker, isSuperseded } from '../../../services/conversion/conversion-thread';
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
 * (`invalidate`: decisions, import mode, a new baseline or snapshot). Conversions run on a worker thread
 * (ConversionWorker), which builds and keeps the plan and the baseline index itself: the main thread only waits.
 */
export class ConversionCache {
  private readonly entries = new Map<string, { key: string; entry: Promise<ConversionEntry> }>();
  private readonly worker: ConversionWorker;
  /** Remap decisions per district (`<dataDir>/conversion/`); one store, so writes are serialised. */
  readonly decisions: RemapDecisionStore;

  constructor(private readonly services: HandlerServices) {
    this.decisions = new RemapDecisionStore(services.dataDir);
    this.worker = new ConversionWorker(services.snapshots.dbPath);
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
    return this.entryFor(profileId, snapshot, baseline, this.services.settings.getMapping(profileId));
  }

  /**
   * The conversion of a given snapshot under given mapping options (the evaluator's, while it runs), or null
   * without a complete baseline. Shares the cache with `current`, so the Conversion screen and the Findings
   * screen see the same result.
   */
  async forSnapshot(
    profileId: string,
    snapshotId: string,
    mapping: MappingOptions,
  ): Promise<ConversionEntry | null> {
    const snapshot = this.services.snapshots.get(snapshotId);
    const baseline = openBaselineStore(this.services.snapshots).latest(profileId);
    if (snapshot === null || baseline === null) return null;
    return this.entryFor(profileId, snapshot, baseline, mapping);
  }

  /** What-if: the entry's conversion under another import mode. Computed once, not cached, nothing saved. */
  preview(profileId: string, entry: ConversionEntry, importMode: ImportMode): Promise<ConversionResult> {
    return this.worker.convert({
      snapshotId: entry.snapshot.id,
      baselineId: entry.baseline.id,
      mapping: this.services.settings.getMapping(profileId),
      decisions: this.decisions.get(profileId),
      importMode,
    });
  }

  /** Forget the district's conversion (its inputs changed); the thread's plan and index stay unless `dropPlan`. */
  invalidate(profileId: string, dropPlan = false): void {
    this.entries.delete(profileId);
    if (dropPlan) this.worker.forget();
  }

  /** Stops the conversion thread (with the handlers). */
  dispose(): Promise<void> {
    return this.worker.dispose();
  }

  private entryFor(
    profileId: string,
    snapshot: SnapshotMeta,
    baseline: BaselineMeta,
    mapping: MappingOptions,
  ): Promise<ConversionEntry> {
    const key = `${snapshot.id}\u0000${baseline.id}\u0000${JSON.stringify(mapping)}`;
    const hit = this.entries.get(profileId);
    if (hit?.key === key) return hit.entry;
    const importMode = this.services.settings.getImportMode(profileId);
    const request = {
      snapshotId: snapshot.id,
      baselineId: baseline.id,
      mapping,
      decisions: this.decisions.get(profileId),
      importMode,
    };
    const entry: Promise<ConversionEntry> = this.worker.convert(request, profileId).then(
      (result) => ({ id: randomUUID(), profileId, snapshot, baseline, importMode, result }),
      (err: unknown) => {
        // Replaced while queued (decisions changed again): whoever waited gets the newer conversion.
        const newer = this.entries.get(profileId)?.entry;
        if (isSuperseded(err) && newer !== undefined && newer !== entry) return newer;
        throw err;
      },
    );
    // A failure must not stick: the next request computes again.
    entry.catch(() => {
      if (this.entries.get(profileId)?.entry === entry) this.entries.delete(profileId);
    });
    this.entries.set(profileId, { key, entry });
    return entry;
  }
}
