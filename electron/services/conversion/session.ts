import { randomUUID } from 'node:crypto';
import type { BaselineMeta } from '../../../shared/canvas/baseline';
import type { ConversionResult, RemapDecision } from '../../../shared/conversion/types';
import { ServiceError, toErrorData } from '../../../shared/errors';
import type { MappingOptions } from '../../../shared/mapping/options';
import type { Finding } from '../../../shared/rules/finding';
import type { SnapshotMeta } from '../../../shared/snapshots/snapshot';
import type { ImportMode } from '../../../shared/sync/import-mode';
import { openBaselineStore } from '../canvas-baseline';
import type { Services } from '../container';
import { resolveSchools, type EvaluationCache } from '../evaluate-cache';
import type { ChangeSisIdRow, WrittenZip } from '../canvas-csv';
import type { FileRows } from '../sync/compare';
import type { CanvasReport, ReadMessages } from '../sync/read-messages';
import type { PredictorOutput } from '../sync/prepare-sync';
import { ConversionWorker, isSuperseded, type SyncFilesRequest } from './conversion-thread';
import { decide, RemapDecisionStore } from './decisions';
import { matchesProposal, type ProposalFilter } from './query';

/** What a conversion session reads: the snapshot and baseline stores, the district's settings, the data folder. */
export type ConversionServices = Pick<Services, 'dataDir' | 'snapshots' | 'settings'>;

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

export interface ConversionFindings {
  findings: Finding[];
  /** Set when the conversion could not run: reported like a crashed rule module, never fatal. */
  failed: { module: string; error: string } | null;
}

const isConversionFinding = (f: Pick<Finding, 'ruleId'>): boolean => f.ruleId.startsWith('CNV-');

/**
 * The app's conversion workflow (the Conversion, Findings, Report and Sync screens all read it): the latest
 * conversion per district, computed on demand and kept until something it depends on changes (`invalidate`:
 * decisions, import mode, a new baseline or snapshot), and its CNV-* findings beside the OneRoster ones.
 * Conversions run on a worker thread (ConversionWorker), which builds and keeps the plan and the baseline index
 * itself: the main thread only waits. The CLI converts in-process through `conversion/resolve-baseline.ts`.
 */
export class ConversionSession {
  private readonly entries = new Map<string, { key: string; entry: Promise<ConversionEntry> }>();
  private readonly worker: ConversionWorker;
  /** Remap decisions per district (`<dataDir>/conversion/`); one store, so writes are serialised. */
  readonly decisions: RemapDecisionStore;

