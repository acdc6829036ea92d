import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { EvaluateJobEvent, EvaluateJobResult } from '../../../../shared/ipc/channels/evaluate';
import { ServiceError } from '../../../../shared/errors';
import type { SnapshotMeta } from '../../../../shared/snapshots/snapshot';
import { evaluateSnapshot } from '../../../services/evaluate';
import { resolveSchools, type EvaluationCache } from '../../../services/evaluate-cache';
import type { JobManager } from '../../../services/jobs';
import type { HandlerServices } from '../services';
import type { HandlerGroup } from '../types';
import type { ConversionCache } from './conversion-cache';
import { conversionFindingsFor } from './conversion-findings';
import { requireProfile } from './profiles';

export const EVALUATE_JOB = 'evaluate';

/** The snapshot to evaluate: the one asked for (it must be this district's and complete), else the newest complete. */
export function snapshotToEvaluate(
  services: HandlerServices,
  profileId: string,
  snapshotId?: string,
): SnapshotMeta {
  if (snapshotId === undefined) {
    const latest = services.snapshots.latestComplete(profileId);
    if (latest === null) {
      throw new ServiceError(
        'no_snapshot',
        'This district has no complete snapshot to evaluate yet.',
        'Open Pull and pull the district (or import a CSV bundle) first.',
      );
    }
    return latest;
  }
  const meta = services.snapshots.get(snapshotId);
  if (meta === null || meta.profileId !== profileId) {
    throw new ServiceError(
      'snapshot_not_found',
      'This snapshot no longer exists.',
      'Refresh the list of snapshots.',
    );
  }
  if (meta.status !== 'complete') {
    throw new ServiceError(
      'snapshot_incomplete',
      `Only complete snapshots can be evaluated; this one is ${meta.status}.`,
      'Resume the pull (or pull again) and evaluate the complete snapshot.',
    );
  }
  return meta;
}

export interface Evaluator {
  /** Starts an evaluation job for the district (after one already running finishes). */
  start(profileId: string, snapshotId?: string): Promise<{ jobId: string; snapshotId: string }>;
  handlers: HandlerGroup<'evaluate:start' | 'evaluate:active'>;
}

/**
 * Evaluation jobs: plan + rules over a snapshot under the district's settings, then the findings go into the
 * evaluation cache (raw, so mutes and overrides apply later without re-running the rules).
 */
export function createEvaluator(
  services: HandlerServices,
  jobs: JobManager,
  cache: EvaluationCache,
  conversions: ConversionCache,
): Evaluator {
  const running = new Map<string, Promise<unknown>>();

  async function start(profileId: string, snapshotId?: string) {
    await requireProfile(services, profileId);
    const meta = snapshotToEvaluate(services, profileId, snapshotId);
    // A save of new options while an evaluation runs: the new one starts when the old one ends.
    const previous = running.get(profileId);
    if (previous) await previous;
    const total = 3;
    const started = jobs.start({ kind: EVALUATE_JOB, key: profileId }, async ({ signal, emit }) => {
      const step = async (phase: string, label: string, done: number) => {
        emit({ type: 'evaluate:progress', phase, label, done, total } satisfies EvaluateJobEvent);
        // Let the event (and any cancel) through before the next synchronous stretch.
        await yieldToLoop();
        if (signal.aborted) throw new Error('cancelled');
      };
      const began = performance.now();
      await step('load', 'Reading the district’s mapping options and rule settings…', 0);
      const settings = services.settings.get(profileId);
      await step('rules', 'Planning Canvas objects and checking every rule…', 1);
      const evaluation = await evaluateSnapshot({
        store: services.snapshots,
        snapshotId: meta.id,
        options: settings.mapping,
        settings: settings.rules,
        // Planner and rules on worker threads: the main thread only receives their results.
        planThread: 'worker',
      });
      // With a Canvas baseline, the conversion's CNV-* findings join the OneRoster ones.
      const conversion = await conversionFindingsFor(
        conversions,
        profileId,
        meta.id,
        evaluation.canvasPlan,
        settings.mapping,
      );
      const findings = [...evaluation.rawFindings, ...conversion.findings];
      await step('index', 'Indexing findings by school…', 2);
      const view = cache.put(
        {
          profileId,
          snapshotId: meta.id,
          snapshotAt: meta.finishedAt ?? meta.startedAt,
          evaluatedAt: evaluation.summary.evaluatedAt,
          durationMs: Math.round(performance.now() - began),
          findings,
          failedModules: conversion.failed
            ? [...evaluation.summary.failedModules, conversion.failed]
            : evaluation.summary.failedModules,
          schools: resolveSchools(services.snapshots.db, meta.id, findings),
          plan: evaluation.plan,
          options: settings.mapping,
          canvasPlan: evaluation.canvasPlan,
        },
        settings.rules,
      );
      emit({
        type: 'evaluate:progress',
        phase: 'done',
        label: 'Done',
        done: total,
        total,
      } satisfies EvaluateJobEvent);
      const summary = view.summary().summary;
      return {
        profileId,
        snapshotId: meta.id,
        evaluationId: view.id,
        verdict: summary.verdict,
        counts: summary.counts,
        durationMs: view.input.durationMs,
      } satisfies EvaluateJobResult;
    });
    const done = started.done.finally(() => {
      if (running.get(profileId) === done) running.delete(profileId);
    });
    running.set(profileId, done);
    return { jobId: started.jobId, snapshotId: meta.id };
  }

  return {
    start,
    handlers: {
      'evaluate:start': async ({ profileId, snapshotId }) => start(profileId, snapshotId),
      'evaluate:active': async ({ profileId }) => ({
        jobId: jobs.runningJob(EVALUATE_JOB, profileId) ?? null,
      }),
    },
  };
}
