import type { EvaluationSummary } from '../../../shared/evaluate/result';
import { acknowledgementOf } from '../../../shared/evaluate/apply-settings';
import type { Finding } from '../../../shared/rules/finding';
import type { SyncRefusal } from '../../../shared/sync/types';
import { pluralise } from '../../../shared/text/vocabulary';

/**
 * Guard rails before a sync is sent (docs/architecture.md "Data flow"): the snapshot was evaluated, every blocker is resolved or
 * acknowledged (acknowledged blockers do not count for the verdict — shared/evaluate), no rule module crashed,
 * the user typed the district name, and no other sync of the profile is running. Returns every reason to refuse
 * (empty = allowed), so the UI can show them all at once.
 */
export interface SyncGuardInput {
  summary: EvaluationSummary | null;
  /** Visible findings with acknowledgements applied (for examples of open blockers). */
  findings: readonly Finding[];
  districtName: string;
  confirmText: string;
  running: boolean;
}

const EXAMPLES = 3;

export function checkSyncAllowed(input: SyncGuardInput): SyncRefusal[] {
  const reasons: SyncRefusal[] = [];
  const { summary } = input;
  if (summary === null) {
    reasons.push({
      code: 'not_evaluated',
      message: 'The latest snapshot has not been evaluated, so its blockers are unknown.',
      hint: 'Evaluate the latest snapshot and look at the findings first.',
    });
  } else {
    if (summary.failedModules.length > 0) {
      reasons.push({
        code: 'checks_missing',
        message: `${pluralise(summary.failedModules.length, 'rule module')} crashed, so some checks did not run (${summary.failedModules.map((m) => m.module).join(', ')}).`,
        hint: 'Evaluate again; if a module keeps failing, report it with the log file before syncing.',
      });
    }
    const open = summary.effectiveCounts.blocker;
    if (open > 0) {
      const examples = input.findings
        .filter((f) => f.severity === 'blocker' && !acknowledgementOf(f))
        .slice(0, EXAMPLES)
        .map((f) => `${f.ruleId} ${f.entityType} ${f.sourcedId}`);
      reasons.push({
        code: 'blockers_open',
        message: `${pluralise(open, 'blocker')} ${open === 1 ? 'is' : 'are'} neither resolved nor acknowledged${examples.length ? ` (e.g. ${examples.join('; ')})` : ''}.`,
        hint: 'Fix them in the SIS and pull again, or acknowledge each one with a reason in Findings.',
      });
    }
  }
  const expected = input.districtName.trim();
  if (expected === '' || input.confirmText.trim() !== expected) {
    reasons.push({
      code: 'confirm_mismatch',
      message: 'The confirmation does not match the district name.',
      hint: `Type the district name exactly: ${expected}`,
    });
  }
  if (input.running) {
    reasons.push({
      code: 'sync_running',
      message: 'A sync for this district is already running or waiting for its result.',
      hint: 'Wait for it to finish, abort it, or resume watching it.',
    });
  }
  return reasons;
}
