import type { GuardRailCheck, PredictionCheck, SyncPrediction } from '../../../shared/sync/guard-rails';
import type { SyncMessage, SyncRefusal, SyncResult, SyncSimulation } from '../../../shared/sync/types';
import { formatTable } from '../format';
import { cliHint } from '../hints';

/** Human output of `preflight sync`: the simulation, refusals and Canvas's result. */

const nf = new Intl.NumberFormat('en-US');

export function simulationText(sim: SyncSimulation): string {
  const m = sim.importMode;
  const mode =
    m.mode === 'batch'
      ? `batch mode for term ${m.termId}`
      : m.mode === 'diffing'
        ? `diffing against data set "${m.dataSetId}" (missing enrollments become ${m.dropStatus})`
        : 'standard import';
  const lines = [
    `Simulated import (${mode}${m.changeThreshold !== null ? `, change_threshold ${m.changeThreshold}%` : ''}` +
      `${m.overrideStickiness ? ', overriding UI changes' : ''}; ${sim.basis === 'baseline' ? 'compared with the Canvas baseline' : 'no Canvas baseline'}):`,
    formatTable(
      sim.basis === 'baseline'
        ? ['type', 'term', 'create', 'update', 'delete', 'conclude', 'unchanged']
        : ['type', 'term', 'create or update'],
      sim.rows.map((r) =>
        sim.basis === 'baseline'
          ? [
              r.type,
              r.term ?? '',
              ...[r.create, r.update, r.delete, r.conclude, r.unchanged].map((n) => nf.format(n)),
            ]
          : [r.type, r.term ?? '', nf.format(r.create)],
      ),
    ),
  ];
  if (sim.exceeds.length > 0) {
    lines.push(
      `Over the change threshold: ${sim.exceeds.map((t) => `${t} ${sim.percentages[t]}%`).join(', ')} — Canvas would abort the import.`,
    );
  }
  for (const n of sim.notes) lines.push(`note: ${n}`);
  return lines.join('\n');
}

export function refusalText(reasons: readonly SyncRefusal[]): string {
  return reasons.map((r) => `refused (${r.code}): ${r.message}\n  hint: ${cliHint(r) ?? r.hint}`).join('\n');
}

const messageLine = (m: SyncMessage) =>
  `  ${m.file}${m.row !== null ? ` row ${m.row}` : ''}: ${m.message}` +
  (m.entity ? `  [${m.entity.entityType} ${m.entity.sourcedId}]` : '');

export function resultText(r: SyncResult): string {
  const counts = Object.entries(r.counts).filter(([, n]) => n > 0);
  const lines = [
    `Canvas import ${r.importId}: ${r.workflowState} (${r.progress}%)`,
    counts.length
      ? formatTable(
          ['count', 'value'],
          counts.map(([k, n]) => [k, nf.format(n)]),
        )
      : 'No counts reported.',
  ];
  if (r.errors.length) lines.push(`Errors (${r.errors.length}):`, ...r.errors.map(messageLine));
  if (r.warnings.length) lines.push(`Warnings (${r.warnings.length}):`, ...r.warnings.map(messageLine));
  if (r.errorFile)
    lines.push(
      `Error file: ${r.errorFile.name} (${nf.format(r.errorFile.rows)} rows; download it from the import page)`,
    );
  lines.push(`In Canvas: ${r.canvasLink}`);
  return lines.join('\n');
}

const MARK: Record<GuardRailCheck['status'], string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL' };

/** The guard-rail checklist, one line per check (the same list as the Sync screen). */
export function checklistText(checks: readonly GuardRailCheck[]): string {
  const lines = ['Guard rails:'];
  for (const c of checks) {
    lines.push(`  [${MARK[c.status]}] ${c.label}${c.forced ? ' (sent anyway: --allow-pending-remaps)' : ''}`);
    for (const r of c.rules) lines.push(`         ${r.ruleId} ${r.title}: ${nf.format(r.count)}`);
    const hint = c.remedy ? (cliHint({ code: c.remedy, message: c.label, hint: c.hint }) ?? c.hint) : c.hint;
    if (c.status !== 'pass' && hint) lines.push(`         hint: ${hint}`);
  }
  return lines.join('\n');
}

/** The rows Canvas is predicted to skip, shown before anything is sent (first 20). */
export function skipsText(prediction: SyncPrediction): string {
  const n = prediction.skips.length;
  if (n === 0)
    return `Predicted: Canvas skips no rows (${prediction.basis === 'predictor' ? 'row-level prediction' : 'no row-level prediction; every row is expected to import'}).`;
  const lines = [`Predicted: Canvas skips ${nf.format(n)} ${n === 1 ? 'row' : 'rows'}:`];
  for (const s of prediction.skips.slice(0, 20))
    lines.push(
      `  ${s.file}${s.row !== null ? ` row ${s.row}` : ''}: ${s.message}` +
        (s.entity ? `  [${s.entity.entityType} ${s.entity.sourcedId}]` : ''),
    );
  if (n > 20) lines.push(`  … and ${nf.format(n - 20)} more (see --json).`);
  return lines.join('\n');
}

/** Predicted vs actual after Canvas finished; every difference is a missed prediction. */
export function predictionCheckText(check: PredictionCheck): string {
  if (check.missed.length === 0) return 'Canvas did exactly what the preview predicted.';
  const lines = [`Missed predictions (${check.missed.length}): Canvas did not do what the preview said.`];
  for (const m of check.missed.slice(0, 30))
    lines.push(
      `  ${m.kind} ${m.key}: predicted ${m.predicted}, actual ${m.actual} — ${m.message}` +
        (m.entity ? `  [${m.entity.entityType} ${m.entity.sourcedId}]` : ''),
    );
  if (check.missed.length > 30) lines.push(`  … and ${check.missed.length - 30} more (see --json).`);
  return lines.join('\n');
}
