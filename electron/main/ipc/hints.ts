import type { ErrorData } from '../../../shared/errors';

/**
 * What to do about an error, in the desktop app's words (its screens and buttons), keyed by error code. Services
 * throw codes and facts (`detail`); the CLI words the same codes in electron/cli/hints.ts. A code that is not
 * listed falls back to the error's own neutral hint, if any. Never a `preflight …` command here.
 */
type Hint = string | ((error: ErrorData) => string);

const SECRET_WHAT: Record<string, string> = {
  'canvas.token': 'Canvas access token',
  'oneroster.clientSecret': 'OneRoster client secret',
};

export const APP_HINTS: Record<string, Hint> = {
  snapshot_not_found: 'Choose another snapshot on the Pull screen, or pull again.',
  snapshot_not_complete: (e) =>
    e.detail?.status === 'running'
      ? 'Wait for the pull to finish.'
      : 'Resume the pull on the Pull screen (or pull again), then evaluate the complete snapshot.',
  no_snapshot: 'Pull the district on the Pull screen, or import a OneRoster CSV bundle there.',
  pull_busy: 'Wait for it to finish or cancel it, then try again.',
  profile_not_found: 'Choose the district again in Districts; it may have been removed in another window.',
  settings_invalid: 'Correct the listed fields and save again.',
  secret_missing: 'Enter the OneRoster client secret of this district in Districts.',
  canvas_token_missing: 'Enter the Canvas access token of this district in Districts.',
  secret_origin_changed: (e) => {
    const kind = typeof e.detail?.kind === 'string' ? e.detail.kind : '';
    return `Enter the ${SECRET_WHAT[kind] ?? 'secret'} again for the new address in Districts.`;
  },
  canvas_not_configured:
    'Add the Canvas URL and root account id to the district in Districts, or import a provisioning report zip ' +
    'instead.',
  canvas_unauthorized:
    'Create a new access token in Canvas (Account → Settings → Approved Integrations → New Access Token) and enter ' +
    'it for this district in Districts.',
  canvas_report_failed:
    'Run it again later, or download it in Canvas (Admin → Settings → Reports → Provisioning) and import the zip; ' +
    'or read through the API instead.',
  no_baseline: 'Fetch or import a Canvas baseline on the Conversion screen first.',
  remap_not_found: 'The proposals changed; open the Conversion screen again to see the current ones.',
  unknown_rule: 'Choose a rule from the Findings screen.',
  sync_poll_interrupted: (e) =>
    (e.detail?.cause === 'canvas_unauthorized' ? 'Enter a new Canvas access token in Districts; then ' : '') +
    'open the Sync screen again to follow the import: it keeps running in Canvas.',
  conversion_unavailable:
    'Pull the district, then fetch or import what Canvas holds today on the Conversion screen.',
  baseline_not_found: 'Fetch or import the Canvas baseline again on the Conversion screen.',
  dialog_unavailable: 'Choose files and folders in the desktop app.',
  snapshot_not_resumable:
    'Only the command-line tool can resume it, because the server has to be given again; or pull the district anew.',
};

/** The app's hint for an error: its table entry, else the error's own neutral hint. */
export function appHint(error: ErrorData): string | undefined {
  const entry = APP_HINTS[error.code];
  if (entry === undefined) return error.hint;
  return typeof entry === 'string' ? entry : entry(error);
}
