import { CANVAS_MESSAGES as MSG } from '../../canvas-import-model';
import type { LiveCanvas, Message } from './state';

/**
 * change_sis_id, accounts, terms, courses and sections applied one row at a time to the live Canvas, the way
 * Canvas's importers do (each row sees what the rows before it did). A problem skips the row with a warning.
 */

type Row = Readonly<Record<string, string>>;
export interface Sink {
  warnings: Message[];
  count: (kind: string) => void;
  skipDeletes: boolean;
  override: boolean;
}
const v = (row: Row, k: string) => row[k] ?? '';
const blank = (s: string) => s.trim() === '';

export function applyChangeSisId(canvas: LiveCanvas, file: string, rows: readonly Row[], sink: Sink): void {
  rows.forEach((row, i) => {
    const warn = (m: string) => sink.warnings.push([file, m, i + 2]);
    const type = v(row, 'type').trim().toLowerCase();
    const oldId = v(row, 'old_id');
    const newId = v(row, 'new_id');
    if (blank(type)) return warn(MSG.changeNoType());
    if (blank(oldId) && blank(v(row, 'old_integration_id'))) return warn(MSG.changeNoOld());
    if (blank(newId) && blank(v(row, 'new_integration_id'))) return warn(MSG.changeNoNew());
    const lists: Record<string, Array<Record<string, unknown>>> = {
      user: canvas.rows.users,
      course: canvas.rows.courses,
      section: canvas.rows.sections,
      term: canvas.rows.terms,
      account: canvas.rows.accounts,
    };
    const column: Record<string, string> = {
      user: 'user_id',
      course: 'course_id',
      section: 'section_id',
      term: 'term_id',
      account: 'account_id',
    };
    const list = lists[type];
    if (!list) return warn(MSG.changeBadType(type));
    const col = column[type]!;
    if (newId !== '' && list.some((o) => o[col] === newId))
      return warn(MSG.changeNewExists(newId, type, type === 'user' ? 'sis_user_id' : 'sis_source_id', oldId));
    if (oldId !== '') {
      const item = list.find((o) => o[col] === oldId);
      if (!item) return warn(MSG.changeOldMissing(oldId, type));
      if (newId !== '') {
        item[col] = newId;
        canvas.note(item);
        // References held by other rows follow the object (Canvas stores ids, the report shows SIS ids).
        renameReferences(canvas, type, oldId, newId);
      }
    }
    sink.count('change_sis_id');
  });
}

function renameReferences(canvas: LiveCanvas, type: string, oldId: string, newId: string): void {
  const r = canvas.rows;
  if (type === 'user') {
    for (const e of r.enrollments) if (e.user_id === oldId) e.user_id = newId;
  } else if (type === 'course') {
    for (const s of r.sections) {
      if (s.course_id === oldId) s.course_id = newId;
      if (s.nonxlist_course_id === oldId) s.nonxlist_course_id = newId;
    }
    for (const e of r.enrollments) if (e.course_id === oldId) e.course_id = newId;
  } else if (type === 'section') {
    for (const e of r.enrollments) if (e.section_id === oldId) e.section_id = newId;
  } else if (type === 'term') {
    for (const c of r.courses) if (c.term_id === oldId) c.term_id = newId;
  } else if (type === 'account') {
    for (const c of r.courses) if (c.account_id === oldId) c.account_id = newId;
    for (const a of r.accounts) if (a.parent_account_id === oldId) a.parent_account_id = newId;
  }
}

