import { CANVAS_MESSAGES as MSG, type ImportFile } from '../../canvas-import-model';
import { csvLine } from '../../canvas-csv/csv-line';
import type { Message } from './state';

/**
 * The double's diffing: each file is compared with the same file of the data set's last successful import; the
 * import then holds the new and changed rows followed by the vanished ones with a removal status. A file whose
 * size changed by more than change_threshold percent is applied whole.
 */

const IDENTITY: Record<string, string[]> = {
  accounts: ['account_id'],
  terms: ['term_id'],
  courses: ['course_id'],
  sections: ['section_id'],
  users: ['user_id'],
  enrollments: ['course_id', 'section_id', 'user_id', 'role', 'associated_user_id'],
  user_observers: ['observer_id', 'student_id'],
};

type Row = Record<string, string>;

const size = (rows: readonly Row[]): number =>
  rows.reduce(
    (n, r) => n + Buffer.byteLength(csvLine(Object.values(r)), 'utf8'),
    rows[0] ? Buffer.byteLength(csvLine(Object.keys(rows[0])), 'utf8') : 0,
  );

export function diffImport(
  files: readonly ImportFile[],
  previous: readonly ImportFile[],
  params: Readonly<Record<string, string>>,
): { files: ImportFile[]; warnings: Message[]; wholeFiles: number } {
  const threshold = params.change_threshold === undefined ? null : Number(params.change_threshold);
  const drop = ['completed', 'inactive'].includes(params.diffing_drop_status ?? '')
    ? params.diffing_drop_status!
    : 'deleted';
  const userRemove = params.diffing_user_remove_status === 'suspended' ? 'suspended' : 'deleted';
  const skipDeletes = params.skip_deletes === 'true';
  const warnings: Message[] = [];
  let wholeFiles = 0;
  const out = files.map((f) => {
    const ids = IDENTITY[f.kind];
    const old = previous.find((p) => p.kind === f.kind);
    if (!ids || !old) return f;
    const now = f.rows as Row[];
    const then = old.rows as Row[];
    if (threshold !== null) {
      const a = size(then);
      if (a > 0 && Math.abs(1 - size(now) / a) * 100 > threshold) {
        warnings.push([f.name, MSG.diffingSkipped(), 0]);
        wholeFiles++;
        return f;
      }
    }
    const text = (r: Row) => JSON.stringify(r);
    const id = (r: Row) => JSON.stringify(ids.map((c) => r[c] ?? ''));
    const before = new Set(then.map(text));
    const present = new Set(now.map(id));
    const changed = now.filter((r) => !before.has(text(r)));
    const status = f.kind === 'enrollments' ? drop : f.kind === 'users' ? userRemove : 'deleted';
    const gone = skipDeletes ? [] : then.filter((r) => !present.has(id(r))).map((r) => ({ ...r, status }));
    return { name: f.name, kind: f.kind, rows: [...changed, ...gone] };
  });
  return { files: out, warnings, wholeFiles };
}
