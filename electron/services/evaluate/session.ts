import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { EvaluationSummary } from '../../../shared/evaluate/result';
import type { Services } from '../container';
import type { ConversionSession } from '../conversion/session';
import { resolveSchools, type EvaluationCache } from '../evaluate-cache';
import type { JobManager } from '../jobs';
import { evaluateSnapshot } from './evaluate';
import { resolveEvaluationTarget } from './evaluation-target';

export const EVALUATE_JOB = 'evaluate';

/** One step of an evaluation job (the app shows it as a progress bar). */
export interface EvaluationProgress {
  type: 'evaluate:progress';
  phase: string;
  label: string;
  done: number;
  total: number;
}

/** What an evaluation job ends with. */
export interface EvaluationOutcome {
  profileId: string;
  snapshotId: string;
  evaluationId: string;
  verdict: EvaluationSummary['verdict'];
  counts: EvaluationSummary['counts'];
  durationMs: number;
}

/**
 * The app's evaluation workflow: the snapshot resolved like `preflight evaluate` resolves it
 * (resolveEvaluationTarget, strict), plan + rules on worker threads under the district's settings, the
 * conversion's CNV-* findings joined in (ConversionSession), and the raw findings kept in the evaluation cache so
 * mutes and overrides apply later without re-running the rules. One job per district at a time.
 */
export class EvaluationSession {
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(
    private readonly services: Pick<Services, 'profiles' | 'snapshots' | 'settings'>,
    private readonly jobs: JobManager,
    private readonly evaluations: EvaluationCache,
    private readonly conversions: ConversionSession,
  ) {}

  /** The running evaluation job of the district, if any. */
  active(profileId: string): string | null {
    return this.jobs.runningJob(EVALUATE_JOB, profileId) ?? null;
  }

  /** Starts an evaluation job for the district (after one already running finishes). */
  async start(profileId: string, snapshotId?: string): Promise<{ jobId: string; snapshotId: string }> {
    const target = await resolveEvaluationTarget(this.services, {
      profile: profileId,
      snapshot: snapshotId ?? 'latest',
      strict: true,
    });
    // A save of new options while an evaluation runs: the new one starts when the old one ends.
    const previous = this.running.get(profileId);
    if (previous) await previous;
    const started = this.jobs.start({ kind: EVALUATE_JOB, key: profileId }, ({ signal, emit }) =>
      this.run(profileId, target.snapshotId, signal, emit),
    );
    const done = started.done.finally(() => {
      if (this.running.get(profileId) === done) this.running.delete(profileId);
    });
    this.running.set(profileId, done);
    return { jobId: started.jobId, snapshotId: target.snapshotId };
  }

  private async run(
    profileId: string,
    snapshotId: string,
    signal: AbortSignal,
    emit: (e: EvaluationProgress) => void,
  ): Promise<EvaluationOutcome> {
    const { services } = this;
    const total = 3;
    const step = async (phase: string, label: string, done: number) => {
      emit({ type: 'evaluate:progress', phase, label, done, total });
      // Let the event (and any cancel) through before the next synchronous stretch.
      await yieldToLoop();
      if (signal.aborted) throw new Error('cancelled');
    };
    const began = performance.now();
    await step('load', 'Reading the district’s mapping options and rule settings…', 0);
    const meta = services.snapshots.get(snapshotId)!;
    const settings = services.settings.get(profileId);
    await step('rules', 'Planning Canvas objects and checking every rule…', 1);
    const evaluation = await evaluateSnapshot({
      store: services.snapshots,
      snapshotId,
      options: settings.mapping,
      settings: settings.rules,
      // Planner and rules on worker threads: the main thread only receives their results.
      planThread: 'worker',
    });
    // With a Canvas baseline, the conversion's CNV-* findings join the OneRoster ones.
    const conversion = await this.conversions.findingsFor(profileId, snapshotId, settings.mapping);
    const findings = [...evaluation.rawFindings, ...conversion.findings];
    await step('index', 'Indexing findings by school…', 2);
    const view = this.evaluations.put(
      {
        profileId,
        snapshotId,
        snapshotAt: meta.finishedAt ?? meta.startedAt,
        evaluatedAt: evaluation.summary.evaluatedAt,
        durationMs: Math.round(performance.now() - began),
        findings,
        failedModules: conversion.failed
          ? [...evaluation.summary.failedModules, conversion.failed]
          : evaluation.summary.failedModules,
        schools: resolveSchools(services.snapshots.db, snapshotId, findings),
        plan: evaluation.plan,
        options: settings.mapping,
        canvasPlan: evaluation.canvasPlan,
      },
      settings.rules,
    );
    emit({ type: 'evaluate:progress', phase: 'done', label: 'Done', done: total, total });
    const summary = view.summary().summary;
    return {
      profileId,
      snapshotId,
      evaluationId: view.id,
      verdict: summary.verdict,
      counts: summary.counts,
      durationMs: view.input.durationMs,
    };
  }
}
