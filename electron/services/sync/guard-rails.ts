import type { RemapDecision, RemapProposal } from '../../../shared/conversion/types';
import { ackKey } from '../../../shared/evaluate/apply-settings';
import type { EvaluationSummary } from '../../../shared/evaluate/result';
import type { RuleSettings } from '../../../shared/mapping/options';
import { RULES_BY_ID } from '../../../shared/rules/catalog';
import type { Finding } from '../../../shared/rules/finding';
import type { GuardRailCheck, GuardRailId, AcknowledgedBlocker } from '../../../shared/sync/guard-rails';
import type { ImportMode } from '../../../shared/sync/import-mode';
import type { SyncRefusal } from '../../../shared/sync/types';

/**
 * The guard-rail checklist before a sync (docs: README "Sync"). Blockers are counted by their CATALOGUE
 * severity on the raw findings, so muting a rule or downgrading its severity never lets a blocker through: only
 * an acknowledgement with a reason does. Undecided remaps and unacknowledged ambiguous matches refuse the sync
 * unless the user forces it (then the check is marked forced and the preview lists the skips first).
 */

const HOUR = 3_600_000;
/** Older than this: shown as a warning. */
export const STALE_AFTER_MS = 24 * HOUR;
/** Older than this: the sync is refused (pull / fetch again). */
export const TOO_OLD_AFTER_MS = 7 * 24 * HOUR;
const AMBIGUOUS_RULE = 'CNV-USER-AMBIGUOUS';

export interface GuardRailInput {
  /** null: not evaluated. */
  summary: Pick<EvaluationSummary, 'failedModules'> | null;
  /** Every finding BEFORE the district's rule settings (catalogue severities), conversion findings included. */
  rawFindings: readonly Finding[];
  rules: Pick<RuleSettings, 'acknowledgements' | 'muted' | 'severityOverrides'>;
  /** The conversion's proposals with decisions; null without a Canvas baseline. */
  proposals: ReadonlyArray<RemapProposal & { decision: RemapDecision }> | null;
  snapshotAt: string | null;
  baselineAt: string | null;
  /** The last verify of the district's roster connection (null: never verified, e.g. a CSV import). */
  verify: { ok: boolean; finishedAt: string } | null;
  importMode: ImportMode;
  /** Thresholded types whose simulated deletions exceed change_threshold, with their percentages. */
  exceeds: ReadonlyArray<{ type: string; percent: number }>;
  /** Batch mode: the SIS term ids Canvas holds today (null without a baseline). */
  canvasTermIds: ReadonlySet<string> | null;
  /** The snapshot is a delta (partial) feed: a batch or diffing import would remove everything it leaves out. */
  partialFeed?: boolean;
  /** The predictor's whole-import refusal (Canvas would fail the import before applying anything). */
  canvasRefusal: string | null;
  /** The user chose to send with undecided remaps / unacknowledged ambiguous matches. */
  allowPendingRemaps: boolean;
  now?: Date;
}

