import { describe, expect, it } from 'vitest';
import { fx } from '../../../test-support/snapshot-fixture';
import { cleanDistrict, patch, without } from './district';
import { evaluate, only } from './run-rules';

const user = (sourcedId: string) => ({ entityType: 'user', sourcedId });
const enrollment = (sourcedId: string) => ({ entityType: 'enrollment', sourcedId });
const gone = (r: Record<string, unknown>) => ({ ...r, status: 'tobedeleted' });

describe('USER-NO-USERNAME', () => {
  it('names active users whose username is missing or blank', () => {
    const d = cleanDistrict();
    patch(d.users, 'STU-1', (r) => without(r, 'username'));
    patch(d.users, 'TCH-2', (r) => ({ ...r, username: '  \t ' }));
    const found = only(evaluate(d), 'USER-NO-USERNAME');
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'blocker',
        ...user('STU-1'),
        message: 'User STU-1 (student) has no username, so Canvas gets no login id',
        detail: {
          role: 'student',
          blank: false,
          inTheImport: 'users.csv row Canvas would reject',
          ruleCount: '2 users.csv rows Canvas would reject + 0 parents not sent',
        },
      }),
      expect.objectContaining({
        ...user('TCH-2'),
        detail: expect.objectContaining({ role: 'teacher', blank: true }),
      }),
    ]);
  });

  it('says which users are parents the import does not send (observers off) and which rows Canvas rejects', () => {
    const d = cleanDistrict();
    patch(d.users, 'STU-1', (r) => without(r, 'username'));
    patch(d.users, 'PAR-1', (r) => without(r, 'username'));
    const split = '1 users.csv row Canvas would reject + 1 parent not sent';
    expect(only(evaluate(d), 'USER-NO-USERNAME')).toEqual([
      expect.objectContaining({
        ...user('PAR-1'),
        message:
          'User PAR-1 (parent) has no username; not sent to Canvas while observers are off, so nothing is rejected',
        detail: {
          role: 'parent',
          blank: false,
          inTheImport: 'not sent (observers are off)',
          ruleCount: split,
        },
      }),
      expect.objectContaining({
        ...user('STU-1'),
        detail: expect.objectContaining({
          inTheImport: 'users.csv row Canvas would reject',
          ruleCount: split,
        }),
      }),
    ]);
    // With observers on, parents are sent: Canvas would reject both rows.
    const on = only(evaluate(d, { observers: true }), 'USER-NO-USERNAME');
    expect(on.map((f) => f.detail?.ruleCount)).toEqual([
      '2 users.csv rows Canvas would reject + 0 parents not sent',
      '2 users.csv rows Canvas would reject + 0 parents not sent',
    ]);
  });

  it('ignores users marked tobedeleted', () => {
    const d = cleanDistrict();
    patch(d.users, 'STU-1', (r) => gone(without(r, 'username')));
    expect(only(evaluate(d), 'USER-NO-USERNAME')).toEqual([]);
  });
});

