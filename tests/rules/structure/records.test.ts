import { describe, expect, it } from 'vitest';
import { fx } from '../../../test-support/snapshot-fixture';
import { byId, cleanDistrict, districtWith, evaluate, ids, only, sessionRef } from './helpers';

describe('OR-SCHEMA', () => {
  it('reports a record that breaks the 1.1 model, listing the fields, and counts unreadable records', () => {
    const d = districtWith((x) => {
      const user = byId(x.users, 'STU-SCH-A');
      user.enabledUser = 'sometimes';
      delete user.givenName;
      x.classes.push({ title: 'no id at all' }, 'not even an object' as never);
    });
    const found = only(evaluate({ ...d }), 'OR-SCHEMA');
    expect(ids(found)).toEqual(['class:/classes', 'user:STU-SCH-A']);
    const [rejected, user] = found;
    expect(user!.severity).toBe('warning');
    expect(user!.detail?.fields).toEqual(['enabledUser', 'givenName']);
    expect(user!.message).toMatch(/^User STU-SCH-A does not match the OneRoster 1\.1 model: enabledUser/);
    expect(rejected!.detail).toMatchObject({ collection: 'classes', rejected: 2 });
    expect(rejected!.message).toMatch(/^2 entries of classes could not be read/);
  });

  it('is silent on clean records', () => {
    expect(only(evaluate({ ...cleanDistrict() }), 'OR-SCHEMA')).toEqual([]);
  });
});

describe('OR-DUP-ID', () => {
  it('names a sourcedId repeated with different content once, with the collection as entity type', () => {
    const d = districtWith((x) => {
      x.courses.push({ ...byId(x.courses, 'CRS-SCH-A'), title: 'Another course' });
      x.courses.push({ ...byId(x.courses, 'CRS-SCH-A'), title: 'Yet another' });
    });
    const found = only(evaluate({ ...d }), 'OR-DUP-ID');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: 'blocker',
      entityType: 'course',
      sourcedId: 'CRS-SCH-A',
      detail: { collection: 'courses', occurrences: 3, versions: 3 },
    });
    expect(found[0]!.message).toContain('appears 3 times in courses with different content');
  });

  it('ignores a repeated record whose content is the same (only the timestamp changed)', () => {
    const d = districtWith((x) => {
      x.courses.push({ ...byId(x.courses, 'CRS-SCH-A'), dateLastModified: '2026-09-01T00:00:00.000Z' });
    });
    expect(only(evaluate({ ...d }), 'OR-DUP-ID')).toEqual([]);
  });
});

describe('OR-REF-MISSING', () => {
  it('names the record holding the reference, with the field and the missing id', () => {
    const d = districtWith((x) => {
      byId(x.classes, 'CLS-SCH-A-FALL').terms = [sessionRef('FALL'), sessionRef('T-2027-S9')];
      x.enrollments.push(fx.enrollment('ENR-GHOST', 'STU-GONE', 'CLS-GONE', 'SCH-A', 'student'));
      byId(x.users, 'TCH-SCH-B').orgs = [fx.ref('org', 'SCH-B'), fx.ref('org', 'SCH-Z')];
      byId(x.orgs, 'DIST').parent = fx.ref('org', 'STATE');
      // A tobedeleted record becomes a deletion whatever it points at: not reported.
      x.enrollments.push(
        fx.enrollment('ENR-OLD', 'STU-GONE', 'CLS-SCH-A-FALL', 'SCH-A', 'student', { status: 'tobedeleted' }),
      );
    });
    const found = only(evaluate({ ...d }), 'OR-REF-MISSING');
    expect(ids(found)).toEqual([
      'class:CLS-SCH-A-FALL',
      'enrollment:ENR-GHOST',
      'org:DIST',
      'user:TCH-SCH-B',
    ]);
    const [cls, enr, org, user] = found;
    expect(cls).toMatchObject({
      severity: 'blocker',
      message: 'Class CLS-SCH-A-FALL points at term T-2027-S9, which is not in the feed',
      detail: { field: 'terms', targetId: 'T-2027-S9', targetCollection: 'academicSessions' },
      related: [{ entityType: 'academicSession', sourcedId: 'T-2027-S9' }],
    });
    expect(enr!.message).toBe(
      'Enrollment ENR-GHOST points at user STU-GONE and class CLS-GONE, which are not in the feed',
    );
    expect(enr!.detail).toMatchObject({ field: 'user', targetId: 'STU-GONE' });
    expect(enr!.detail?.references).toEqual([
      { field: 'user', targetId: 'STU-GONE', targetCollection: 'users' },
      { field: 'class', targetId: 'CLS-GONE', targetCollection: 'classes' },
    ]);
    expect(org!.detail).toMatchObject({ field: 'parent', targetId: 'STATE' });
    expect(user!.detail).toMatchObject({ field: 'orgs', targetId: 'SCH-Z' });
  });

  it('is silent when every reference resolves', () => {
    expect(only(evaluate({ ...cleanDistrict() }), 'OR-REF-MISSING')).toEqual([]);
  });
});

describe('OR-REF-DELETED', () => {
  it('names active records pointing at a tobedeleted one', () => {
    const d = districtWith((x) => {
      byId(x.academicSessions, 'FALL').status = 'tobedeleted';
      // A tobedeleted class pointing at the tobedeleted term is consistent: not reported; its active
      // enrollments are.
      byId(x.classes, 'CLS-SCH-B-FALL').status = 'tobedeleted';
    });
    const found = only(evaluate({ ...d }), 'OR-REF-DELETED');
    expect(ids(found)).toEqual([
      'class:CLS-SCH-A-FALL',
      'enrollment:ENR-CLS-SCH-B-FALL-S',
      'enrollment:ENR-CLS-SCH-B-FALL-T',
    ]);
    expect(found[1]!.detail).toMatchObject({
      field: 'class',
      targetId: 'CLS-SCH-B-FALL',
      targetCollection: 'classes',
    });
    expect(found[0]).toMatchObject({
      severity: 'warning',
      message: 'Class CLS-SCH-A-FALL is active but points at term FALL, which is marked tobedeleted',
      detail: { field: 'terms', targetId: 'FALL' },
    });
  });

  it('is silent when nothing active points at a tobedeleted record', () => {
    const d = districtWith((x) => {
      byId(x.enrollments, 'ENR-CLS-SCH-A-FALL-S').status = 'tobedeleted';
    });
    expect(only(evaluate({ ...d }), 'OR-REF-DELETED')).toEqual([]);
  });
});

describe('OR-STATUS-TOBEDELETED', () => {
  it('counts tobedeleted records per collection', () => {
    const d = districtWith((x) => {
      byId(x.enrollments, 'ENR-CLS-SCH-A-FALL-S').status = 'tobedeleted';
      byId(x.enrollments, 'ENR-CLS-SCH-B-FALL-S').status = 'inactive'; // 1.0 spelling, read as tobedeleted
    });
    const found = only(evaluate({ ...d }), 'OR-STATUS-TOBEDELETED');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: 'info',
      entityType: 'enrollment',
      sourcedId: '/enrollments',
      detail: {
        collection: 'enrollments',
        count: 2,
        sample: ['ENR-CLS-SCH-A-FALL-S', 'ENR-CLS-SCH-B-FALL-S'],
      },
    });
    expect(found[0]!.message).toMatch(/^2 enrollments records are marked tobedeleted/);
  });

  it('is silent when every record is active', () => {
    expect(only(evaluate({ ...cleanDistrict() }), 'OR-STATUS-TOBEDELETED')).toEqual([]);
  });
});
