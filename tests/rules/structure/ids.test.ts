import { describe, expect, it } from 'vitest';
import { fx } from '../../../test-support/snapshot-fixture';
import { districtWith, evaluate, ids, only } from './helpers';

describe('SID-FORMAT', () => {
  it('names each problematic sourcedId with its problems, in any collection and status', () => {
    const long = `U-${'x'.repeat(300)}`;
    const d = districtWith((x) => {
      x.users.push(
        fx.user(' STU-LEAD', 'student', ['SCH-A']),
        fx.user('STU-TRAIL ', 'student', ['SCH-A'], { status: 'tobedeleted' }),
        fx.user('STU/42', 'student', ['SCH-A']),
        fx.user('STU\t7', 'student', ['SCH-A']),
        fx.user(long, 'student', ['SCH-A']),
      );
      x.academicSessions.push(fx.session('2026/27 FALL', { startDate: '2026-08-17', endDate: '2026-12-18' }));
    });
    const found = only(evaluate({ ...d }), 'SID-FORMAT');
    expect(ids(found)).toEqual([
      'academicSession:2026/27 FALL',
      'user: STU-LEAD',
      'user:STU\t7',
      'user:STU-TRAIL ',
      'user:STU/42',
      `user:${long}`,
    ]);
    const by = new Map(found.map((f) => [f.sourcedId, f]));
    expect(by.get(' STU-LEAD')).toMatchObject({
      severity: 'warning',
      message: 'User " STU-LEAD" has a problematic sourcedId: leading space',
      detail: { collection: 'users', problems: ['leading space'], length: 9 },
    });
    expect(by.get('STU-TRAIL ')!.detail?.problems).toEqual(['trailing space']);
    expect(by.get('STU/42')!.detail?.problems).toEqual(['contains "/"']);
    expect(by.get('STU\t7')!.message).toBe('User "STU\\t7" has a problematic sourcedId: control characters');
    expect(by.get(long)!.detail?.problems).toEqual(['302 characters (over 255)']);
    expect(by.get('2026/27 FALL')!.message).toBe(
      'Session "2026/27 FALL" has a problematic sourcedId: contains "/"',
    );
  });

  it('accepts ordinary ids, including GUIDs, colons, dots and non-ASCII letters', () => {
    const d = districtWith((x) => {
      x.users.push(
        fx.user('7b0e5c2a-4c1e-4b59-9a3f-0c1d2e3f4a5b', 'student', ['SCH-A']),
        fx.user('usr:222.alpha', 'student', ['SCH-A']),
        fx.user('ÉLÈVE-001', 'student', ['SCH-A']),
      );
    });
    expect(only(evaluate({ ...d }), 'SID-FORMAT')).toEqual([]);
  });
});