describe('USER-DUP-USERNAME', () => {
  it('names every active user sharing a username, case-insensitively and trimmed', () => {
    const d = cleanDistrict();
    patch(d.users, 'STU-1', (r) => ({ ...r, username: 'jsmith' }));
    patch(d.users, 'STU-2', (r) => ({ ...r, username: ' JSmith ' }));
    patch(d.users, 'TCH-2', (r) => ({ ...r, username: 'jsmith' }));
    const found = only(evaluate(d), 'USER-DUP-USERNAME');
    expect(found.map((f) => [f.sourcedId, f.related])).toEqual([
      ['STU-1', [user('STU-2'), user('TCH-2')]],
      ['STU-2', [user('STU-1'), user('TCH-2')]],
      ['TCH-2', [user('STU-1'), user('STU-2')]],
    ]);
    expect(found[1]).toMatchObject({
      severity: 'blocker',
      entityType: 'user',
      message: 'Username JSmith is used by 3 active users (compared case-insensitively: JSmith, jsmith)',
      detail: { username: 'JSmith', count: 3, spellings: ['JSmith', 'jsmith'] },
    });
  });

  it('folds non-ASCII letters too', () => {
    const d = cleanDistrict();
    patch(d.users, 'STU-1', (r) => ({ ...r, username: 'Élodie.Ørsted' }));
    patch(d.users, 'STU-2', (r) => ({ ...r, username: 'élodie.ørsted' }));
    expect(only(evaluate(d), 'USER-DUP-USERNAME').map((f) => f.sourcedId)).toEqual(['STU-1', 'STU-2']);
  });

  it('is silent for tobedeleted holders, different names and blank usernames', () => {
    const d = cleanDistrict();
    patch(d.users, 'STU-1', (r) => ({ ...r, username: 'jsmith' }));
    patch(d.users, 'STU-2', (r) => gone({ ...r, username: 'JSMITH' }));
    patch(d.users, 'STU-3', (r) => ({ ...r, username: 'jsmith2' }));
    patch(d.users, 'TCH-1', (r) => ({ ...r, username: ' ' }));
    patch(d.users, 'TCH-2', (r) => ({ ...r, username: '  ' }));
    const found = evaluate(d);
    expect(only(found, 'USER-DUP-USERNAME')).toEqual([]);
    expect(only(found, 'USER-NO-USERNAME').map((f) => f.sourcedId)).toEqual(['TCH-1', 'TCH-2']);
  });
});

describe('USER-BAD-USERNAME', () => {
  it('names active users whose username is over 100 characters or has a non-printable character', () => {
    const d = cleanDistrict();
    patch(d.users, 'STU-1', (r) => ({ ...r, username: 'a'.repeat(101) }));
    patch(d.users, 'STU-2', (r) => ({ ...r, username: 'tab\there' }));
    patch(d.users, 'STU-3', (r) => ({ ...r, username: 'line\u2028sep' }));
    expect(only(evaluate(d), 'USER-BAD-USERNAME')).toEqual([
      expect.objectContaining({
        severity: 'blocker',
        ...user('STU-1'),
        message:
          'Username of user STU-1 has 101 characters; Canvas accepts at most 100, so it skips the user',
        detail: { username: 'a'.repeat(101), length: 101, role: 'student', reason: 'too_long' },
      }),
      expect.objectContaining({
        ...user('STU-2'),
        detail: expect.objectContaining({ reason: 'non_printable' }),
      }),
      expect.objectContaining({
        ...user('STU-3'),
        detail: expect.objectContaining({ reason: 'non_printable' }),
      }),
    ]);
  });

  it('is silent for 1–2 character usernames, exactly 100 characters, accents, tobedeleted and missing ones', () => {
    const d = cleanDistrict();
    patch(d.users, 'STU-1', (r) => ({ ...r, username: 'ab' }));
    patch(d.users, 'STU-2', (r) => ({ ...r, username: 'x' }));
    patch(d.users, 'STU-3', (r) => ({ ...r, username: 'b'.repeat(100) }));
    patch(d.users, 'STU-4', (r) => ({ ...r, username: 'ñé' + 'ü' }));
    patch(d.users, 'TCH-1', (r) => gone({ ...r, username: 'c'.repeat(150) }));
    patch(d.users, 'TCH-2', (r) => without(r, 'username'));
    expect(only(evaluate(d), 'USER-BAD-USERNAME')).toEqual([]);
  });
});

describe('USER-NO-EMAIL', () => {
  it('names active students and teachers without email', () => {
    const d = cleanDistrict();
    patch(d.users, 'STU-1', (r) => without(r, 'email'));
    patch(d.users, 'TCH-1', (r) => ({ ...r, email: ' ' }));
    expect(only(evaluate(d), 'USER-NO-EMAIL')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        ...user('STU-1'),
        message: 'Student STU-1 has no email address',
        detail: { role: 'student' },
      }),
      expect.objectContaining({ ...user('TCH-1'), message: 'Teacher TCH-1 has no email address' }),
    ]);
  });

  it('ignores other roles and tobedeleted users', () => {
    const d = cleanDistrict();
    patch(d.users, 'ADM-1', (r) => without(r, 'email'));
    patch(d.users, 'PAR-1', (r) => without(r, 'email'));
    patch(d.users, 'STU-1', (r) => gone(without(r, 'email')));
    expect(only(evaluate(d), 'USER-NO-EMAIL')).toEqual([]);
  });
});

