import type { ImportFile } from '../../canvas-import-model';
import { CANVAS_FILE_ORDER } from '../../canvas-csv/files';
import type { BaselineRows } from '../generate-baseline';
import {
  applyAccounts,
  applyChangeSisId,
  applyCourses,
  applySections,
  applyTerms,
  type Sink,
} from './apply-structure';
import { applyEnrollments, applyObservers } from './apply-enrollments';
import { applyUsers } from './apply-users';
import { batchCleanup } from './batch-cleanup';
import { diffImport } from './diffing';
import { LiveCanvas, type Message } from './state';

/**
 * Applies a SIS import to the double's Canvas the way Canvas does: files in its fixed order whatever the zip
 * order, rows one after another, then batch mode's cleanup. Returns data.counts, the warnings and errors with
 * their rows, and the final workflow state.
 */
export interface AppliedImport {
  /** Diffing: the import was diffed against the earlier one (false when a file was applied whole). */
  diffed: boolean;
  counts: Record<string, number>;
  warnings: Message[];
  errors: Message[];
  aborted: boolean;
}

const COUNT_KEY: Record<string, string> = { change_sis_id: 'change_sis_ids' };

export function applyImport(
  rows: BaselineRows,
  files: readonly ImportFile[],
  params: Readonly<Record<string, string>>,
  stuck?: WeakMap<object, Set<string>>,
  /** Diffing: the files of the data set's last successful import (null = first import, applied whole). */
  previous?: readonly ImportFile[] | null,
): AppliedImport {
  const warnings: Message[] = [];
  let diffed = false;
  if (params.diffing_data_set_identifier && previous && params.diffing_remaster_data_set !== 'true') {
    const d = diffImport(files, previous, params);
    files = d.files;
    warnings.push(...d.warnings);
    diffed = d.wholeFiles === 0;
  }
  const canvas = new LiveCanvas(rows, stuck);
  // The batch term is the one Canvas found when it accepted the POST (a rename in the zip does not change that).
  const termParam = params.batch_mode_term_id ?? '';
  const sisTerm = /^sis_term_id:(.+)$/.exec(termParam)?.[1];
  const batchTerm = rows.terms.find(
    (t) =>
      t.status !== 'deleted' &&
      (sisTerm !== undefined ? t.term_id === sisTerm : t.canvas_term_id === termParam),
  );
  const on = (k: string) => params[k] === 'true' || params[k] === '1';
  const counts: Record<string, number> = {};
  const sink: Sink & { updateSisIdIfLoginClaimed: boolean } = {
    warnings,
    count: (kind) => {
      const key = COUNT_KEY[kind] ?? kind;
      counts[key] = (counts[key] ?? 0) + 1;
    },
    skipDeletes: on('skip_deletes'),
    override: on('override_sis_stickiness'),
    updateSisIdIfLoginClaimed: on('update_sis_id_if_login_claimed'),
  };
  for (const kind of CANVAS_FILE_ORDER) {
    for (const f of files.filter((x) => x.kind === kind)) {
      const data = f.rows as ReadonlyArray<Readonly<Record<string, string>>>;
      if (kind === 'change_sis_id') applyChangeSisId(canvas, f.name, data, sink);
      if (kind === 'accounts') applyAccounts(canvas, f.name, data, sink);
      if (kind === 'terms') applyTerms(canvas, f.name, data, sink);
      if (kind === 'courses') applyCourses(canvas, f.name, data, sink);
      if (kind === 'sections') applySections(canvas, f.name, data, sink);
      if (kind === 'users') applyUsers(canvas, f.name, data, sink);
      if (kind === 'enrollments') applyEnrollments(canvas, f.name, data, sink);
      if (kind === 'user_observers') applyObservers(canvas, f.name, data, sink);
    }
  }
  const errors: Message[] = [];
  let aborted = false;
  const batch = { courses: 0, sections: 0, enrollments: 0 };
  if (on('batch_mode') && !on('multi_term_batch_mode')) {
    const drop = params.batch_mode_enrollment_drop_status;
    const r = batchCleanup(
      canvas,
      batchTerm?.canvas_term_id ?? '',
      drop === 'completed' || drop === 'inactive' ? drop : 'deleted',
      params.change_threshold === undefined ? null : Number(params.change_threshold),
    );
    if (r.abort) {
      aborted = true;
      errors.push(['', r.abort, 0]);
    } else Object.assign(batch, r);
  }
  return {
    diffed,
    counts: {
      ...counts,
      batch_courses_deleted: batch.courses,
      batch_sections_deleted: batch.sections,
      batch_enrollments_deleted: batch.enrollments,
    },
    warnings,
    errors,
    aborted,
  };
}
