import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../../shared/errors';
import {
  TABLE_NAMES,
  generateDistrict,
  startProvider,
  type GeneratedDistrict,
  type JsonRecord,
  type TableName,
} from '../../../electron/services/demo-provider';
import { createPullClient, pullSnapshot } from '../../../electron/services/pull';
import { openSnapshotStore } from '../../../electron/services/snapshots';
import { makeSnapshot } from '../../../test-support/snapshot-fixture';
import { runModules } from './run-rules';

const records = (d: GeneratedDistrict, name: TableName): JsonRecord[] =>
  Array.from({ length: d.tables[name].size }, (_, i) => d.tables[name].build(i, { baseUrl: '' }));

const idOf = (r: unknown) => (r as { sourcedId: string }).sourcedId;
const key = (ruleId: string, entityType: string, sourcedId: string) => `${ruleId} ${entityType} ${sourcedId}`;

describe('user and enrollment rules on a generated district', () => {
  it('finds nothing in a clean small district (every student is enrolled, every class has one primary)', () => {
    const d = generateDistrict({ preset: 'small' });
    const fx = makeSnapshot(Object.fromEntries(TABLE_NAMES.map((n) => [n, records(d, n)])));
    try {
      expect(fx.store.counts(fx.snapshotId).users).toBe(d.counts.users);
      expect(runModules(fx.store.db, fx.snapshotId)).toEqual([]);
    } finally {
      fx.cleanup();
    }
  });

  it('rejects a defect rate outside (0, 1]', () => {
    expect(() => generateDistrict({ preset: 'tiny', defects: [{ kind: 'missing-email', rate: 0 }] })).toThrow(
      ServiceError,
    );
    expect(() => generateDistrict({ preset: 'tiny', defects: [{ kind: 'nope' }] })).toThrow(
      expect.objectContaining({ hint: expect.stringContaining('duplicate-username') }),
    );
  });
});

describe('each remaining user or enrollment defect, written through the store writer', () => {
  const clean = generateDistrict({ preset: 'small' });
  const changed = (d: GeneratedDistrict, name: TableName) => {
    const before = records(clean, name);
    return records(d, name)
      .filter((r, i) => JSON.stringify(r) !== JSON.stringify(before[i]))
      .map(idOf);
  };
  const cases: Array<[kind: string, ruleId: string, table: TableName, entityType: string]> = [
    ['missing-username', 'USER-NO-USERNAME', 'users', 'user'],
    ['bad-username', 'USER-BAD-USERNAME', 'users', 'user'],
    ['user-no-org', 'USER-NO-ORG', 'users', 'user'],
    ['enrollment-no-dates', 'ENR-NO-DATES', 'enrollments', 'enrollment'],
    ['enrollment-wrong-school', 'ENR-SCHOOL-MISMATCH', 'enrollments', 'enrollment'],
    ['duplicate-email', 'USER-DUP-EMAIL', 'users', 'user'],
  ];

  it.each(cases)('%s gives %s on exactly the changed records', (kind, ruleId, table, entityType) => {
    const d = generateDistrict({ preset: 'small', defects: [{ kind }] });
    let ids = changed(d, table);
    expect(ids.length).toBeGreaterThan(0);
    if (kind === 'duplicate-email') {
      // Each changed user took the previous user's email: both hold it now.
      const emails = new Map(records(clean, 'users').map((u) => [u.email, idOf(u)]));
      const changedEmails = records(d, 'users').filter((u) => ids.includes(idOf(u)));
      ids = [...ids, ...changedEmails.map((u) => emails.get(u.email)!)];
    }
    const fx = makeSnapshot(Object.fromEntries(TABLE_NAMES.map((n) => [n, records(d, n)])));
    try {
      const findings = runModules(fx.store.db, fx.snapshotId);
      expect(findings.map((f) => key(f.ruleId, f.entityType, f.sourcedId)).sort()).toEqual(
        [...new Set(ids)].map((id) => key(ruleId, entityType, id)).sort(),
      );
    } finally {
      fx.cleanup();
    }
  });
});

/**
 * What the injected defects must produce, worked out from the served records (and the clean district for
 * changed dates) independently of the rules' SQL.
 */
