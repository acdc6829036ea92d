import type { GuardRailCheck } from '../../../shared/sync/guard-rails';

/**
 * What to do about a failing or warning guard rail, in the app's words (its screens), keyed by the check's
 * `remedy` code. The service gives codes and facts plus a neutral `hint`; the CLI words the same codes in
 * electron/cli/hints.ts. A code that is not listed falls back to the neutral hint. Never a `preflight …` command.
 */
const APP_REMEDIES: Record<string, string> = {
  blockers_open: 'Fix them in the SIS and pull again, or acknowledge each one with a reason in Findings.',
  guard_no_baseline: 'Fetch or import a Canvas baseline in Conversion before the first sync.',
  remaps_pending: 'Accept or reject them in Conversion, or choose below to send without them.',
  ambiguous_matches:
    'Fix the data, or acknowledge each CNV-USER-AMBIGUOUS finding with a reason in Findings; or choose below to ' +
    'send without them.',
  guard_never_verified: 'Run Verify.',
};

export function appRemedy(check: Pick<GuardRailCheck, 'remedy' | 'hint'>): string {
  return (check.remedy !== undefined ? APP_REMEDIES[check.remedy] : undefined) ?? check.hint;
}

/** A refusal's hint in app words when its code is a remedy listed above (the refusal mirrors its check). */
export function appRefusalHint(refusal: { code: string; hint: string }): string {
  return APP_REMEDIES[refusal.code] ?? refusal.hint;
}
