import type { ConversionResult, ConversionSummary } from '../../../shared/conversion/types';
import type { EvaluationSummary } from '../../../shared/evaluate/result';
import type { MappingOptions, RuleSettings } from '../../../shared/mapping/options';
import type { Plan } from '../../../shared/plan/types';
import type { Finding } from '../../../shared/rules/finding';
import { ImportMode } from '../../../shared/sync/import-mode';
import { isServiceError } from '../../../shared/errors';
import type { Services } from '../container';
import {
  conversionFor,
  mergeConversion,
  resolveBaseline,
  type ResolvedBaseline,
} from '../conversion/resolve-baseline';
import { buildPlan } from '../plan';
import { evaluateSnapshot, type Evaluation } from './evaluate';
import { resolveEvaluationTarget, type EvaluationTarget, type TargetRequest } from './evaluation-target';

/**
 * The in-process evaluation pipeline behind `preflight evaluate`, `report`, `sync`, `change-sis-id` and `demo`:
 * which snapshot under which settings (resolveEvaluationTarget), plan + data rules, and — with a Canvas
 * baseline — the conversion and its CNV findings merged under the same rule settings. The app runs the same
 * steps on worker threads with its caches (evaluate/session.ts, conversion/session.ts).
 */

export interface ConvertedEvaluation {
  evaluation: Evaluation;
  /** null without a baseline. */
  conversion: ConversionResult | null;
  /** The evaluation's summary and visible findings, CNV findings merged in (the evaluation's own without). */
  summary: EvaluationSummary;
  findings: Finding[];
  /** Every finding before the rule settings, CNV findings included. */
  rawFindings: Finding[];
  conversionSummary: ConversionSummary | null;
}

/** One snapshot evaluated under given settings, and converted against `baselineId` when one is given. */
export async function evaluateWithConversion(
  services: Pick<Services, 'snapshots' | 'dataDir'>,
  input: {
    snapshotId: string;
    options: MappingOptions;
    settings: RuleSettings;
    /** Whose remap decisions apply (null: none). */
    profileId: string | null;
    baselineId: string | null;
    importMode?: ImportMode;
  },
): Promise<ConvertedEvaluation> {
  const evaluation = await evaluateSnapshot({
    store: services.snapshots,
    snapshotId: input.snapshotId,
    options: input.options,
    settings: input.settings,
  });
  if (input.baselineId === null) {
    return {
      evaluation,
      conversion: null,
      summary: evaluation.summary,
      findings: evaluation.findings,
      rawFindings: evaluation.rawFindings,
      conversionSummary: null,
    };
  }
  const conversion = conversionFor(services, evaluation, {
    baselineId: input.baselineId,
    snapshotId: input.snapshotId,
    profileId: input.profileId,
    ...(input.importMode ? { importMode: input.importMode } : {}),
  });
  const merged = mergeConversion(evaluation, conversion, input.settings);
  return {
    evaluation,
    conversion,
    summary: merged.summary,
    findings: merged.findings,
    rawFindings: [...evaluation.rawFindings, ...conversion.findings],
    conversionSummary: merged.conversion,
  };
}

export interface PipelineRequest extends TargetRequest {
  /** A provisioning report file (imported first), a baseline id, or 'latest'; absent: no conversion. */
  canvasBaseline?: string;
  /** With canvasBaseline 'latest': no baseline yet is fine (the conversion is left out) instead of an error. */
  baselineOptional?: boolean;
  /**
   * The import mode the conversion simulates: given, or derived from the profile's stored one (null without a
   * profile); default the stored one.
   */
  importMode?: ImportMode | ((stored: ImportMode | null) => ImportMode);
  signal?: AbortSignal;
}

export interface PipelineResult extends ConvertedEvaluation {
  target: EvaluationTarget;
  /** The baseline compared with (and whether a report file was imported for it); null without one. */
  baseline: ResolvedBaseline | null;
  /** The import mode the conversion simulated; null without a baseline (not even derived then). */
  importMode: ImportMode | null;
}

/** Resolves the target and the baseline, then evaluates and converts. */
export async function runEvaluationPipeline(
  services: Pick<Services, 'profiles' | 'snapshots' | 'settings' | 'dataDir'>,
  request: PipelineRequest,
): Promise<PipelineResult> {
  const target = await resolveEvaluationTarget(services, request);
  const baseline = await baselineFor(services, target, request);
  const importMode = baseline ? importModeFor(services, target, request) : null;
  const converted = await evaluateWithConversion(services, {
    snapshotId: target.snapshotId,
    options: target.options,
    settings: target.settings,
    profileId: target.settingsProfileId,
    baselineId: baseline?.baselineId ?? null,
    ...(importMode ? { importMode } : {}),
  });
  return { ...converted, target, baseline, importMode };
}

/** The plan of the target snapshot converted against a baseline, without the data rules (change_sis_id.csv). */
export async function runConversionOnly(
  services: Pick<Services, 'profiles' | 'snapshots' | 'settings' | 'dataDir'>,
  request: PipelineRequest & { canvasBaseline: string },
): Promise<{
  target: EvaluationTarget;
  baseline: ResolvedBaseline;
  plan: Plan;
  conversion: ConversionResult;
}> {
  const target = await resolveEvaluationTarget(services, request);
  const baseline = (await baselineFor(services, target, request))!;
  const plan = buildPlan(services.snapshots.db, target.snapshotId, target.options);
  const conversion = conversionFor(
    services,
    { canvasPlan: plan },
    {
      baselineId: baseline.baselineId,
      snapshotId: target.snapshotId,
      profileId: target.settingsProfileId,
      importMode: importModeFor(services, target, request),
    },
  );
  return { target, baseline, plan, conversion };
}

async function baselineFor(
  services: Pick<Services, 'snapshots'>,
  target: EvaluationTarget,
  request: PipelineRequest,
): Promise<ResolvedBaseline | null> {
  if (request.canvasBaseline === undefined) return null;
  try {
    return await resolveBaseline(services, request.canvasBaseline, target.settingsProfileId, request.signal);
  } catch (e) {
    if (request.baselineOptional && request.canvasBaseline === 'latest' && isServiceError(e, 'no_baseline')) {
      return null;
    }
    throw e;
  }
}

function importModeFor(
  services: Pick<Services, 'settings'>,
  target: EvaluationTarget,
  request: PipelineRequest,
): ImportMode {
  const stored =
    target.settingsProfileId !== null ? services.settings.getImportMode(target.settingsProfileId) : null;
  if (typeof request.importMode === 'function') return request.importMode(stored);
  return request.importMode ?? stored ?? ImportMode.parse({});
}