export interface GuardRailOutcome {
  checks: GuardRailCheck[];
  refusals: SyncRefusal[];
  acknowledgedBlockers: AcknowledgedBlocker[];
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

function check(
  id: GuardRailId,
  status: GuardRailCheck['status'],
  label: string,
  hint = '',
  extra: Partial<Pick<GuardRailCheck, 'count' | 'rules' | 'forced' | 'remedy'>> = {},
): GuardRailCheck {
  return { id, status, label, hint, count: null, rules: [], forced: false, ...extra };
}

function age(at: string, now: Date): { ms: number; text: string } {
  const ms = Math.max(0, now.getTime() - Date.parse(at));
  const hours = Math.floor(ms / HOUR);
  const text =
    hours < 1
      ? 'less than an hour'
      : hours < 48
        ? plural(hours, 'hour')
        : plural(Math.floor(hours / 24), 'day');
  return { ms, text };
}

const catalogueSeverity = (f: Finding) => RULES_BY_ID.get(f.ruleId)?.severity ?? f.severity;

export function guardRails(input: GuardRailInput): GuardRailOutcome {
  const now = input.now ?? new Date();
  const checks: GuardRailCheck[] = [];
  const acks = new Map(
    input.rules.acknowledgements.map((a) => [ackKey(a.ruleId, a.entityType, a.sourcedId), a]),
  );
  const ackOf = (f: Finding) => acks.get(ackKey(f.ruleId, f.entityType, f.sourcedId));

  if (input.summary === null) {
    checks.push(
      check('evaluated', 'fail', 'The latest snapshot has not been evaluated.', 'Run the evaluation first.'),
    );
  } else if (input.summary.failedModules.length > 0) {
    const n = input.summary.failedModules.length;
    checks.push(
      check(
        'evaluated',
        'fail',
        `${plural(n, 'rule module')} crashed, so some checks did not run (${input.summary.failedModules.map((m) => m.module).join(', ')}).`,
        'Evaluate again; if a module keeps failing, report it with the log file before syncing.',
        { count: n },
      ),
    );
  } else checks.push(check('evaluated', 'pass', 'The latest snapshot is evaluated.'));

  // Blockers by catalogue severity, whatever the rule settings say.
  const open = new Map<string, number>();
  const acknowledged: AcknowledgedBlocker[] = [];
  // One finding per rule and record, as every screen counts them (raw findings may repeat one).
  const seen = new Set<string>();
  for (const f of input.rawFindings) {
    if (catalogueSeverity(f) !== 'blocker') continue;
    const key = ackKey(f.ruleId, f.entityType, f.sourcedId);
    if (seen.has(key)) continue;
    seen.add(key);
    const ack = ackOf(f);
    if (ack) {
      acknowledged.push({
        ruleId: f.ruleId,
        entityType: f.entityType,
        sourcedId: f.sourcedId,
        reason: ack.reason,
        by: ack.by,
      });
    } else open.set(f.ruleId, (open.get(f.ruleId) ?? 0) + 1);
  }
  const openTotal = [...open.values()].reduce((a, b) => a + b, 0);
  const rules = [...open.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([ruleId, count]) => ({ ruleId, title: RULES_BY_ID.get(ruleId)?.title ?? ruleId, count }));
  const hidden = rules.filter(
    (r) =>
      input.rules.muted.includes(r.ruleId) ||
      (input.rules.severityOverrides[r.ruleId] ?? 'blocker') !== 'blocker',
  );
  checks.push(
    openTotal > 0
      ? check(
          'blockers',
          'fail',
          `${plural(openTotal, 'blocker')} in ${plural(rules.length, 'rule')} ${openTotal === 1 ? 'is' : 'are'} neither resolved nor acknowledged` +
            (hidden.length
              ? ` (${plural(hidden.length, 'rule')} muted or downgraded still count${hidden.length === 1 ? 's' : ''}: ${hidden.map((r) => r.ruleId).join(', ')})`
              : '') +
            '.',
          'Fix them in the SIS and pull again, or acknowledge each one with a reason.',
          { count: openTotal, rules, remedy: 'blockers_open' },
        )
      : check(
          'blockers',
          'pass',
          acknowledged.length
            ? `No open blockers (${plural(acknowledged.length, 'blocker')} acknowledged with a reason).`
            : 'No blockers.',
          '',
          { count: 0 },
        ),
  );

  if (input.proposals === null) {
    checks.push(
      check(
        'remaps_pending',
        'warn',
        'No Canvas baseline: existing Canvas users, courses and terms cannot be matched, so remaps are unknown.',
        'Fetch or import a Canvas baseline before the first sync.',
        { remedy: 'guard_no_baseline' },
      ),
    );
  } else {
    const pending = input.proposals.filter((p) => p.decision === 'pending').length;
    checks.push(
      pending === 0
        ? check(
            'remaps_pending',
            'pass',
            `Every remap proposal is decided (${plural(input.proposals.length, 'proposal')}).`,
            '',
            { count: 0 },
          )
        : check(
            'remaps_pending',
            input.allowPendingRemaps ? 'warn' : 'fail',
            `${plural(pending, 'remap proposal')} ${pending === 1 ? 'is' : 'are'} undecided; Canvas would skip the rows that need them.`,
            'Accept or reject them, or send anyway without them.',
            { count: pending, forced: input.allowPendingRemaps, remedy: 'remaps_pending' },
          ),
    );
  }
  const ambiguous = new Set(
    input.rawFindings
      .filter((f) => f.ruleId === AMBIGUOUS_RULE && !ackOf(f))
      .map((f) => ackKey(f.ruleId, f.entityType, f.sourcedId)),
  ).size;
  checks.push(
    ambiguous === 0
      ? check('ambiguous_matches', 'pass', 'No unacknowledged ambiguous matches.', '', { count: 0 })
      : check(
          'ambiguous_matches',
          input.allowPendingRemaps ? 'warn' : 'fail',
          `${plural(ambiguous, 'ambiguous user match', 'ambiguous user matches')} ${ambiguous === 1 ? 'is' : 'are'} not acknowledged.`,
          `Fix the data, or acknowledge each ${AMBIGUOUS_RULE} finding with a reason; or send anyway without them.`,
          {
            remedy: 'ambiguous_matches',
            count: ambiguous,
            forced: input.allowPendingRemaps,
            rules: [
              {
                ruleId: AMBIGUOUS_RULE,
                title: RULES_BY_ID.get(AMBIGUOUS_RULE)?.title ?? AMBIGUOUS_RULE,
                count: ambiguous,
              },
            ],
          },
        ),
  );

  checks.push(
    ageCheck('snapshot_age', 'Roster snapshot', input.snapshotAt, now, 'Pull (or import) the roster again.'),
  );
  if (input.baselineAt !== null)
    checks.push(
      ageCheck('baseline_age', 'Canvas baseline', input.baselineAt, now, 'Fetch the Canvas baseline again.'),
    );
  else
    checks.push(
      check(
        'baseline_age',
        'warn',
        'No Canvas baseline: the preview cannot compare with what Canvas holds today.',
        'Fetch or import a Canvas baseline.',
      ),
    );

  if (input.verify === null)
    checks.push(
      check(
        'verify',
        'warn',
        'The roster connection was never verified (fine for a CSV import).',
        'Verify the roster connection.',
        { remedy: 'guard_never_verified' },
      ),
    );
  else {
    const a = age(input.verify.finishedAt, now);
    if (!input.verify.ok)
      checks.push(
        check(
          'verify',
          'warn',
          `The last verify (${a.text} ago) failed: the connection was not OK.`,
          'Open Verify and fix the connection before the next pull.',
        ),
      );
    else if (a.ms > TOO_OLD_AFTER_MS)
      checks.push(
        check('verify', 'warn', `The last verify is ${a.text} old.`, 'Verify the connection again.'),
      );
    else checks.push(check('verify', 'pass', `Connection OK at the last verify (${a.text} ago).`));
  }

  const threshold = input.importMode.changeThreshold;
  if (input.exceeds.length > 0)
    checks.push(
      check(
        'threshold',
        'fail',
        `The simulated deletions exceed change_threshold ${threshold ?? ''}%: ${input.exceeds.map((e) => `${e.type} ${e.percent}%`).join(', ')}.`,
        'Canvas would abort the import: check the deletions, or raise the threshold on purpose.',
        { count: input.exceeds.length },
      ),
    );
  else
    checks.push(
      check(
        'threshold',
        'pass',
        threshold === null
          ? 'No change_threshold is sent.'
          : `Simulated deletions stay within change_threshold ${threshold}%.`,
      ),
    );

  checks.push(batchTermCheck(input));
  const removes = input.importMode.mode !== 'standard';
  checks.push(
    input.partialFeed && removes
      ? check(
          'partial_feed',
          'fail',
          `The snapshot is a delta (partial) feed, and a ${input.importMode.mode} import removes everything the file leaves out.`,
          'Pull or import the full roster, or use a standard import for a delta.',
        )
      : check(
          'partial_feed',
          'pass',
          input.partialFeed
            ? 'Delta feed, sent as a standard import (nothing is removed).'
            : 'The snapshot is a full feed.',
        ),
  );
  checks.push(
    input.canvasRefusal
      ? check(
          'canvas_refusal',
          'fail',
          `Canvas would refuse the whole import: ${input.canvasRefusal}`,
          'Change the import so Canvas accepts it.',
        )
      : check('canvas_refusal', 'pass', 'Canvas is expected to accept the import as a whole.'),
  );
  return { checks, refusals: refusalsOf(checks), acknowledgedBlockers: acknowledged };
}

function ageCheck(id: GuardRailId, what: string, at: string | null, now: Date, hint: string): GuardRailCheck {
  if (at === null) return check(id, 'fail', `${what}: none.`, hint);
  const a = age(at, now);
  if (a.ms > TOO_OLD_AFTER_MS) return check(id, 'fail', `${what} is ${a.text} old.`, hint);
  if (a.ms > STALE_AFTER_MS) return check(id, 'warn', `${what} is ${a.text} old.`, hint);
  return check(id, 'pass', `${what} is ${a.text} old.`);
}

function batchTermCheck(input: GuardRailInput): GuardRailCheck {
  const mode = input.importMode;
  if (mode.mode !== 'batch') return check('batch_term', 'pass', `No batch term (${mode.mode} import).`);
  const term = mode.termId;
  const renamedFrom = (input.proposals ?? []).find(
    (p) => p.type === 'term' && p.newId === term && p.decision === 'accepted',
  );
  if (renamedFrom)
    return check(
      'batch_term',
      'fail',
      `Batch term ${term} is the new id of a term this import renames (Canvas knows it as ${renamedFrom.oldId}); Canvas would refuse the batch (HTTP 400) before applying anything.`,
      `Send the renames first (a standard sync), then the batch; or batch on ${renamedFrom.oldId}, the id Canvas knows today.`,
    );
  if (input.canvasTermIds === null)
    return check(
      'batch_term',
      'warn',
      `Batch term ${term}: unknown whether Canvas has it (no baseline).`,
      'Fetch a Canvas baseline.',
    );
  if (!input.canvasTermIds.has(term))
    return check(
      'batch_term',
      'fail',
      `Canvas has no term with SIS id ${term}; it would refuse the batch import (HTTP 400).`,
      'Create the term first (a standard sync), or choose a term Canvas knows.',
    );
  return check('batch_term', 'pass', `Canvas knows batch term ${term}.`);
}

const REFUSAL_CODE: Partial<Record<GuardRailId, SyncRefusal['code']>> = {
  evaluated: 'not_evaluated',
  blockers: 'blockers_open',
  remaps_pending: 'remaps_pending',
  ambiguous_matches: 'ambiguous_matches',
  batch_term: 'batch_term_unknown',
};

export function refusalsOf(checks: readonly GuardRailCheck[]): SyncRefusal[] {
  return checks
    .filter((c) => c.status === 'fail')
    .map((c) => ({
      code:
        c.id === 'evaluated' && c.count !== null ? 'checks_missing' : (REFUSAL_CODE[c.id] ?? 'guard_rail'),
      message: c.label,
      hint: c.hint,
    }));
}
