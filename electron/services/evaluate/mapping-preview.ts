import type { PlanCountsView } from '../../../shared/findings/views';
import { ServiceError } from '../../../shared/errors';
import type { MappingOptions } from '../../../shared/mapping/options';
import type { Services } from '../container';
import type { EvaluationCache } from '../evaluate-cache';
import { planCountsInWorker } from './plan-thread';

/** Plans kept for previews (per snapshot + options): toggling an option back and forth must not re-plan. */
const PREVIEW_CACHE_SIZE = 12;

/** Option keys (roleMap.* dotted) whose values differ. */
export function changedOptions(a: MappingOptions, b: MappingOptions): string[] {
  const out: string[] = [];
  for (const key of Object.keys(a) as Array<keyof MappingOptions>) {
    if (key === 'roleMap') {
      for (const role of Object.keys(a.roleMap) as Array<keyof MappingOptions['roleMap']>) {
        if (a.roleMap[role] !== b.roleMap[role]) out.push(`roleMap.${role}`);
      }
    } else if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) out.push(key);
  }
  return out;
}

export interface MappingPreviewResult {
  snapshotId: string;
  current: PlanCountsView;
  proposed: PlanCountsView;
  changed: string[];
}

/**
 * The app's "what would these mapping options change" workflow: planned counts of the district's evaluated
 * snapshot (what Findings shows; else its newest) under the saved and the proposed options. Planned on a worker
 * thread (a large district takes seconds), the last few plans kept.
 */
export class MappingPreview {
  private readonly previews = new Map<string, Promise<PlanCountsView>>();

  constructor(
    private readonly services: Pick<Services, 'snapshots'>,
    private readonly evaluations: EvaluationCache,
  ) {}

  async preview(
    profileId: string,
    current: MappingOptions,
    proposed: MappingOptions,
  ): Promise<MappingPreviewResult> {
    const snapshotId = this.previewSnapshot(profileId);
    const view = this.evaluations.get(profileId, snapshotId);
    const currentCounts =
      view && changedOptions(view.input.options, current).length === 0
        ? view.input.plan.counts
        : await this.countsFor(snapshotId, current);
    const changed = changedOptions(current, proposed);
    return {
      snapshotId,
      current: currentCounts,
      proposed: changed.length === 0 ? currentCounts : await this.countsFor(snapshotId, proposed),
      changed,
    };
  }

  private countsFor(snapshotId: string, opts: MappingOptions): Promise<PlanCountsView> {
    const key = `${snapshotId}\u0000${JSON.stringify(opts)}`;
    const hit = this.previews.get(key);
    if (hit) return hit;
    const counts = planCountsInWorker(this.services.snapshots.dbPath, snapshotId, opts);
    counts.catch(() => this.previews.delete(key));
    this.previews.set(key, counts);
    if (this.previews.size > PREVIEW_CACHE_SIZE) {
      this.previews.delete(this.previews.keys().next().value as string);
    }
    return counts;
  }

  /** The snapshot a preview plans: the district's evaluated one (what Findings shows), else its newest. */
  private previewSnapshot(profileId: string): string {
    const view = this.evaluations.latest(profileId);
    if (view && this.services.snapshots.get(view.snapshotId) !== null) return view.snapshotId;
    const latest = this.services.snapshots.latestComplete(profileId);
    if (!latest) {
      throw new ServiceError(
        'no_snapshot',
        'There is no snapshot to preview the mapping on yet.',
        'Pull the district first; the preview then shows what each option changes.',
      );
    }
    return latest.id;
  }
}
