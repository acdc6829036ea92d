import { blank, cell, type ImportFile, type StickyFields } from './input';
import { MSG } from './messages';
import { compareFields, FileOutcomes } from './outcome';
import type { ImportOptions } from './params';
import type { CanvasView } from './view';

/**
 * accounts, terms, courses and sections (docs/canvas-importer.md): required values and statuses, parents that must
 * exist (a parent account, a section's course — in Canvas or imported by this zip), and create / update /
 * unchanged against Canvas. A course whose account or term is unknown still imports (it lands in the root account
 * or the default term), so that is not a skip.
 */

export interface Structure {
  accounts: Set<string>;
  terms: Set<string>;
  /** Courses Canvas will have after this step (SIS id → SIS term id or null), imported or already there. */
  courseTerm: Map<string, string | null>;
  /** SIS ids of course rows Canvas skipped or rejected. */
  skippedCourses: Set<string>;
  /** Sections Canvas will have (SIS id → course SIS id), imported or already there. */
  sectionCourse: Map<string, string>;
  skippedSections: Set<string>;
  /** Course ids / section ids this import touched (batch mode keeps them). */
  touchedCourses: Set<string>;
  touchedSections: Set<string>;
}

const ACTIVE_OR_DELETED = /^(active|deleted)/i;

function stuck(sticky: StickyFields | undefined, type: keyof StickyFields, id: string): string[] {
  return sticky?.[type]?.[id] ?? [];
}

/** Canvas course states as the report writes them, against the states a courses.csv status leads to. */
function courseStatusChanges(planned: string, canvas: string): boolean {
  const p = planned.toLowerCase();
  if (p.startsWith('deleted')) return canvas !== 'deleted';
  if (p.startsWith('completed')) return canvas !== 'concluded' && canvas !== 'completed';
  // active / unpublished: a deleted course is restored, a concluded one reopened; otherwise the state stays.
  return canvas === 'deleted' || canvas === 'concluded' || canvas === 'completed';
}

