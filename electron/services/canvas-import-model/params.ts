import type { ImportRefusal } from '../../../shared/sync/prediction';
import type { CanvasRows } from './input';
import { MSG } from './messages';

/**
 * The import parameters as Canvas reads them (docs/canvas-importer.md "Parameters"), and the checks Canvas makes
 * before it accepts the POST: a refused import changes nothing.
 */
export interface ImportOptions {
  mode: 'standard' | 'batch' | 'diffing';
  /** batch: the SIS id of the term (from `sis_term_id:X`), or a Canvas term id. */
  batchTerm: string;
  batchTermIsCanvasId: boolean;
  multiTerm: boolean;
  dataSet: string;
  remaster: boolean;
  /** What a missing enrollment becomes (batch_mode_enrollment_drop_status / diffing_drop_status). */
  dropStatus: 'deleted' | 'completed' | 'inactive';
  userRemoveStatus: 'deleted' | 'suspended';
  changeThreshold: number | null;
  override: boolean;
  skipDeletes: boolean;
  updateSisIdIfLoginClaimed: boolean;
}

const on = (p: Readonly<Record<string, string>>, k: string) => p[k] === 'true' || p[k] === '1';

export function readParams(p: Readonly<Record<string, string>>): ImportOptions {
  const batch = on(p, 'batch_mode');
  const term = p.batch_mode_term_id ?? '';
  const sis = /^sis_term_id:(.+)$/.exec(term)?.[1];
  const drop = (batch ? p.batch_mode_enrollment_drop_status : p.diffing_drop_status) ?? 'deleted';
  return {
    mode: batch ? 'batch' : p.diffing_data_set_identifier ? 'diffing' : 'standard',
    batchTerm: sis ?? term,
    batchTermIsCanvasId: sis === undefined && term !== '',
    multiTerm: on(p, 'multi_term_batch_mode'),
    dataSet: p.diffing_data_set_identifier ?? '',
    remaster: on(p, 'diffing_remaster_data_set'),
    dropStatus: drop === 'completed' || drop === 'inactive' ? drop : 'deleted',
    userRemoveStatus: p.diffing_user_remove_status === 'suspended' ? 'suspended' : 'deleted',
    changeThreshold: p.change_threshold === undefined ? null : Number(p.change_threshold),
    override: on(p, 'override_sis_stickiness'),
    skipDeletes: on(p, 'skip_deletes'),
    updateSisIdIfLoginClaimed: on(p, 'update_sis_id_if_login_claimed'),
  };
}

const refuse = (code: ImportRefusal['code'], message: string, hint: string): ImportRefusal => ({
  code,
  status: 400,
  message,
  hint,
});

/**
 * Checked against Canvas as it is before the import: a batch term that only this import creates or renames is
 * not found, so Canvas answers 400 and applies nothing.
 */
export function refusalOf(
  p: Readonly<Record<string, string>>,
  opts: ImportOptions,
  canvas: CanvasRows,
): ImportRefusal | null {
  if (p.change_threshold !== undefined) {
    const n = Number(p.change_threshold);
    if (!Number.isInteger(n) || n < 1 || n > 100)
      return refuse('params_invalid', 'change_threshold must be an integer between 1 and 100.', 'Use 1–100.');
  }
  if (opts.multiTerm && opts.changeThreshold === null)
    return refuse(
      'params_invalid',
      'change_threshold is required to use multi term_batch mode.',
      'Set change_threshold.',
    );
  if (opts.mode === 'batch' && p.diffing_data_set_identifier)
    return refuse('params_invalid', 'Batch mode and diffing cannot be combined.', 'Choose one mode.');
  if (opts.mode === 'batch' && !opts.multiTerm) {
    const found = canvas.terms.some(
      (t) =>
        t.status !== 'deleted' &&
        (opts.batchTermIsCanvasId ? t.canvas_term_id === opts.batchTerm : t.term_id === opts.batchTerm),
    );
    if (!found || opts.batchTerm === '')
      return refuse(
        'batch_term_not_found',
        MSG.batchTermNotFound(),
        `Canvas has no active term with SIS id ${opts.batchTerm || '(none)'} today. Send the term id Canvas knows now, or import the term and its renames (change_sis_id) in a standard import first.`,
      );
  }
  return null;
}