export function applyAccounts(canvas: LiveCanvas, file: string, rows: readonly Row[], sink: Sink): void {
  rows.forEach((row, i) => {
    const warn = (m: string) => sink.warnings.push([file, m, i + 2]);
    const id = v(row, 'account_id');
    const parentId = v(row, 'parent_account_id');
    const name = v(row, 'name');
    const status = v(row, 'status');
    if (blank(id)) return warn(MSG.accountNoId());
    let parent = undefined;
    if (!blank(parentId)) {
      parent = canvas.account(parentId);
      if (!parent) return warn(MSG.accountNoParent(id));
    }
    let account = canvas.account(id);
    if (!account) {
      if (blank(name)) return warn(MSG.accountNoName(id));
      if (!/^(active|deleted)/i.test(status)) return warn(MSG.accountBadStatus(id, status));
      account = {
        canvas_account_id: canvas.newId(),
        account_id: id,
        canvas_parent_id: '1',
        parent_account_id: '',
        name,
        status: 'active',
        created_by_sis: true,
      };
      canvas.rows.accounts.push(account);
    }
    if (!canvas.isStuck(account, 'parent_account_id') || sink.override) {
      account.canvas_parent_id = parent?.canvas_account_id ?? '1';
      account.parent_account_id = parent?.account_id ?? '';
    }
    if (name !== '' && (!canvas.isStuck(account, 'name') || sink.override)) account.name = name;
    if (/active/i.test(status)) account.status = 'active';
    else if (/deleted/i.test(status)) account.status = 'deleted';
    canvas.touched.add(account);
    sink.count('accounts');
  });
}

export function applyTerms(canvas: LiveCanvas, file: string, rows: readonly Row[], sink: Sink): void {
  rows.forEach((row, i) => {
    const warn = (m: string) => sink.warnings.push([file, m, i + 2]);
    const id = v(row, 'term_id');
    const name = v(row, 'name');
    const status = v(row, 'status');
    if (blank(id)) return warn(MSG.termNoId());
    if (!/^(active|deleted)/i.test(status)) return warn(MSG.termBadStatus(id, status));
    let term = canvas.term(id);
    if (!term) {
      if (blank(name) && !/^deleted/i.test(status)) return warn(MSG.termNoName(id));
      term = {
        canvas_term_id: canvas.newId(),
        term_id: id,
        name,
        status: 'active',
        start_date: '',
        end_date: '',
        created_by_sis: true,
      };
      canvas.rows.terms.push(term);
    }
    const free = (f: string) => !canvas.isStuck(term, f) || sink.override;
    if (name !== '' && free('name')) term.name = name;
    term.status = /^deleted/i.test(status) ? 'deleted' : 'active';
    if (free('start_date')) term.start_date = v(row, 'start_date');
    if (free('end_date')) term.end_date = v(row, 'end_date');
    canvas.touched.add(term);
    sink.count('terms');
  });
}

export function applyCourses(canvas: LiveCanvas, file: string, rows: readonly Row[], sink: Sink): void {
  rows.forEach((row, i) => {
    const warn = (m: string) => sink.warnings.push([file, m, i + 2]);
    const id = v(row, 'course_id');
    const status = v(row, 'status');
    if (blank(id)) return warn(MSG.courseNoId());
    if (blank(v(row, 'short_name'))) return warn(MSG.courseNoShortName(id));
    if (blank(v(row, 'long_name'))) return warn(MSG.courseNoLongName(id));
    if (!/^(active|deleted|completed|unpublished)/i.test(status))
      return warn(MSG.courseBadStatus(id, status));
    if (sink.skipDeletes && /deleted/i.test(status)) return;
    let course = canvas.course(id);
    if (!course) {
      course = {
        canvas_course_id: canvas.newId(),
        course_id: id,
        integration_id: '',
        short_name: '',
        long_name: '',
        canvas_account_id: '1',
        account_id: '',
        canvas_term_id: '',
        term_id: '',
        status: 'unpublished',
        start_date: '',
        end_date: '',
        created_by_sis: true,
      };
      canvas.rows.courses.push(course);
      canvas.note(course);
    }
    const free = (f: string) => !canvas.isStuck(course, f) || sink.override;
    const term = canvas.term(v(row, 'term_id'));
    if (term && term.status !== 'deleted' && free('term_id')) {
      course.canvas_term_id = term.canvas_term_id;
      course.term_id = term.term_id;
    }
    const account = canvas.account(v(row, 'account_id'));
    if (free('account_id')) {
      if (account) {
        course.canvas_account_id = account.canvas_account_id;
        course.account_id = account.account_id;
      } else if (course.canvas_account_id === '') course.canvas_account_id = '1';
    }
    if (free('status')) {
      if (/active/i.test(status) || status === 'unpublished') {
        if (course.status === 'deleted') course.status = 'unpublished';
        else if (course.status === 'concluded' || course.status === 'completed') course.status = 'active';
      } else if (/deleted/i.test(status)) course.status = 'deleted';
      else if (/completed/i.test(status)) course.status = 'concluded';
    }
    if (free('short_name') || course.short_name === '') course.short_name = v(row, 'short_name');
    if (free('long_name') || course.long_name === '') course.long_name = v(row, 'long_name');
    canvas.touched.add(course);
    sink.count('courses');
  });
}