export function predictStructure(
  files: Map<string, ImportFile>,
  view: CanvasView,
  opts: ImportOptions,
  sticky: StickyFields | undefined,
): { outcomes: FileOutcomes[]; structure: Structure } {
  const outcomes: FileOutcomes[] = [];
  const s: Structure = {
    accounts: new Set([...view.accounts.keys()]),
    terms: new Set([...view.terms].filter(([, t]) => t.status !== 'deleted').map(([k]) => k)),
    courseTerm: new Map(),
    skippedCourses: new Set(),
    sectionCourse: new Map(),
    skippedSections: new Set(),
    touchedCourses: new Set(),
    touchedSections: new Set(),
  };
  for (const [id, c] of view.courses)
    s.courseTerm.set(id, c.term_id === '' ? null : view.terms.get(c.term_id) ? c.term_id : c.term_id);
  for (const [id, sec] of view.sections) s.sectionCourse.set(id, view.courseSisOf(sec.canvas_course_id));

  const accounts = files.get('accounts');
  if (accounts) {
    const out = new FileOutcomes(accounts);
    outcomes.push(out);
    accounts.rows.forEach((row, i) => {
      const id = cell(row, 'account_id');
      const parent = cell(row, 'parent_account_id');
      const name = cell(row, 'name');
      const status = cell(row, 'status');
      if (blank(id)) return out.add(i, id, 'error', { message: MSG.accountNoId(), cause: 'missing_value' });
      if (!blank(parent) && !s.accounts.has(parent))
        return out.add(i, id, 'skip', { message: MSG.accountNoParent(id), cause: 'unknown_parent_account' });
      const existing = view.accounts.get(id);
      if (!existing) {
        if (blank(name))
          return out.add(i, id, 'error', { message: MSG.accountNoName(id), cause: 'missing_value' });
        if (!ACTIVE_OR_DELETED.test(status))
          return out.add(i, id, 'error', { message: MSG.accountBadStatus(id, status), cause: 'bad_status' });
        s.accounts.add(id);
        return out.add(i, id, 'create');
      }
      const cmp = compareFields(
        [
          ['name', name === '' ? existing.name : name, existing.name, true],
          ['parent_account_id', parent, existing.parent_account_id, true],
          [
            'status',
            status.toLowerCase().startsWith('deleted') ? 'deleted' : 'active',
            existing.status,
            false,
          ],
        ],
        stuck(sticky, 'accounts', id),
        opts.override,
      );
      out.add(i, id, cmp.outcome, { stickyKept: cmp.stickyKept });
    });
  }

  const terms = files.get('terms');
  if (terms) {
    const out = new FileOutcomes(terms);
    outcomes.push(out);
    terms.rows.forEach((row, i) => {
      const id = cell(row, 'term_id');
      const name = cell(row, 'name');
      const status = cell(row, 'status');
      if (blank(id)) return out.add(i, id, 'error', { message: MSG.termNoId(), cause: 'missing_value' });
      if (!ACTIVE_OR_DELETED.test(status))
        return out.add(i, id, 'error', { message: MSG.termBadStatus(id, status), cause: 'bad_status' });
      const existing = view.terms.get(id);
      const deleted = status.toLowerCase().startsWith('deleted');
      if (deleted) s.terms.delete(id);
      else s.terms.add(id);
      if (!existing) {
        if (blank(name) && !deleted) {
          s.terms.delete(id);
          return out.add(i, id, 'error', { message: MSG.termNoName(id), cause: 'missing_value' });
        }
        return out.add(i, id, 'create');
      }
      const cmp = compareFields(
        [
          ['name', name === '' ? existing.name : name, existing.name, true],
          ['status', deleted ? 'deleted' : 'active', existing.status, false],
          ['start_date', cell(row, 'start_date'), existing.start_date, true],
          ['end_date', cell(row, 'end_date'), existing.end_date, true],
        ],
        stuck(sticky, 'terms', id),
        opts.override,
      );
      out.add(i, id, cmp.outcome, { stickyKept: cmp.stickyKept });
    });
  }

  const courses = files.get('courses');
  if (courses) {
    const out = new FileOutcomes(courses);
    outcomes.push(out);
    courses.rows.forEach((row, i) => {
      const id = cell(row, 'course_id');
      const status = cell(row, 'status');
      const skip = (message: string, cause: 'missing_value' | 'bad_status') => {
        if (id !== '') s.skippedCourses.add(id);
        return out.add(i, id, 'error', { message, cause });
      };
      if (blank(id)) return skip(MSG.courseNoId(), 'missing_value');
      if (blank(cell(row, 'short_name'))) return skip(MSG.courseNoShortName(id), 'missing_value');
      if (blank(cell(row, 'long_name'))) return skip(MSG.courseNoLongName(id), 'missing_value');
      if (!/^(active|deleted|completed|unpublished)/i.test(status))
        return skip(MSG.courseBadStatus(id, status), 'bad_status');
      if (opts.skipDeletes && /deleted/i.test(status)) return out.add(i, id, 'skip', { cause: null });
      const existing = view.courses.get(id);
      const termId = cell(row, 'term_id');
      const stuckFields = existing ? stuck(sticky, 'courses', id) : [];
      const termKnown = termId !== '' && s.terms.has(termId);
      const keepTerm = existing && (!termKnown || (stuckFields.includes('term_id') && !opts.override));
      const finalTerm = keepTerm
        ? existing.term_id === ''
          ? null
          : existing.term_id
        : termKnown
          ? termId
          : null;
      s.courseTerm.set(id, finalTerm);
      s.touchedCourses.add(id);
      if (!existing) return out.add(i, id, 'create');
      const account = cell(row, 'account_id');
      const cmp = compareFields(
        [
          ['short_name', cell(row, 'short_name'), existing.short_name, true],
          ['long_name', cell(row, 'long_name'), existing.long_name, true],
          [
            'account_id',
            account !== '' && s.accounts.has(account) ? account : existing.account_id,
            existing.account_id,
            true,
          ],
          ['term_id', termKnown ? termId : existing.term_id, existing.term_id, true],
          ['status', courseStatusChanges(status, existing.status) ? `${status}*` : '', '', true],
        ],
        stuckFields,
        opts.override,
      );
      out.add(i, id, cmp.outcome, { stickyKept: cmp.stickyKept });
    });
  }

  const sections = files.get('sections');
  if (sections) {
    const out = new FileOutcomes(sections);
    outcomes.push(out);
    sections.rows.forEach((row, i) => {
      const id = cell(row, 'section_id');
      const course = cell(row, 'course_id');
      const name = cell(row, 'name');
      const status = cell(row, 'status');
      const fail = (
        message: string,
        cause: 'missing_value' | 'bad_status' | 'unknown_course' | 'cascade',
      ) => {
        if (id !== '') s.skippedSections.add(id);
        return out.add(i, id, 'error', { message, cause });
      };
      if (blank(id)) return fail(MSG.sectionNoId(course), 'missing_value');
      if (blank(course)) return fail(MSG.sectionNoCourse(id), 'missing_value');
      if (blank(name) && /^active/i.test(status)) return fail(MSG.sectionNoName(id, course), 'missing_value');
      if (!/^(active|deleted)/i.test(status))
        return fail(MSG.sectionBadStatus(id, course, status), 'bad_status');
      if (opts.skipDeletes && /deleted/i.test(status)) return out.add(i, id, 'skip', { cause: null });
      if (!s.courseTerm.has(course))
        return fail(
          MSG.sectionNoCourseFound(id, course),
          s.skippedCourses.has(course) ? 'cascade' : 'unknown_course',
        );
      const existing = view.sections.get(id);
      s.touchedSections.add(id);
      if (!existing) {
        if (blank(name)) return fail(MSG.sectionNoName(id, course), 'missing_value');
        s.sectionCourse.set(id, course);
        return out.add(i, id, 'create');
      }
      const stuckFields = stuck(sticky, 'sections', id);
      const current = view.courseSisOf(existing.canvas_course_id);
      const home =
        existing.nonxlist_course_id !== '' ? view.courseSisOf(existing.canvas_nonxlist_course_id) : '';
      // A crosslisted section stays where it is when the row names its home course.
      const moves =
        current !== course &&
        !(home !== '' && home === course) &&
        !(stuckFields.includes('course_id') && !opts.override);
      if (moves) s.sectionCourse.set(id, course);
      const cmp = compareFields(
        [
          ['name', name === '' ? existing.name : name, existing.name, true],
          ['course_id', moves ? course : current, current, false],
          ['status', /^deleted/i.test(status) ? 'deleted' : 'active', existing.status, false],
          ['start_date', cell(row, 'start_date'), existing.start_date, true],
          ['end_date', cell(row, 'end_date'), existing.end_date, true],
        ],
        stuckFields,
        opts.override,
      );
      out.add(i, id, cmp.outcome, { stickyKept: cmp.stickyKept });
    });
  }
  return { outcomes, structure: s };
}
