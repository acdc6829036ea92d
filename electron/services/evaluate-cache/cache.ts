import type { RuleSettings } from '../../../shared/mapping/options';
import { EvaluationView } from './evaluation-view';
import type { EvaluationInput } from './types';

export interface EvaluationCacheOptions {
  /** Evaluations kept in memory over all districts (each can hold hundreds of thousands of findings). */
  maxEntries?: number;
}

/**
 * The latest evaluation per district + snapshot, in main memory, seen through the district's current rule
 * settings. A settings change re-derives the views from the stored findings: no re-evaluation.
 */
export class EvaluationCache {
  private readonly entries = new Map<string, EvaluationView>();
  private readonly maxEntries: number;

  constructor(options: EvaluationCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 6;
  }

  put(input: EvaluationInput, settings: RuleSettings): EvaluationView {
    const key = keyOf(input.profileId, input.snapshotId);
    const view = new EvaluationView(input, settings);
    this.entries.delete(key);
    this.entries.set(key, view);
    while (this.entries.size > this.maxEntries)
      this.entries.delete(this.entries.keys().next().value as string);
    return view;
  }

  get(profileId: string, snapshotId: string): EvaluationView | undefined {
    return this.entries.get(keyOf(profileId, snapshotId));
  }

  /** The district's most recently stored evaluation. */
  latest(profileId: string): EvaluationView | undefined {
    let found: EvaluationView | undefined;
    for (const view of this.entries.values()) if (view.profileId === profileId) found = view;
    return found;
  }

  /** Re-derives every evaluation of the district under new rule settings (mute, override, acknowledge). */
  applySettings(profileId: string, settings: RuleSettings): void {
    for (const [key, view] of this.entries) {
      if (view.profileId === profileId) this.entries.set(key, new EvaluationView(view.input, settings));
    }
  }

  dropProfile(profileId: string): void {
    for (const [key, view] of [...this.entries]) if (view.profileId === profileId) this.entries.delete(key);
  }

  dropSnapshot(snapshotId: string): void {
    for (const [key, view] of [...this.entries]) if (view.snapshotId === snapshotId) this.entries.delete(key);
  }
}

function keyOf(profileId: string, snapshotId: string): string {
  return `${profileId}\u0000${snapshotId}`;
}
