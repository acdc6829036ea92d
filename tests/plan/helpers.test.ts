import { describe, expect, it } from 'vitest';
import { commonTermId } from '../../shared/plan/term-key';
import { chooseClassTerm } from '../../shared/plan/term-choice';
import { mapEnrollmentRole } from '../../shared/plan/roles';
import { DEFAULT_MAPPING_OPTIONS } from '../../shared/mapping/options';
import { indexPlan, planTree, renderTemplate } from '../../electron/services/plan';
import { districtRecords, planOf } from './fixture';

describe('commonTermId', () => {
  it('removes the segment that names a school using the session', () => {
    expect(commonTermId('T-2027-S1-001', ['SCH-001'])).toBe('T-2027-S1');
    expect(commonTermId('001_FALL_2026', ['SCH-001'])).toBe('FALL_2026');
    expect(commonTermId('255901001_2021_Fall', ['255901001'])).toBe('2021_Fall');
    expect(commonTermId('FALL-2026', ['SCH-001'])).toBeNull();
    // Word-only segments of a school id (HS) are not school codes.
    expect(commonTermId('HS-FALL', ['HS-North'])).toBeNull();
  });
});

describe('chooseClassTerm', () => {
  const s = (sourcedId: string, startDate: string | null, endDate: string | null) => ({
    sourcedId,
    startDate,
    endDate,
  });
  it('prefers the container, then the longest, then the smallest id', () => {
    expect(chooseClassTerm([])).toBeNull();
    expect(chooseClassTerm([s('A', null, null)])).toEqual({ chosen: 'A', reason: 'single' });
    expect(chooseClassTerm([s('Q', '2026-09-01', '2026-10-01'), s('Y', '2026-08-01', '2027-06-01')])).toEqual(
      { chosen: 'Y', reason: 'contains' },
    );
    expect(chooseClassTerm([s('F', '2026-08-01', '2026-12-20'), s('S', '2027-01-05', '2027-06-10')])).toEqual(
      { chosen: 'S', reason: 'longest' },
    );
    expect(chooseClassTerm([s('B', '2026-01-01', '2026-02-01'), s('A', '2026-03-01', '2026-04-01')])).toEqual(
      { chosen: 'A', reason: 'longest' },
    );
  });
});

describe('mapEnrollmentRole', () => {
  it('names the option that decided the role', () => {
    expect(mapEnrollmentRole('Teacher', false, DEFAULT_MAPPING_OPTIONS)).toEqual({
      role: 'teacher',
      option: 'roleMap.teacher=teacher',
    });
    expect(
      mapEnrollmentRole('teacher', false, { ...DEFAULT_MAPPING_OPTIONS, nonPrimaryTeacherRole: 'ta' }),
    ).toEqual({ role: 'ta', option: 'nonPrimaryTeacherRole=ta' });
    expect(
      mapEnrollmentRole('teacher', null, { ...DEFAULT_MAPPING_OPTIONS, nonPrimaryTeacherRole: 'ta' }).role,
    ).toBe('teacher');
    expect(mapEnrollmentRole('administrator', null, DEFAULT_MAPPING_OPTIONS)).toMatchObject({
      role: null,
      reason: 'unmapped',
    });
    expect(mapEnrollmentRole('guardian', null, DEFAULT_MAPPING_OPTIONS)).toMatchObject({
      role: null,
      reason: 'observer',
    });
    expect(mapEnrollmentRole('janitor', null, DEFAULT_MAPPING_OPTIONS)).toMatchObject({
      role: null,
      reason: 'unknown',
    });
  });
});

describe('renderTemplate', () => {
  const vars = {
    title: 'Algebra',
    classCode: 'ALG',
    courseCode: 'A1',
    courseTitle: 'Algebra I',
    period: '',
    teacherLastName: 'Smith',
    termTitle: 'Fall',
    schoolName: 'North',
  };
  it('fills placeholders, tidies what empty values leave, and keeps unknown placeholders visible', () => {
    expect(renderTemplate('{title} - {period} - {teacherLastName}', vars)).toBe('Algebra - Smith');
    expect(renderTemplate('{period} - {title}', vars)).toBe('Algebra');
    expect(renderTemplate('{title} ({tiitle})', vars)).toBe('Algebra ({tiitle})');
    expect(renderTemplate('{period}', vars)).toBe('');
  });
});

describe('planTree and indexPlan', () => {
  it('nests account → term → course → section with active enrollment counts summed upwards', () => {
    const plan = planOf(districtRecords());
    const tree = planTree(plan);
    expect(tree).toMatchObject({ kind: 'account', id: '', name: 'Springfield USD', source: 'DIST' });
    const north = tree.children.find((c) => c.id === 'SCH-001')!;
    expect(north.children[0]).toMatchObject({ kind: 'account', id: 'SCH-003' });
    const fall = north.children.find((c) => c.kind === 'term' && c.id === 'T-2027-S1')!;
    const k1 = fall.children.find((c) => c.id === 'K1')!;
    // K1: U-T1 teacher + U-A1 ta; U-S1 student (U-S2's enrollment is deleted, the admin is not planned).
    expect(k1.children).toEqual([
      {
        kind: 'section',
        id: 'K1',
        name: 'Algebra I - P1',
        source: 'K1',
        students: 1,
        teachers: 2,
        children: [],
      },
    ]);
    expect(tree.students).toBe(
      plan.enrollments.filter((e) => e.status === 'active' && e.role === 'student').length,
    );
    expect(tree.teachers).toBe(
      plan.enrollments.filter((e) => e.status === 'active' && e.role !== 'student').length,
    );

    const index = indexPlan(plan);
    expect(index.sectionsOfCourse.get('K1')!.map((s) => s.section_id)).toEqual(['K1']);
    expect(index.enrollmentsOfSection.get('K1')!.map((i) => plan.enrollments[i]!.source)).toEqual([
      'E4',
      'E2',
      'E3',
      'E1',
    ]);
    expect(index.enrollmentBySource('E6')?.section_id).toBe('K2');
    expect(index.enrollmentBySource('E5')).toBeUndefined();
    expect(index.usersBySource.get('U-T1')?.user_id).toBe('U-T1');
  });
});
