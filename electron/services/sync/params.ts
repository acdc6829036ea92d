import type { ImportMode } from '../../../shared/sync/import-mode';
import { ServiceError } from '../../../shared/errors';

/**
 * The SIS import parameters for an import mode (docs/canvas-importer.md), as sent with the POST. Checked here so a bad
 * combination is explained before anything reaches Canvas.
 */
export function importParams(mode: ImportMode): Record<string, string> {
  const p: Record<string, string> = { import_type: 'instructure_csv', extension: 'zip' };
  if (mode.mode === 'batch') {
    if (mode.termId.trim() === '') {
      throw new ServiceError(
        'sync_batch_term_missing',
        'Batch mode needs the SIS term whose missing courses, sections and enrollments Canvas should delete.',
        { hint: 'Choose the term.' },
      );
    }
    p.batch_mode = 'true';
    p.batch_mode_term_id = `sis_term_id:${mode.termId.trim()}`;
    if (mode.dropStatus !== 'deleted') p.batch_mode_enrollment_drop_status = mode.dropStatus;
  } else if (mode.mode === 'diffing') {
    const id = mode.dataSetId.trim();
    if (id === '' || Buffer.byteLength(id, 'utf8') > 128) {
      throw new ServiceError(
        'sync_data_set_invalid',
        'Diffing mode needs a data set identifier of at most 128 bytes.',
        'Use a stable name such as "oneroster:all-data:2026-2027" and keep it for every later sync.',
      );
    }
    p.diffing_data_set_identifier = id;
    p.diffing_drop_status = mode.dropStatus;
  }
  if (mode.changeThreshold !== null) p.change_threshold = String(mode.changeThreshold);
  if (mode.overrideStickiness) p.override_sis_stickiness = 'true';
  return p;
}
