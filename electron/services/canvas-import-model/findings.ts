import { ruleInfo } from '../../../shared/rules/catalog';
import type { EntityType, Finding } from '../../../shared/rules/finding';
import type { ImportPrediction, PredictedKind, RowOutcome, SkipCause } from '../../../shared/sync/prediction';

/**
 * Every row Canvas would skip or reject — or import with a warning — becomes a finding on its OneRoster record:
 * USER-NO-USERNAME / USER-BAD-USERNAME where the username is the cause, CNV-ROW-SKIPPED (with Canvas's own
 * message and the remedy) for everything else. A refused or aborted import is one CNV-ROW-SKIPPED finding on the profile.
 */

const ENTITY_OF_KIND: Record<PredictedKind, EntityType> = {
  change_sis_id: 'user',
  accounts: 'org',
  terms: 'academicSession',
  courses: 'class',
  sections: 'class',
  users: 'user',
  enrollments: 'enrollment',
  user_observers: 'user',
};

const REMEDY: Record<SkipCause, string> = {
  missing_value: 'Fill in the value in the OneRoster data (or the mapping) so the row is complete.',
  bad_status: 'Use a status Canvas accepts for this file.',
  bad_login: 'Give the user a username of 1–100 printable characters.',
  login_claimed:
    'Accept the change_sis_id remap for the existing Canvas login, or change the username; until then Canvas skips the user and everything that depends on it.',
  sis_id_claimed: 'Free the SIS id in Canvas (change_sis_id) or choose another id source.',
  integration_id_claimed:
    'Remove the integration_id from the other Canvas login, or do not send it for this user.',
  unknown_parent_account: 'Send the parent school first, or map the school to an existing sub-account.',
  unknown_course: 'Send the course in the same import (or fix the reference).',
  unknown_section: 'Send the section in the same import (or fix the reference).',
  unknown_user: 'Send the user in the same import (or fix the reference).',
  deleted_user: 'Reactivate the user (status active in users.csv) or drop the enrollment.',
  bad_role:
    'Use a built-in role (student, teacher, ta, observer, designer) or a custom role that exists in Canvas.',
  change_sis_id_conflict: 'Free the new SIS id in Canvas first, or reject this remap.',
  change_sis_id_missing:
    'The old SIS id is not in Canvas any more: refresh the Canvas baseline and review the remap.',
  cascade: 'Fix the row it depends on (the user, course or section Canvas skips); this row then imports.',
};

/**
 * The OneRoster rule that already names the problem, else CNV-ROW-SKIPPED. A claimed login stays CNV-ROW-SKIPPED:
 * CNV-LOGIN-CLAIMED means another person holds it, while a skip also follows from a remap not yet accepted.
 */
function ruleFor(o: RowOutcome): string {
  if (o.kind === 'users' && o.cause === 'bad_login') return 'USER-BAD-USERNAME';
  if (o.kind === 'users' && o.cause === 'missing_value' && /^No login_id given/.test(o.message ?? ''))
    return 'USER-NO-USERNAME';
  return 'CNV-ROW-SKIPPED';
}

export interface PredictionFindingOptions {
  /** Leave out the change_threshold abort (the conversion's CNV-THRESHOLD already reports it per term). */
  skipAbort?: boolean;
}

export function predictionFindings(p: ImportPrediction, opts: PredictionFindingOptions = {}): Finding[] {
  const out: Finding[] = [];
  if (p.refusal) {
    const rule = ruleInfo('CNV-ROW-SKIPPED');
    out.push({
      ruleId: rule.id,
      severity: rule.severity,
      entityType: 'profile',
      sourcedId: 'sis_import',
      message: `Canvas would refuse the whole import (HTTP ${p.refusal.status}): "${p.refusal.message}"`,
      remedy: p.refusal.hint,
      detail: { refusal: p.refusal.code },
    });
  }
  if (p.abort && !opts.skipAbort) {
    const rule = ruleInfo('CNV-THRESHOLD');
    out.push({
      ruleId: rule.id,
      severity: rule.severity,
      entityType: 'profile',
      sourcedId: 'sis_import',
      message: `Canvas would abort the import after applying its rows: "${p.abort.message}"`,
      remedy: rule.remedy,
    });
  }
  for (const o of p.rows) {
    if (o.message === null) continue;
    const rule = ruleInfo(ruleFor(o));
    const what = o.outcome === 'skip' || o.outcome === 'error' ? 'skips' : 'imports with a warning';
    out.push({
      ruleId: rule.id,
      severity: rule.severity,
      entityType: o.entityType ?? ENTITY_OF_KIND[o.kind],
      sourcedId: o.oneRosterSourcedId ?? o.sisId,
      message: `Canvas ${what} ${o.file} row ${o.row}: "${o.message}"${o.orderDependent ? ' (depends on the order Canvas processes the rows in)' : ''}`,
      remedy: o.cause ? REMEDY[o.cause] : rule.remedy,
      detail: {
        file: o.file,
        row: o.row,
        sisId: o.sisId,
        outcome: o.outcome,
        cause: o.cause,
        canvasMessage: o.message,
      },
    });
  }
  return out;
}
