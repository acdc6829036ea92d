import { existsSync } from 'node:fs';
import type { RuleSettings } from '../../../shared/mapping/options';
import type { ConversionResult, ConversionSummary, RemapDecisions } from '../../../shared/conversion/types';
import { applyRuleSettings } from '../../../shared/evaluate/apply-settings';
import type { EvaluationSummary } from '../../../shared/evaluate/result';
import { summarise } from '../../../shared/evaluate/summary';
import type { Finding } from '../../../shared/rules/finding';
import type { ImportMode } from '../../../shared/sync/import-mode';
import { importProvisioningZip, openBaselineStore, type BaselineStore } from '../canvas-baseline';
import type { Services } from '../container';
import { ServiceError } from '../../../shared/errors';
import type { Evaluation } from '../evaluate';
import { RemapDecisionStore } from './decisions';
import { evaluateConversion } from './evaluate-conversion';

/**
 * Glue shared by `preflight evaluate --canvas-baseline` and `preflight change-sis-id`: which baseline (a report
 * zip imported first, an id, or `latest`), the profile's decisions, and CNV findings merged with the data rules
 * under the profile's rule settings (the same way as every other finding).
 */

export interface ResolvedBaseline {
  baselineId: string;
  /** Set when a report file was imported for this run. */
  imported: { file: string; errorCount: number } | null;
}

export async function resolveBaseline(
  services: Pick<Services, 'snapshots'>,
  spec: string,
  profileId: string | null,
  signal?: AbortSignal,
): Promise<ResolvedBaseline> {
  const store = openBaselineStore(services.snapshots);
  if (spec === 'latest') {
    const latest = latestBaseline(store, profileId);
    if (latest === null) {
      throw new ServiceError(
        'no_baseline',
        'There is no complete Canvas baseline yet.',
        profileId === null ? undefined : { detail: { profileId } },
      );
    }
    return { baselineId: latest, imported: null };
  }
  if (store.get(spec) !== null) return { baselineId: spec, imported: null };
  if (!existsSync(spec)) {
    throw new ServiceError(
      'baseline_file_missing',
      `${spec} is neither a Canvas report file nor a baseline id.`,
      'Pass the provisioning report zip (or CSV) Canvas produced, or "latest".',
    );
  }
  const result = await importProvisioningZip(store, spec, { profileId, ...(signal ? { signal } : {}) });
  return { baselineId: result.baselineId, imported: { file: spec, errorCount: result.errorCount } };
}

/** The profile's newest complete baseline, else the newest overall. */
function latestBaseline(store: BaselineStore, profileId: string | null): string | null {
  const own = profileId !== null ? store.latest(profileId) : null;
  return (own ?? store.list({ status: 'complete' })[0] ?? null)?.id ?? null;
}

export function decisionsFor(dataDir: string, profileId: string | null): RemapDecisions {
  return profileId === null ? {} : new RemapDecisionStore(dataDir).get(profileId);
}

export function conversionFor(
  services: Pick<Services, 'snapshots' | 'dataDir'>,
  evaluation: Pick<Evaluation, 'canvasPlan'>,
  input: { baselineId: string; snapshotId: string; profileId: string | null; importMode?: ImportMode },
): ConversionResult {
  return evaluateConversion({
    plan: evaluation.canvasPlan,
    baselineStore: openBaselineStore(services.snapshots),
    baselineId: input.baselineId,
    snapshotId: input.snapshotId,
    decisions: decisionsFor(services.dataDir, input.profileId),
    ...(input.importMode ? { importMode: input.importMode } : {}),
  });
}

/** The evaluation's summary and findings with the CNV findings merged in, under the profile's rule settings. */
export function mergeConversion(
  evaluation: Pick<Evaluation, 'summary' | 'rawFindings'>,
  conversion: ConversionResult,
  settings: RuleSettings,
): { summary: EvaluationSummary; findings: Finding[]; conversion: ConversionSummary } {
  const applied = applyRuleSettings([...evaluation.rawFindings, ...conversion.findings], settings);
  const summary = summarise({
    snapshotId: evaluation.summary.snapshotId,
    profileId: evaluation.summary.profileId,
    evaluatedAt: evaluation.summary.evaluatedAt,
    durationMs: evaluation.summary.durationMs,
    applied,
    failedModules: evaluation.summary.failedModules,
  });
  return { summary, findings: applied.findings, conversion: conversion.summary };
}
