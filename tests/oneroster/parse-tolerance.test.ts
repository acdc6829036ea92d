import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../shared/oneroster/parse';
import type { EntityKind, SchemaIssue } from '../../shared/oneroster/types';
import { valid } from './fixtures';

const codes = (issues: SchemaIssue[], field?: string): string[] =>
  issues.filter((i) => field === undefined || i.field === field).map((i) => i.code);

describe('parseRecord: tolerances', () => {
  it.each([
    [true, true],
    [false, false],
    ['true', true],
    ['TRUE', true],
    ['True', true],
    ['false', false],
    ['FALSE', false],
    ['False', false],
  ])('boolean %j → %j without issue', (input, expected) => {
    const r = parseRecord('user', valid('user', { enabledUser: input }));
    expect(r.record?.enabledUser).toBe(expected);
    expect(r.issues).toEqual([]);
  });

  it('reads 1/0 booleans with an issue and rejects other values', () => {
    const one = parseRecord('enrollment', valid('enrollment', { primary: 1 }));
    expect(one.record?.primary).toBe(true);
    expect(codes(one.issues, 'primary')).toEqual(['bad_type']);
    const yes = parseRecord('user', valid('user', { enabledUser: 'yes' }));
    expect(yes.record?.enabledUser).toBeNull();
    expect(codes(yes.issues, 'enabledUser')).toEqual(['bad_type']);
    const missing = parseRecord('user', valid('user', { enabledUser: undefined }));
    expect(codes(missing.issues, 'enabledUser')).toEqual(['missing']);
  });

  it('reads legacy status inactive as tobedeleted with a legacy_value issue', () => {
    const r = parseRecord('academicSession', valid('academicSession', { status: 'inactive' }));
    expect(r.record?.status).toBe('tobedeleted');
    expect(r.issues).toEqual([expect.objectContaining({ field: 'status', code: 'legacy_value' })]);
    expect(parseRecord('org', valid('org', { status: 'ToBeDeleted' })).record?.status).toBe('tobedeleted');
    const unknown = parseRecord('org', valid('org', { status: 'deleted' }));
    expect(unknown.record?.status).toBe('active');
    expect(codes(unknown.issues, 'status')).toEqual(['bad_enum']);
    expect(codes(parseRecord('org', valid('org', { status: undefined })).issues, 'status')).toEqual([
      'missing',
    ]);
  });

  it('compares enums case-insensitively and stores the canonical value', () => {
    expect(parseRecord('class', valid('class', { classType: 'Scheduled' })).record?.classType).toBe(
      'scheduled',
    );
    expect(
      parseRecord('academicSession', valid('academicSession', { type: 'SCHOOLYEAR' })).record?.type,
    ).toBe('schoolYear');
    expect(
      parseRecord('academicSession', valid('academicSession', { type: 'gradingperiod' })).record?.type,
    ).toBe('gradingPeriod');
    expect(parseRecord('org', valid('org', { type: 'District' })).record?.type).toBe('district');
    expect(parseRecord('user', valid('user', { role: 'Teacher' })).record?.role).toBe('teacher');
    const r = parseRecord('class', valid('class', { classType: 'Online' }));
    expect(r.record?.classType).toBe('Online');
    expect(r.issues).toEqual([expect.objectContaining({ field: 'classType', code: 'bad_enum' })]);
    const s = parseRecord('academicSession', valid('academicSession', { type: 'quarter' }));
    expect(s.record?.type).toBe('quarter');
    expect(codes(s.issues, 'type')).toEqual(['bad_enum']);
  });

  it('accepts the whole user-role list on enrollments but reports non-enrollment roles', () => {
    const aide = parseRecord('enrollment', valid('enrollment', { role: 'Aide' }));
    expect(aide.record?.role).toBe('aide');
    expect(codes(aide.issues, 'role')).toEqual(['bad_enum']);
    expect(parseRecord('enrollment', valid('enrollment', { role: 'STUDENT' })).issues).toEqual([]);
    const principal = parseRecord('user', valid('user', { role: 'principal' }));
    expect(principal.record?.role).toBe('administrator');
    expect(codes(principal.issues, 'role')).toEqual(['bad_enum']);
  });

  it('validates YYYY-MM-DD dates', () => {
    const leap = parseRecord('academicSession', valid('academicSession', { startDate: '2024-02-29' }));
    expect(leap.record?.startDate).toBe('2024-02-29');
    expect(leap.issues).toEqual([]);
    for (const bad of [
      '2023-02-29',
      '2024-13-01',
      '2024-04-31',
      '08/01/2024',
      '2024-8-1',
      20240801,
      'soon',
    ]) {
      const r = parseRecord('academicSession', valid('academicSession', { endDate: bad }));
      expect(r.record?.endDate, String(bad)).toBeNull();
      expect(codes(r.issues, 'endDate'), String(bad)).toEqual(['bad_date']);
    }
    const dt = parseRecord('enrollment', valid('enrollment', { beginDate: '2024-08-15T00:00:00Z' }));
    expect(dt.record?.beginDate).toBe('2024-08-15');
    expect(codes(dt.issues, 'beginDate')).toEqual(['bad_date']);
    const missing = parseRecord('academicSession', valid('academicSession', { startDate: undefined }));
    expect(codes(missing.issues, 'startDate')).toEqual(['missing']);
    expect(parseRecord('enrollment', valid('enrollment', { endDate: undefined })).issues).toEqual([]);
  });

  it('validates dateLastModified as ISO 8601 and reports non-UTC forms', () => {
    for (const ok of [
      '2024-08-01T12:00:00Z',
      '2024-08-01T12:00:00.511Z',
      '2024-08-01T12:00Z',
      '2024-08-01T12:00:00+00:00',
    ]) {
      const r = parseRecord('org', valid('org', { dateLastModified: ok }));
      expect(r.issues, ok).toEqual([]);
      expect(r.record?.dateLastModified).toBe(ok);
    }
    for (const kept of [
      '2024-08-01T12:00:00',
      '2024-08-01 12:00:00',
      '2024-08-01',
      '2024-08-01T12:00:00+02:00',
      '2024-08-01T12:00:00.000z',
    ]) {
      const r = parseRecord('org', valid('org', { dateLastModified: kept }));
      expect(r.record?.dateLastModified, kept).toBe(kept);
      expect(codes(r.issues, 'dateLastModified'), kept).toEqual(['bad_date']);
    }
    for (const bad of ['yesterday', '2024-02-30T00:00:00Z', '2024-08-01T25:00:00Z', 1722513600000]) {
      const r = parseRecord('org', valid('org', { dateLastModified: bad }));
      expect(r.record?.dateLastModified, String(bad)).toBeNull();
      expect(codes(r.issues, 'dateLastModified'), String(bad)).toEqual(['bad_date']);
    }
  });

  it('accepts the GUIDRef sourceId typo and bare ids, with issues', () => {
    const typo = parseRecord(
      'class',
      valid('class', { course: { href: 'x', sourceId: 'crs-9', type: 'course' } }),
    );
    expect(typo.record?.courseId).toBe('crs-9');
    expect(typo.issues).toEqual([expect.objectContaining({ field: 'course.sourcedId', code: 'bad_ref' })]);
    const bare = parseRecord('enrollment', valid('enrollment', { user: 'usr-7' }));
    expect(bare.record?.userId).toBe('usr-7');
    expect(codes(bare.issues, 'user')).toEqual(['bad_ref']);
    const noId = parseRecord(
      'class',
      valid('class', {
        terms: [
          { href: 'x', type: 'term' },
          { sourcedId: 't2', type: 'term', href: 'y' },
        ],
      }),
    );
    expect(noId.record?.termIds).toEqual(['t2']);
    expect(noId.issues).toEqual([expect.objectContaining({ field: 'terms[0].sourcedId', code: 'bad_ref' })]);
  });

  it('reads 1.2-shaped users with roles[]', () => {
    const raw = valid('user', {
      role: undefined,
      orgs: undefined,
      username: undefined,
      roles: [
        { roleType: 'secondary', role: 'teacher', org: { href: 'h', sourcedId: 'sch-2', type: 'org' } },
        {
          roleType: 'primary',
          role: 'districtAdministrator',
          org: { href: 'h', sourcedId: 'dist-1', type: 'org' },
        },
        { roleType: 'Primary', role: 'teacher', org: { href: 'h', sourcedId: 'sch-2', type: 'org' } },
      ],
    });
    const r = parseRecord('user', raw);
    expect(r.issues).toEqual([]);
    expect(r.record).toMatchObject({
      shape: '1.2',
      role: 'administrator',
      orgIds: ['sch-2', 'dist-1'],
      username: null,
    });
    for (const admin of ['siteAdministrator', 'systemAdministrator', 'principal']) {
      const a = parseRecord('user', {
        ...raw,
        roles: [{ roleType: 'primary', role: admin, org: { sourcedId: 'sch-1' } }],
      });
      expect(a.record?.role).toBe('administrator');
    }
    const empty = parseRecord('user', { ...raw, roles: [] });
    expect(empty.record?.role).toBe('');
    expect(codes(empty.issues, 'roles')).toEqual(['missing']);
    const noPrimary = parseRecord('user', {
      ...raw,
      roles: [{ roleType: 'secondary', role: 'Student', org: { sourcedId: 'sch-1' } }],
    });
    expect(noPrimary.record?.role).toBe('student');
    expect(codes(noPrimary.issues, 'roles')).toEqual(['missing']);
  });

  it('reports missing required fields per kind', () => {
    const missing = (kind: EntityKind, fields: string[]): string[] => {
      const patch = Object.fromEntries(fields.map((f) => [f, undefined]));
      return parseRecord(kind, valid(kind, patch))
        .issues.filter((i) => i.code === 'missing')
        .map((i) => i.field)
        .sort();
    };
    expect(missing('org', ['name', 'type', 'dateLastModified'])).toEqual([
      'dateLastModified',
      'name',
      'type',
    ]);
    expect(missing('academicSession', ['title', 'type', 'startDate', 'endDate', 'schoolYear'])).toEqual([
      'endDate',
      'schoolYear',
      'startDate',
      'title',
      'type',
    ]);
    expect(missing('course', ['title', 'courseCode', 'org'])).toEqual(['courseCode', 'org', 'title']);
    expect(missing('class', ['title', 'course', 'school', 'terms'])).toEqual([
      'course',
      'school',
      'terms',
      'title',
    ]);
    expect(missing('user', ['username', 'enabledUser', 'givenName', 'familyName', 'role', 'orgs'])).toEqual([
      'enabledUser',
      'familyName',
      'givenName',
      'orgs',
      'role',
      'username',
    ]);
    expect(missing('enrollment', ['user', 'class', 'school', 'role'])).toEqual([
      'class',
      'role',
      'school',
      'user',
    ]);
    expect(missing('class', [])).toEqual([]);
    expect(codes(parseRecord('class', valid('class', { terms: [] })).issues, 'terms')).toEqual(['missing']);
    expect(codes(parseRecord('org', valid('org', { name: '' })).issues, 'name')).toEqual(['missing']);
    const user = parseRecord('user', valid('user', { givenName: undefined })).record;
    expect(user?.givenName).toBe('');
  });

  it('converts loosely typed values with issues', () => {
    const year = parseRecord('academicSession', valid('academicSession', { schoolYear: 2025 }));
    expect(year.record?.schoolYear).toBe('2025');
    expect(codes(year.issues, 'schoolYear')).toEqual(['bad_type']);
    expect(
      codes(
        parseRecord('academicSession', valid('academicSession', { schoolYear: '2024-25' })).issues,
        'schoolYear',
      ),
    ).toEqual(['bad_type']);
    const grades = parseRecord('course', valid('course', { grades: '09, 10' }));
    expect(grades.record?.grades).toEqual(['09', '10']);
    expect(codes(grades.issues, 'grades')).toEqual(['bad_type']);
    const mixed = parseRecord('class', valid('class', { periods: [1, '2', null] }));
    expect(mixed.record?.periods).toEqual(['1', '2']);
    expect(codes(mixed.issues)).toEqual(['bad_type', 'bad_type']);
    const id = parseRecord('user', valid('user', { identifier: 12345 }));
    expect(id.record?.identifier).toBe('12345');
    expect(parseRecord('class', valid('class', { classCode: '' })).record?.classCode).toBeNull();
  });
});
