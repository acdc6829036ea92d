import type { ErrorData } from '../../shared/errors';

/**
 * What to do about an error, in CLI words (commands and flags), keyed by error code. Services throw codes and
 * facts (`detail`); the wording lives here and, for the desktop app, in electron/main/ipc/hints.ts.
 * A code that is not listed falls back to the error's own neutral hint, if any.
 */
type Hint = string | ((error: ErrorData) => string | undefined);

/** A string fact of the error, or `fallback`. */
function fact(error: ErrorData, key: string, fallback: string): string {
  const value = error.detail?.[key];
  return typeof value === 'string' && value !== '' ? value : fallback;
}

/** A profile name as one shell word (names with spaces are common: "Springfield USD"). */
function shellQuote(value: string): string {
  return /^[\w.@%+=:,/-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

const profileArg = (error: ErrorData): string => shellQuote(fact(error, 'profile', 'NAME'));

const SECRET_WHAT: Record<string, string> = {
  'canvas.token': 'Canvas access token',
  'oneroster.clientSecret': 'OneRoster client secret',
};

export const CLI_HINTS: Record<string, Hint> = {
  snapshot_not_found: 'List snapshots with `preflight snapshots list`.',
  snapshot_not_complete: (e) =>
    e.detail?.status === 'running'
      ? 'Wait for the pull to finish.'
      : `Resume the pull (\`preflight resume ${fact(e, 'snapshotId', 'ID')}\`) or pull again, then evaluate the complete snapshot.`,
  no_snapshot: (e) =>
    typeof e.detail?.profile === 'string'
      ? `Pull one first: preflight pull --profile ${profileArg(e)}`
      : 'Pull one (`preflight pull --profile NAME`) or import a CSV bundle (`preflight import-csv PATH`), or pass --oneroster-csv PATH.',
  pull_busy:
    'Wait for it to finish or cancel it, then try again; `preflight snapshots list` shows its snapshot.',
  profile_not_found: 'List profiles with `preflight profiles list`.',
  settings_invalid: (e) =>
    `Fix the listed fields; \`preflight mapping show --profile ${profileArg(e)}\` prints the current values with every option.`,
  mapping_file_invalid: 'Fix the JSON; `preflight mapping show` prints a valid example with every option.',
  secret_missing: (e) =>
    `Store it with: preflight secret set --profile ${profileArg(e)} --kind oneroster.clientSecret  (reads the secret from stdin)`,
  canvas_token_missing: (e) =>
    `Store it with: preflight secret set --profile ${profileArg(e)} --kind canvas.token  (reads the token from stdin)`,
  secret_origin_changed: (e) => {
    const kind = fact(e, 'kind', 'KIND');
    return `Enter the ${SECRET_WHAT[kind] ?? 'secret'} again for the new address: preflight secret set --profile ${profileArg(e)} --kind ${kind}`;
  },
  canvas_not_configured: (e) =>
    `Add the Canvas URL and root account id to the profile (\`preflight profiles canvas ${profileArg(e)} …\`), ` +
    'or import a provisioning report zip instead (`preflight baseline import FILE.zip`).',
  canvas_unauthorized:
    'Create a new access token in Canvas (Account → Settings → Approved Integrations → New Access Token) and store it ' +
    'with `preflight secret set --profile NAME --kind canvas.token`.',
  canvas_report_failed:
    'Run it again later, or download it in Canvas (Admin → Settings → Reports → Provisioning) and import the ' +
    'zip with `preflight baseline import FILE.zip`; or read through the API instead (--via api).',
  no_baseline: (e) =>
    `Fetch or import a Canvas baseline first (\`preflight baseline fetch|import --profile ${profileArg(e)}\`), ` +
    'or pass one with --canvas-baseline ID|FILE.zip.',
  remap_not_found: (e) => `List them with \`preflight remaps list --profile ${profileArg(e)}\`.`,
  unknown_rule: 'Use a rule id from `preflight evaluate` (docs/rules.md lists them all).',
  sync_poll_interrupted: (e) =>
    (e.detail?.cause === 'canvas_unauthorized'
      ? 'Store a new Canvas access token (`preflight secret set --profile NAME --kind canvas.token`); then '
      : '') + 'run `preflight sync --resume` to follow the import again: it keeps running in Canvas.',
  conversion_unavailable: (e) =>
    `Pull the district (\`preflight pull --profile ${profileArg(e)}\`), then fetch or import a Canvas baseline ` +
    '(`preflight baseline fetch|import`).',
  // Sync refusals (services/sync/guard.ts) and guard-rail checklist remedies (services/sync/guard-rails.ts,
  // GuardRailCheck.remedy): data, not thrown, but worded the same way.
  not_evaluated: 'Run `preflight evaluate` and look at the findings first.',
  blockers_open:
    'Fix them in the SIS and pull again, or acknowledge each one with a reason (`preflight findings acknowledge`).',
  guard_no_baseline:
    'Fetch or import a Canvas baseline (`preflight baseline fetch|import`) before the first sync.',
  remaps_pending:
    'Accept or reject them (`preflight remaps accept|reject`), or send anyway with --allow-pending-remaps.',
  ambiguous_matches:
    'Fix the data, or acknowledge each CNV-USER-AMBIGUOUS finding with a reason (`preflight findings acknowledge`); ' +
    'or send anyway with --allow-pending-remaps.',
  guard_never_verified: 'Run `preflight verify`.',
  format_unavailable: (e) =>
    e.detail?.format === 'change-sis-id'
      ? 'Attach a Canvas baseline (--canvas-baseline ID) or leave change-sis-id out of the formats.'
      : undefined,
  sync_running: 'Wait for it to finish, abort it, or resume watching it (`preflight sync --resume`).',
  baseline_not_found: 'Import the Canvas provisioning report again (`--canvas-baseline FILE.zip`).',
  sync_batch_term_missing: 'Choose the term (--term SIS_ID).',
  canvas_throttled:
    'Canvas kept limiting requests (403 Rate Limit Exceeded). Wait a few minutes, stop other scripts that use the ' +
    'same token, or use the provisioning report (--via report), which needs far fewer requests.',
  canvas_forbidden: (e) =>
    e.detail?.step === 'provisioning_report'
      ? 'The token\'s user needs the "Reports - manage" permission on the root account; or read through the API ' +
        'instead (--via api).'
      : undefined,
  canvas_report_timeout:
    'Canvas builds reports in a queue that can be slow; try again later or read through the API (--via api).',
  dialog_unavailable: 'Pass the file as an argument (for example `preflight import-csv PATH`).',
};

/** The CLI's hint for an error: its table entry, else the error's own neutral hint. */
export function cliHint(error: ErrorData): string | undefined {
  const entry = CLI_HINTS[error.code];
  if (entry === undefined) return error.hint;
  return typeof entry === 'string' ? entry : (entry(error) ?? error.hint);
}