export function applySections(canvas: LiveCanvas, file: string, rows: readonly Row[], sink: Sink): void {
  rows.forEach((row, i) => {
    const warn = (m: string) => sink.warnings.push([file, m, i + 2]);
    const id = v(row, 'section_id');
    const courseId = v(row, 'course_id');
    const name = v(row, 'name');
    const status = v(row, 'status');
    if (blank(id)) return warn(MSG.sectionNoId(courseId));
    if (blank(courseId)) return warn(MSG.sectionNoCourse(id));
    if (blank(name) && /^active/i.test(status)) return warn(MSG.sectionNoName(id, courseId));
    if (!/^(active|deleted)/i.test(status)) return warn(MSG.sectionBadStatus(id, courseId, status));
    if (sink.skipDeletes && /deleted/i.test(status)) return;
    const course = canvas.course(courseId);
    if (!course) return warn(MSG.sectionNoCourseFound(id, courseId));
    let section = canvas.section(id);
    if (!section) {
      if (blank(name)) return warn(MSG.sectionNoName(id, courseId));
      section = {
        canvas_section_id: canvas.newId(),
        section_id: id,
        canvas_course_id: course.canvas_course_id,
        course_id: course.course_id,
        integration_id: '',
        name,
        status: 'active',
        start_date: '',
        end_date: '',
        canvas_nonxlist_course_id: '',
        nonxlist_course_id: '',
        created_by_sis: true,
      };
      canvas.rows.sections.push(section);
      canvas.note(section);
    }
    const free = (f: string) => !canvas.isStuck(section, f) || sink.override;
    if (name !== '' && free('name')) section.name = name;
    if (section.canvas_course_id !== course.canvas_course_id) {
      if (section.canvas_nonxlist_course_id !== '') {
        // Crosslisted: a row naming the home course leaves it where it is; another course un-crosslists and moves it.
        if (section.canvas_nonxlist_course_id !== course.canvas_course_id && free('course_id')) {
          moveSection(canvas, section, course.canvas_course_id, course.course_id);
          section.canvas_nonxlist_course_id = '';
          section.nonxlist_course_id = '';
        }
      } else if (free('course_id')) moveSection(canvas, section, course.canvas_course_id, course.course_id);
    }
    section.status = /^deleted/i.test(status) ? 'deleted' : 'active';
    if (free('start_date')) section.start_date = v(row, 'start_date');
    if (free('end_date')) section.end_date = v(row, 'end_date');
    canvas.touched.add(section);
    sink.count('sections');
  });
}

function moveSection(
  canvas: LiveCanvas,
  section: { canvas_section_id: string; canvas_course_id: string; course_id: string },
  canvasCourseId: string,
  courseId: string,
): void {
  section.canvas_course_id = canvasCourseId;
  section.course_id = courseId;
  for (const e of canvas.rows.enrollments)
    if (e.canvas_section_id === section.canvas_section_id) {
      e.canvas_course_id = canvasCourseId;
      e.course_id = courseId;
    }
}
