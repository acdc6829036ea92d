import type { PredictedMessage } from '../../../shared/sync/prediction';
import { csvLine } from '../canvas-csv/csv-line';
import { cell, type ImportFile } from './input';
import { MSG } from './messages';
import type { ImportOptions } from './params';

/**
 * Diffing mode (docs/canvas-importer.md "Diffing mode"): Canvas compares each file with the same file of the last
 * successful import of the data set and imports only the difference — changed and new rows, plus the rows that
 * disappeared, sent again with status deleted (enrollments: the drop status; users: the user remove status).
 * Identical rows are not processed at all. Over change_threshold (file size change), the whole file is applied.
 */

const KEYS: Record<string, readonly string[]> = {
  accounts: ['account_id'],
  terms: ['term_id'],
  courses: ['course_id'],
  sections: ['section_id'],
  users: ['user_id'],
  enrollments: ['course_id', 'section_id', 'user_id', 'role', 'associated_user_id'],
  user_observers: ['observer_id', 'student_id'],
};

type Row = Readonly<Record<string, unknown>>;

function columnsOf(rows: readonly Row[]): string[] {
  const cols: string[] = [];
  for (const r of rows)
    for (const k of Object.keys(r))
      if (
        !cols.includes(k) &&
        k !== 'source' &&
        k !== 'sources' &&
        k !== 'options' &&
        k !== 'sourceType' &&
        k !== 'oneRosterRole'
      )
        cols.push(k);
  return cols;
}

/** The file's size as CSV bytes (header + rows), which is what Canvas's threshold compares. */
function bytesOf(rows: readonly Row[], columns: readonly string[]): number {
  let n = Buffer.byteLength(csvLine(columns), 'utf8');
  for (const r of rows) n += Buffer.byteLength(csvLine(columns.map((c) => cell(r, c))), 'utf8');
  return n;
}

export function diffFiles(
  current: readonly ImportFile[],
  previous: readonly ImportFile[],
  opts: ImportOptions,
): { files: ImportFile[]; warnings: PredictedMessage[]; notes: string[] } {
  const warnings: PredictedMessage[] = [];
  const notes: string[] = [];
  const files = current.map((file): ImportFile => {
    const keyCols = KEYS[file.kind];
    const before = previous.find((p) => p.kind === file.kind);
    if (!keyCols || !before) return file;
    const columns = columnsOf([...before.rows, ...file.rows]);
    if (opts.changeThreshold !== null) {
      const was = bytesOf(before.rows, columns);
      const now = bytesOf(file.rows, columns);
      if (was > 0 && Math.abs(1 - now / was) * 100 > opts.changeThreshold) {
        warnings.push({ file: file.name, row: 0, message: MSG.diffingSkipped() });
        notes.push(
          `Diffing: ${file.name} changed by more than ${opts.changeThreshold}%, so Canvas applies it whole.`,
        );
        return file;
      }
    }
    const key = (r: Row) => keyCols.map((c) => cell(r, c)).join('\u0000');
    const whole = (r: Row) => columns.map((c) => cell(r, c)).join('\u0000');
    const seen = new Set(before.rows.map(whole));
    const keys = new Set(file.rows.map(key));
    const kept: number[] = [];
    file.rows.forEach((r, i) => {
      if (!seen.has(whole(r))) kept.push(i);
    });
    const removed = opts.skipDeletes ? [] : before.rows.filter((r) => !keys.has(key(r)));
    const status =
      file.kind === 'enrollments'
        ? opts.dropStatus
        : file.kind === 'users'
          ? opts.userRemoveStatus
          : 'deleted';
    const rows: Row[] = [...kept.map((i) => file.rows[i]!), ...removed.map((r) => ({ ...r, status }))];
    return {
      name: file.name,
      kind: file.kind,
      rows,
      // Row n of the diffed file is an original row (its OneRoster record) or a row of the earlier import.
      locate: (row) => {
        const i = row - 2;
        return i < kept.length ? (file.locate?.(kept[i]! + 2) ?? null) : null;
      },
    };
  });
  return { files, warnings, notes };
}
