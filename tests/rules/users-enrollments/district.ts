import { fx } from '../../../test-support/snapshot-fixture';

type Rec = Record<string, unknown>;
type Collection = 'orgs' | 'academicSessions' | 'courses' | 'classes' | 'users' | 'enrollments';

/**
 * A tiny clean district for the user and enrollment rules: two schools, a fall term, a spring term and a school year; a fall class
 * (K1), a full-year class listed in both terms (K2, with a non-primary co-teacher) and a spring class at the
 * second school (K3). Every student is enrolled; an administrator and a parent have no enrollments.
 */
export function cleanDistrict(): Record<Collection, Rec[]> {
  const year = { startDate: '2026-08-15', endDate: '2027-06-10' };
  const spring = { startDate: '2027-01-16', endDate: '2027-06-10' };
  const sy = { parent: fx.ref('academicSession', 'SY') };
  const yearEnr = { beginDate: year.startDate, endDate: year.endDate };
  const springEnr = { beginDate: spring.startDate, endDate: spring.endDate };
  return {
    orgs: [
      fx.org('D', { type: 'district' }),
      fx.org('S1', { parent: fx.ref('org', 'D') }),
      fx.org('S2', { parent: fx.ref('org', 'D') }),
    ],
    academicSessions: [
      fx.session('SY', { type: 'schoolYear', ...year }),
      fx.session('T1', sy),
      fx.session('T2', { ...sy, ...spring }),
    ],
    courses: [fx.course('C1', 'S1'), fx.course('C2', 'S2')],
    classes: [
      fx.klass('K1', 'C1', 'S1', ['T1']),
      fx.klass('K2', 'C1', 'S1', ['T1', 'T2']),
      fx.klass('K3', 'C2', 'S2', ['T2']),
    ],
    users: [
      fx.user('ADM-1', 'administrator', ['D']),
      fx.user('PAR-1', 'parent', ['S1'], { agents: [fx.ref('user', 'STU-1')] }),
      fx.user('STU-1', 'student', ['S1']),
      fx.user('STU-2', 'student', ['S1']),
      fx.user('STU-3', 'student', ['S1']),
      fx.user('STU-4', 'student', ['S2']),
      fx.user('TCH-1', 'teacher', ['S1']),
      fx.user('TCH-2', 'teacher', ['S1']),
      fx.user('TCH-3', 'teacher', ['S2']),
    ],
    enrollments: [
      fx.enrollment('E-K1-TCH-1', 'TCH-1', 'K1', 'S1', 'teacher'),
      fx.enrollment('E-K1-STU-1', 'STU-1', 'K1', 'S1', 'student'),
      fx.enrollment('E-K1-STU-2', 'STU-2', 'K1', 'S1', 'student'),
      fx.enrollment('E-K2-TCH-1', 'TCH-1', 'K2', 'S1', 'teacher', yearEnr),
      fx.enrollment('E-K2-TCH-2', 'TCH-2', 'K2', 'S1', 'teacher', { ...yearEnr, primary: 'false' }),
      fx.enrollment('E-K2-STU-1', 'STU-1', 'K2', 'S1', 'student', yearEnr),
      fx.enrollment('E-K2-STU-3', 'STU-3', 'K2', 'S1', 'student', yearEnr),
      fx.enrollment('E-K3-TCH-3', 'TCH-3', 'K3', 'S2', 'teacher', springEnr),
      fx.enrollment('E-K3-STU-4', 'STU-4', 'K3', 'S2', 'student', springEnr),
    ],
  };
}

/** Replaces the record with `sourcedId` in `list` by `edit(record)`. */
export function patch(list: Rec[], sourcedId: string, edit: (r: Rec) => Rec): void {
  const i = list.findIndex((r) => r.sourcedId === sourcedId);
  if (i < 0) throw new Error(`no record ${sourcedId}`);
  list[i] = edit(list[i]!);
}

/** The record without `keys`. */
export function without(r: Rec, ...keys: string[]): Rec {
  const out = { ...r };
  for (const k of keys) delete out[k];
  return out;
}