describe('USER-DUP-EMAIL', () => {
  it('names every active user sharing an email, case-insensitively', () => {
    const d = cleanDistrict();
    patch(d.users, 'PAR-1', (r) => ({ ...r, email: 'Family@Example.org' }));
    patch(d.users, 'TCH-1', (r) => ({ ...r, email: 'family@example.org' }));
    expect(only(evaluate(d), 'USER-DUP-EMAIL')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        ...user('PAR-1'),
        message:
          'Email Family@Example.org is used by 2 active users (compared case-insensitively: Family@Example.org, family@example.org)',
        detail: {
          email: 'Family@Example.org',
          count: 2,
          spellings: ['Family@Example.org', 'family@example.org'],
        },
        related: [user('TCH-1')],
      }),
      expect.objectContaining({ ...user('TCH-1'), related: [user('PAR-1')] }),
    ]);
  });

  it('is silent when the other holder is tobedeleted', () => {
    const d = cleanDistrict();
    patch(d.users, 'PAR-1', (r) => gone({ ...r, email: 'family@example.org' }));
    patch(d.users, 'TCH-1', (r) => ({ ...r, email: 'family@example.org' }));
    expect(only(evaluate(d), 'USER-DUP-EMAIL')).toEqual([]);
  });
});

describe('USER-NO-ORG', () => {
  it('names active users with an empty orgs list', () => {
    const d = cleanDistrict();
    patch(d.users, 'STU-2', (r) => ({ ...r, orgs: [] }));
    expect(only(evaluate(d), 'USER-NO-ORG')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        ...user('STU-2'),
        message: 'User STU-2 (student) belongs to no school or district',
        detail: { role: 'student' },
      }),
    ]);
  });

  it('is silent for tobedeleted users and for orgs that point nowhere (OR-REF-MISSING)', () => {
    const d = cleanDistrict();
    patch(d.users, 'STU-2', (r) => gone({ ...r, orgs: [] }));
    patch(d.users, 'STU-3', (r) => ({ ...r, orgs: [fx.ref('org', 'NOWHERE')] }));
    expect(only(evaluate(d), 'USER-NO-ORG')).toEqual([]);
  });
});

describe('USER-NO-ENROLLMENT', () => {
  it('names active students without an active enrollment', () => {
    const d = cleanDistrict();
    d.users.push(fx.user('STU-5', 'student', ['S1']));
    patch(d.enrollments, 'E-K3-STU-4', gone);
    expect(only(evaluate(d), 'USER-NO-ENROLLMENT')).toEqual([
      expect.objectContaining({
        severity: 'info',
        ...user('STU-4'),
        message: 'Student STU-4 has no active enrollment (1 enrollment marked tobedeleted)',
        detail: { tobedeletedEnrollments: 1 },
      }),
      expect.objectContaining({
        ...user('STU-5'),
        message: 'Student STU-5 has no active enrollment',
        detail: { tobedeletedEnrollments: 0 },
      }),
    ]);
  });

  it('ignores staff, parents and tobedeleted students', () => {
    const d = cleanDistrict();
    d.users.push(fx.user('TCH-9', 'teacher', ['S1']), gone(fx.user('STU-9', 'student', ['S1'])));
    expect(only(evaluate(d), 'USER-NO-ENROLLMENT')).toEqual([]);
  });
});