  constructor(
    private readonly services: ConversionServices,
    /** The app's evaluations: their CNV-* findings follow every change of the conversion (`changed`). */
    private readonly evaluations: EvaluationCache,
  ) {
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

  /**
   * The sync preview's row-level prediction of the entry's plan sent with `remaps` under `params`, from the
   * conversion thread: the one the conversion already made when the files and mode match (no predictor run on
   * the calling thread).
   */
  predictSync(
    profileId: string,
    entry: ConversionEntry,
    sent: { remaps: ChangeSisIdRow[]; params: Record<string, string>; timeZone: string | null },
  ): Promise<PredictorOutput> {
    return this.worker.predict({
      snapshotId: entry.snapshot.id,
      baselineId: entry.baseline.id,
      mapping: this.services.settings.getMapping(profileId),
      ...sent,
    });
  }

  /**
   * The sync's CSV files (the plan of `files.snapshotId` under `files.mapping`, with the remaps) are built by the
   * conversion thread, never on the calling thread, with or without a baseline: their rows per file for the
   * preview, Canvas's answer read with the records behind its rows, and the zip written at `zipPath`.
   */
  countSyncFiles(files: SyncFilesRequest): Promise<FileRows> {
    return this.worker.countSyncFiles(files);
  }

  readSyncMessages(files: SyncFilesRequest | null, report: CanvasReport): Promise<ReadMessages> {
    return this.worker.readSyncMessages({ files, report });
  }

  writeSyncZip(files: SyncFilesRequest, zipPath: string): Promise<WrittenZip> {
    return this.worker.writeSyncZip({ ...files, zipPath });
  }

  /** Forget the district's conversion (its inputs changed); the thread's plan and index stay unless `dropPlan`. */
  invalidate(profileId: string, dropPlan = false): void {
    this.entries.delete(profileId);
    if (dropPlan) this.worker.forget();
  }

  /**
   * The CNV-* findings of an evaluation of `snapshotId` under `mapping` ([] without a complete baseline). The plan
   * is not sent: the conversion thread builds the same plan from the snapshot and options (and keeps it), because
   * copying a large district's plan to another thread would block the main thread for as long as it saves.
   */
  async findingsFor(
    profileId: string,
    snapshotId: string,
    mapping: MappingOptions,
  ): Promise<ConversionFindings> {
    try {
      const entry = await this.forSnapshot(profileId, snapshotId, mapping);
      return { findings: entry?.result.findings ?? [], failed: null };
    } catch (err) {
      return { findings: [], failed: { module: 'conversion', error: toErrorData(err).message } };
    }
  }

  /**
   * Something the conversion depends on changed (decisions, import mode, baseline): forget it, and swap the CNV-*
   * findings of the district's latest cached evaluation for the new conversion's — without re-running the
   * OneRoster rules (the evaluation stores raw findings; rule settings apply when it is viewed).
   */
  async changed(profileId: string): Promise<void> {
    this.invalidate(profileId);
    const evaluations = this.evaluations;
    const view = evaluations.latest(profileId);
    if (!view || !view.input.canvasPlan) return;
    const { findings, failed } = await this.findingsFor(profileId, view.snapshotId, view.input.options);
    const failedModules = view.input.failedModules.filter((m) => m.module !== 'conversion');
    const merged = [...view.input.findings.filter((f) => !isConversionFinding(f)), ...findings];
    evaluations.put(
      {
        ...view.input,
        findings: merged,
        schools: resolveSchools(this.services.snapshots.db, view.snapshotId, merged),
        failedModules: failed ? [...failedModules, failed] : failedModules,
      },
      this.services.settings.getRules(profileId),
    );
  }

  /**
   * The raw findings to send under `importMode`: the evaluation's OneRoster findings with the CNV-* ones of
   * `conversion` instead of the cached ones (null: keep the evaluation's).
   */
  static withConversionFindings(
    evaluationFindings: readonly Finding[],
    conversion: Pick<ConversionResult, 'findings'> | null,
  ): Finding[] {
    return conversion
      ? [...evaluationFindings.filter((f) => !isConversionFinding(f)), ...conversion.findings]
      : [...evaluationFindings];
  }

  /** The district's current conversion; a coded error when it has no complete snapshot or baseline yet. */
  async require(profileId: string): Promise<ConversionEntry> {
    const entry = await this.current(profileId);
    if (entry === null) {
      throw new ServiceError(
        'conversion_unavailable',
        'There is nothing to compare yet: the district needs a complete snapshot and a Canvas baseline.',
        'Pull the district, then fetch or import what Canvas holds today on the Conversion screen.',
      );
    }
    return entry;
  }

  /**
   * Decides the given proposals (by id: each must still exist) or every proposal the filter covers; only real
   * changes are stored. Returns how many changed and the new proposal counts.
   */
  async decide(
    profileId: string,
    decision: RemapDecision,
    which: { ids: readonly string[] } | { filter: ProposalFilter },
  ): Promise<{ changed: number; proposals: ConversionResult['summary']['proposals'] }> {
    const all = (await this.require(profileId)).result.proposals;
    let targets: typeof all;
    if ('ids' in which) {
      const wanted = new Set(which.ids);
      targets = all.filter((p) => wanted.has(p.id));
      if (targets.length < wanted.size) {
        throw new ServiceError(
          'proposal_not_found',
          'Some of these remap proposals no longer exist (the data changed since the list was loaded).',
          'Refresh the list and choose again.',
        );
      }
    } else {
      targets = all.filter((p) => matchesProposal(p, which.filter));
    }
    const changing = targets.filter((p) => p.decision !== decision).map((p) => p.id);
    if (changing.length > 0) {
      await this.decisions.update(profileId, (d) => decide(d, changing, decision));
      await this.changed(profileId);
    }
    const fresh = await this.require(profileId);
    return { changed: changing.length, proposals: fresh.result.summary.proposals };
  }

  /**
   * The `change_threshold` simulation under an import mode: saved as the district's mode (its findings follow),
   * or a what-if computed once, nothing saved.
   */
  async simulate(
    profileId: string,
    importMode: ImportMode,
    save: boolean,
  ): Promise<{ importMode: ImportMode; simulation: ConversionResult['summary']['simulation'] }> {
    if (importMode.mode === 'batch' && importMode.termId.trim() === '') {
      throw new ServiceError(
        'batch_term_required',
        'Batch mode works on one term, and no term was chosen.',
        'Pick the term whose courses, sections and enrollments the import replaces.',
      );
    }
    if (save) {
      const saved = await this.services.settings.setImportMode(profileId, importMode);
      await this.changed(profileId);
      const entry = await this.require(profileId);
      return { importMode: saved, simulation: entry.result.summary.simulation };
    }
    const entry = await this.require(profileId);
    const preview = await this.preview(profileId, entry, importMode);
    return { importMode, simulation: preview.summary.simulation };
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