function expectedFindings(d: GeneratedDistrict, clean: GeneratedDistrict): Set<string> {
  const out = new Set<string>();
  const users = records(d, 'users');
  const enrollments = records(d, 'enrollments');
  const roleOf = new Map(users.map((u) => [idOf(u), u.role as string]));
  const enrolled = new Set(enrollments.map((e) => idOf(e.user)));
  const byName = new Map<string, string[]>();
  for (const u of users) {
    const id = idOf(u);
    if (typeof u.password === 'string') out.add(key('USER-PASSWORD-PRESENT', 'user', id));
    if (u.email === undefined && ['student', 'teacher'].includes(u.role as string))
      out.add(key('USER-NO-EMAIL', 'user', id));
    if (u.enabledUser === 'false' && enrolled.has(id)) out.add(key('USER-DISABLED-ENROLLED', 'user', id));
    const name = String(u.username).toLowerCase();
    byName.set(name, [...(byName.get(name) ?? []), id]);
  }
  for (const ids of byName.values())
    if (ids.length > 1) for (const id of ids) out.add(key('USER-DUP-USERNAME', 'user', id));
  const cleanBegin = new Map(records(clean, 'enrollments').map((e) => [idOf(e), e.beginDate]));
  const primaries = new Map<string, Set<string>>();
  for (const e of enrollments) {
    const id = idOf(e);
    const user = idOf(e.user);
    if (id.endsWith('-dup')) {
      out.add(key('ENR-DUPLICATE', 'enrollment', id));
      out.add(key('ENR-DUPLICATE', 'enrollment', id.slice(0, -4)));
    }
    if (e.role === 'administrator') out.add(key('ENR-ROLE-UNMAPPED', 'enrollment', id));
    // Defects compose: a student's enrollment turned teacher may then be turned administrator.
    if (e.role !== 'student' && roleOf.get(user) === 'student')
      out.add(key('USER-ROLE-MISMATCH', 'user', user));
    if (e.beginDate !== cleanBegin.get(id.replace(/-dup$/, '')))
      out.add(key('ENR-OUTSIDE-TERM', 'enrollment', id));
    if (e.role === 'teacher' && e.primary === 'true') {
      const cls = idOf(e.class);
      primaries.set(cls, (primaries.get(cls) ?? new Set()).add(user));
    }
  }
  for (const [cls, teachers] of primaries)
    if (teachers.size > 1) out.add(key('ENR-MULTI-PRIMARY', 'class', cls));
  return out;
}

describe('user and enrollment rules on a defective district pulled from the demo provider', () => {
  const DEFECTS = [
    'duplicate-username',
    'missing-email',
    'disabled-enrolled',
    'password-in-feed',
    'role-mismatch',
    'duplicate-enrollment',
    'enrollment-outside-term',
    'admin-enrollment',
    'multi-primary',
  ];

  it('reports exactly the injected defects, and never the passwords', async () => {
    const clean = generateDistrict({ preset: 'small' });
    const district = generateDistrict({ preset: 'small', defects: DEFECTS.map((kind) => ({ kind })) });
    const provider = await startProvider({ district });
    const dir = mkdtempSync(join(tmpdir(), 'preflight-user-enrollment-'));
    const store = openSnapshotStore(dir);
    try {
      const client = createPullClient({
        baseUrl: provider.baseUrl,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        auth: { kind: 'oauth1', signatureMethod: 'HMAC-SHA256' },
      });
      const pulled = await pullSnapshot({ store, client, profileId: null, pageSize: 500 });
      expect(pulled.status).toBe('complete');

      const findings = runModules(store.db, pulled.snapshotId);
      const expected = expectedFindings(district, clean);
      expect(new Set(findings.map((f) => key(f.ruleId, f.entityType, f.sourcedId)))).toEqual(expected);
      // Every injected defect shows up (so the comparison above is not vacuous).
      const fired = new Set(findings.map((f) => f.ruleId));
      for (const ruleId of [
        'USER-DUP-USERNAME',
        'USER-NO-EMAIL',
        'USER-DISABLED-ENROLLED',
        'USER-PASSWORD-PRESENT',
        'USER-ROLE-MISMATCH',
        'ENR-DUPLICATE',
        'ENR-OUTSIDE-TERM',
        'ENR-ROLE-UNMAPPED',
        'ENR-MULTI-PRIMARY',
      ]) {
        expect(fired).toContain(ruleId);
      }
      const passwords = records(district, 'users').flatMap((u) =>
        typeof u.password === 'string' ? [u.password] : [],
      );
      expect(passwords.length).toBeGreaterThan(0);
      const text = JSON.stringify(findings);
      for (const p of passwords) expect(text).not.toContain(p);
    } finally {
      store.close();
      await provider.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