describe('USER-DISABLED-ENROLLED', () => {
  it('names disabled users with active enrollments, pointing at them', () => {
    const d = cleanDistrict();
    patch(d.users, 'STU-1', (r) => ({ ...r, enabledUser: 'FALSE' }));
    expect(only(evaluate(d), 'USER-DISABLED-ENROLLED')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        ...user('STU-1'),
        message: 'User STU-1 is disabled (enabledUser=false) but has 2 active enrollments',
        detail: { role: 'student', activeEnrollments: 2 },
        related: [enrollment('E-K1-STU-1'), enrollment('E-K2-STU-1')],
      }),
    ]);
  });

  it('is silent when the enrollments are tobedeleted, or the user has none', () => {
    const d = cleanDistrict();
    patch(d.users, 'STU-4', (r) => ({ ...r, enabledUser: 'false' }));
    patch(d.enrollments, 'E-K3-STU-4', gone);
    patch(d.users, 'ADM-1', (r) => ({ ...r, enabledUser: false }));
    expect(only(evaluate(d), 'USER-DISABLED-ENROLLED')).toEqual([]);
  });
});

describe('USER-PASSWORD-PRESENT', () => {
  const SECRET = 'hunter2-Correct-Horse';

  it('names every user whose record carries a password, without the password', () => {
    const d = cleanDistrict();
    patch(d.users, 'STU-1', (r) => ({ ...r, password: SECRET }));
    patch(d.users, 'TCH-3', (r) => gone({ ...r, password: SECRET }));
    const all = evaluate(d);
    expect(only(all, 'USER-PASSWORD-PRESENT')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        ...user('STU-1'),
        message: 'The feed sends a password for user STU-1 (not stored, not shown)',
        detail: { role: 'student', status: 'active' },
      }),
      expect.objectContaining({ ...user('TCH-3'), detail: { role: 'teacher', status: 'tobedeleted' } }),
    ]);
    expect(JSON.stringify(all)).not.toContain(SECRET);
  });

  it('is silent for empty or null passwords', () => {
    const d = cleanDistrict();
    patch(d.users, 'STU-1', (r) => ({ ...r, password: '' }));
    patch(d.users, 'STU-2', (r) => ({ ...r, password: null }));
    expect(only(evaluate(d), 'USER-PASSWORD-PRESENT')).toEqual([]);
  });
});

describe('USER-ROLE-MISMATCH', () => {
  it('names users enrolled on the other side of the school', () => {
    const d = cleanDistrict();
    patch(d.enrollments, 'E-K1-STU-2', (r) => ({ ...r, role: 'teacher' }));
    d.enrollments.push(
      fx.enrollment('E-K1-TCH-3', 'TCH-3', 'K1', 'S1', 'student'),
      fx.enrollment('E-K3-PAR-1', 'PAR-1', 'K3', 'S2', 'student'),
    );
    expect(only(evaluate(d), 'USER-ROLE-MISMATCH')).toEqual([
      expect.objectContaining({
        ...user('PAR-1'),
        detail: { userRole: 'parent', enrollmentRoles: ['student'], count: 1 },
        related: [enrollment('E-K3-PAR-1')],
      }),
      expect.objectContaining({
        severity: 'warning',
        ...user('STU-2'),
        message: 'User STU-2 is a student but has 1 active enrollment as teacher',
        detail: { userRole: 'student', enrollmentRoles: ['teacher'], count: 1 },
        related: [enrollment('E-K1-STU-2')],
      }),
      expect.objectContaining({ ...user('TCH-3'), related: [enrollment('E-K1-TCH-3')] }),
    ]);
  });

  it('accepts staff in other staff roles and ignores tobedeleted records', () => {
    const d = cleanDistrict();
    d.enrollments.push(
      fx.enrollment('E-K1-ADM-1', 'ADM-1', 'K1', 'S1', 'teacher', { primary: 'false' }),
      fx.enrollment('E-K3-TCH-2', 'TCH-2', 'K3', 'S2', 'proctor', { primary: 'false' }),
      gone(fx.enrollment('E-K3-STU-1', 'STU-1', 'K3', 'S2', 'teacher', { primary: 'false' })),
    );
    patch(d.users, 'STU-2', gone);
    patch(d.enrollments, 'E-K1-STU-2', (r) => ({ ...r, role: 'teacher', primary: 'false' }));
    expect(only(evaluate(d), 'USER-ROLE-MISMATCH')).toEqual([]);
  });
});
