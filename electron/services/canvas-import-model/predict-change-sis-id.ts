import { blank, cell, type CanvasRows, type ImportFile } from './input';
import { MSG } from './messages';
import { FileOutcomes } from './outcome';

/**
 * change_sis_id.csv runs before every other file (docs/canvas-importer.md "change_sis_id"): each row renames one
 * object's SIS id, unless the new id is already used by an object of that type (deleted ones too) or the old id
 * names nothing. Rows are applied in file order, as Canvas does for this small file.
 */

export type RenameType = 'user' | 'course' | 'section' | 'term' | 'account';
/** Per type: old SIS id → new SIS id, for the renames Canvas applies. */
export type Renames = Record<RenameType, Map<string, string>>;

const TYPES: readonly RenameType[] = ['user', 'course', 'section', 'term', 'account'];

function idsOf(canvas: CanvasRows, type: RenameType): Set<string> {
  const ids = new Set<string>();
  const add = (id: string) => id !== '' && ids.add(id);
  if (type === 'user') canvas.users.forEach((u) => add(u.user_id));
  if (type === 'course') canvas.courses.forEach((c) => add(c.course_id));
  if (type === 'section') canvas.sections.forEach((s) => add(s.section_id));
  if (type === 'term') canvas.terms.forEach((t) => add(t.term_id));
  if (type === 'account') canvas.accounts.forEach((a) => add(a.account_id));
  return ids;
}

export function predictChangeSisId(
  file: ImportFile | undefined,
  canvas: CanvasRows,
): { outcomes: FileOutcomes | null; renames: Renames } {
  const renames = Object.fromEntries(TYPES.map((t) => [t, new Map<string, string>()])) as Renames;
  if (!file) return { outcomes: null, renames };
  const out = new FileOutcomes(file);
  const ids = new Map<RenameType, Set<string>>();
  const current = (t: RenameType) => {
    let s = ids.get(t);
    if (!s) ids.set(t, (s = idsOf(canvas, t)));
    return s;
  };
  file.rows.forEach((row, i) => {
    const type = cell(row, 'type').trim().toLowerCase();
    const oldId = cell(row, 'old_id');
    const newId = cell(row, 'new_id');
    const err = (
      message: string,
      cause: 'missing_value' | 'change_sis_id_conflict' | 'change_sis_id_missing',
    ) => out.add(i, oldId, 'error', { message, cause });
    if (blank(type)) return err(MSG.changeNoType(), 'missing_value');
    if (blank(oldId) && blank(cell(row, 'old_integration_id')))
      return err(MSG.changeNoOld(), 'missing_value');
    if (blank(newId) && blank(cell(row, 'new_integration_id')))
      return err(MSG.changeNoNew(), 'missing_value');
    if (!(TYPES as readonly string[]).includes(type)) return err(MSG.changeBadType(type), 'missing_value');
    const t = type as RenameType;
    const set = current(t);
    const column = t === 'user' ? 'sis_user_id' : 'sis_source_id';
    if (newId !== '' && set.has(newId))
      return err(MSG.changeNewExists(newId, t, column, oldId), 'change_sis_id_conflict');
    if (oldId === '') {
      // Integration-id-only renames do not change SIS ids.
      out.add(i, oldId, 'update');
      return;
    }
    if (!set.has(oldId)) return err(MSG.changeOldMissing(oldId, t), 'change_sis_id_missing');
    if (newId !== '') {
      set.delete(oldId);
      set.add(newId);
      // A chain (a→b then b→c) ends at c for the object that was a.
      for (const [from, to] of renames[t]) if (to === oldId) renames[t].set(from, newId);
      if (!renames[t].has(oldId)) renames[t].set(oldId, newId);
    }
    out.add(i, oldId, 'update');
  });
  return { outcomes: out, renames };
}

/** The SIS id an object carries after the renames. */
export const renamed = (renames: Renames, type: RenameType, id: string): string =>
  id === '' ? id : (renames[type].get(id) ?? id);
