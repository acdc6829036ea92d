import { describe, expect, it } from 'vitest';
import { parseRecord, redactRaw } from '../../shared/oneroster/parse';
import type { EntityKind } from '../../shared/oneroster/types';
import { VALID, valid } from './fixtures';

const KINDS = Object.keys(VALID) as EntityKind[];

describe('parseRecord: valid records', () => {
  it.each(KINDS)('%s parses without issues', (kind) => {
    const { record, issues } = parseRecord(kind, VALID[kind]);
    expect(issues).toEqual([]);
    expect(record?.sourcedId).toBe(VALID[kind].sourcedId);
    expect(record?.status).toBe('active');
  });

  it('normalises references and lists', () => {
    const cls = parseRecord('class', VALID.class).record;
    expect(cls).toMatchObject({
      courseId: 'crs-1',
      schoolId: 'sch-1',
      termIds: ['term-1'],
      classType: 'scheduled',
      periods: ['1'],
    });
    const user = parseRecord('user', VALID.user).record;
    expect(user).toMatchObject({
      enabledUser: true,
      role: 'student',
      orgIds: ['sch-1'],
      agentIds: ['usr-9'],
      shape: '1.1',
      hasPassword: false,
      sms: null,
    });
    expect(user?.userIds).toEqual([{ type: 'LDAP', identifier: 'jdoe@example.org' }]);
    const enr = parseRecord('enrollment', VALID.enrollment).record;
    expect(enr).toMatchObject({
      userId: 'usr-1',
      classId: 'cls-1',
      schoolId: 'sch-1',
      role: 'teacher',
      primary: true,
      beginDate: '2024-08-15',
    });
    expect(parseRecord('course', VALID.course).record).toMatchObject({
      orgId: 'sch-1',
      schoolYearId: 'sy-2025',
      courseCode: 'MATH-101',
    });
    expect(parseRecord('org', VALID.org).record).toMatchObject({ parentId: 'dist-1', type: 'school' });
  });
});

describe('parseRecord: never throws', () => {
  const weird: unknown[] = [
    null,
    undefined,
    0,
    1,
    -1,
    NaN,
    Infinity,
    '',
    'x',
    'true',
    true,
    false,
    [],
    [null],
    [[]],
    {},
    { sourcedId: {} },
    Object.create(null) as object,
    new Date(0),
    () => 1,
    Symbol('s'),
    10n,
    [1, 'a', {}],
    { sourcedId: null },
  ];

  it('on non-record inputs of every kind', () => {
    for (const kind of KINDS) {
      for (const w of weird) {
        const r = parseRecord(kind, w);
        expect(r.record).toBeNull();
        expect(r.issues.length).toBeGreaterThan(0);
      }
    }
  });

  it('on every field replaced by every odd value', () => {
    let parsed = 0;
    for (const kind of KINDS) {
      for (const field of Object.keys(VALID[kind])) {
        for (const w of weird) {
          const r = parseRecord(kind, { ...VALID[kind], [field]: w });
          if (field !== 'sourcedId') expect(r.record).not.toBeNull();
          if (r.record) parsed++;
        }
      }
    }
    expect(parsed).toBeGreaterThan(1000);
  });

  it('on records whose properties throw when read, and on unknown kinds', () => {
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('boom');
        },
        has: () => {
          throw new Error('boom');
        },
      },
    );
    const r = parseRecord('user', hostile);
    expect(r.record).toBeNull();
    expect(r.issues[0]?.message).toMatch(/could not be read/);
    const bad = parseRecord('widget' as EntityKind, VALID.org);
    expect(bad.record).toBeNull();
    expect(bad.issues[0]?.message).toMatch(/unknown record kind/);
  });

  it('reports a record without sourcedId and returns no record', () => {
    const r = parseRecord('org', valid('org', { sourcedId: undefined }));
    expect(r.record).toBeNull();
    expect(r.issues).toEqual([expect.objectContaining({ field: 'sourcedId', code: 'missing' })]);
  });
});

describe('redactRaw', () => {
  it('replaces passwords, keeps the original, and flags hasPassword', () => {
    const raw = valid('user', {
      password: 'hunter2',
      userProfiles: [{ profileId: 'p', credentials: [{ type: 'x', username: 'u', password: 'pw2' }] }],
    });
    const red = redactRaw('user', raw) as Record<string, unknown>;
    expect(red.password).toBe('[redacted]');
    expect(JSON.stringify(red)).not.toMatch(/hunter2|pw2/);
    expect(raw.password).toBe('hunter2');
    expect(parseRecord('user', raw).record?.hasPassword).toBe(true);
    const clean = valid('org');
    const copy = redactRaw('org', clean);
    expect(copy).toEqual(clean);
    expect(copy).not.toBe(clean);
    expect(redactRaw('user', null)).toBeNull();
    expect(redactRaw('user', 'x')).toBe('x');
  });
});
