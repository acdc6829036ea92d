import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generateDistrict,
  startProvider,
  type GeneratedDistrict,
  type GuidRef,
  type JsonRecord,
  type RunningProvider,
  type TableName,
} from '../../../electron/services/demo-provider';
import { createPullClient, pullSnapshot } from '../../../electron/services/pull';
import { openSnapshotStore, type SnapshotStore } from '../../../electron/services/snapshots';
import type { Finding } from '../../../shared/rules/finding';
import { writeDistrictSnapshot } from '../../../test-support/district-snapshot';
import { only, runModules } from './helpers';

const NO_HREF = { baseUrl: '' };
const records = (d: GeneratedDistrict, t: TableName): JsonRecord[] =>
  Array.from({ length: d.tables[t].size }, (_, i) => d.tables[t].build(i, NO_HREF));
const refIds = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v ? [v] : []).map((r) => (r as GuidRef).sourcedId);

/** sourcedIds of the records a defect changed or added (compared with the clean district). */
function changed(clean: GeneratedDistrict, bad: GeneratedDistrict, table: TableName): string[] {
  const before = new Set(records(clean, table).map((r) => JSON.stringify(r)));
  return records(bad, table)
    .filter((r) => !before.has(JSON.stringify(r)))
    .map((r) => r.sourcedId as string);
}

interface Case {
  kind: string;
  rule: string;
  /** `entityType:sourcedId` of every finding the rule must give, from the clean and the defective district. */
  expected(clean: GeneratedDistrict, bad: GeneratedDistrict): string[];
}

const tagged = (entity: string, ids: string[]) => ids.map((id) => `${entity}:${id}`).sort();
const simple = (kind: string, rule: string, table: TableName, entity: string): Case => ({
  kind,
  rule,
  expected: (c, b) => tagged(entity, changed(c, b, table)),
});

const CASES: Case[] = [
  simple('bad-class-type', 'OR-SCHEMA', 'classes', 'class'),
  simple('duplicate-sourcedid', 'OR-DUP-ID', 'users', 'user'),
  simple('missing-term-ref', 'OR-REF-MISSING', 'classes', 'class'),
  simple('missing-user-ref', 'OR-REF-MISSING', 'enrollments', 'enrollment'),
  {
    kind: 'tobedeleted-term',
    rule: 'OR-REF-DELETED',
    expected: (c, b) => {
      const [term] = changed(c, b, 'academicSessions');
      const classes = records(b, 'classes').filter((r) => refIds(r.terms).includes(term!));
      const periods = records(b, 'academicSessions').filter((r) => refIds(r.parent).includes(term!));
      expect(classes.length).toBeGreaterThan(0);
      return [
        ...tagged(
          'class',
          classes.map((r) => r.sourcedId as string),
        ),
        ...tagged(
          'academicSession',
          periods.map((r) => r.sourcedId as string),
        ),
      ].sort();
    },
  },
  {
    kind: 'tobedeleted-term',
    rule: 'OR-STATUS-TOBEDELETED',
    expected: () => ['academicSession:/academicSessions'],
  },
  { kind: 'no-district', rule: 'ORG-NO-DISTRICT', expected: () => ['org:/orgs'] },
  { kind: 'org-cycle', rule: 'ORG-CYCLE', expected: (c) => tagged('org', [c.districtId, c.schoolIds[0]!]) },
  simple('school-without-parent', 'ORG-SCHOOL-NO-PARENT', 'orgs', 'org'),
  simple('term-end-before-start', 'TERM-DATES-INVALID', 'academicSessions', 'academicSession'),
  simple('term-outside-year', 'TERM-OUTSIDE-PARENT', 'academicSessions', 'academicSession'),
  {
    kind: 'overlapping-terms',
    rule: 'TERM-OVERLAP',
    expected: (c, b) => {
      const [fall] = changed(c, b, 'academicSessions');
      return tagged('academicSession', [fall!, fall!.replace('-S1-', '-S2-')]);
    },
  },
  simple('class-without-term', 'CLASS-NO-TERM', 'classes', 'class'),
  simple('class-school-mismatch', 'CLASS-SCHOOL-MISMATCH', 'classes', 'class'),
  {
    kind: 'class-without-teacher',
    rule: 'CLASS-NO-TEACHER',
    expected: (c, b) => {
      const enrollments = new Set(changed(c, b, 'enrollments'));
      const classes = records(b, 'enrollments').filter((r) => enrollments.has(r.sourcedId as string));
      return tagged('class', [...new Set(classes.map((r) => refIds(r.class)[0]!))]);
    },
  },
  simple('course-without-class', 'COURSE-NO-CLASS', 'courses', 'course'),
  simple('sourcedid-format', 'SID-FORMAT', 'users', 'user'),
];

const ids = (findings: readonly Finding[]) => findings.map((f) => `${f.entityType}:${f.sourcedId}`);

describe('structure defects in the demo district, written through the store writer', () => {
  let dir: string;
  let store: SnapshotStore;
  let clean: GeneratedDistrict;
  let cleanFindings: Finding[];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'structure-defects-'));
    store = openSnapshotStore(dir);
    clean = generateDistrict({ preset: 'tiny' });
    cleanFindings = runModules(store.db, writeDistrictSnapshot(store, clean).snapshotId);
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(CASES)('$kind makes $rule fire on the changed records', ({ kind, rule, expected }) => {
    expect(only(cleanFindings, rule)).toEqual([]);
    const bad = generateDistrict({ preset: 'tiny', defects: [{ kind }] });
    const want = expected(clean, bad);
    expect(want.length).toBeGreaterThan(0);
    const findings = runModules(store.db, writeDistrictSnapshot(store, bad).snapshotId);
    expect(ids(only(findings, rule))).toEqual(want);
  });

  it('applies a rate to about that share of the eligible records', () => {
    const bad = generateDistrict({ preset: 'small', defects: [{ kind: 'class-without-term', rate: 0.1 }] });
    const hit = changed(generateDistrict({ preset: 'small' }), bad, 'classes').length;
    expect(hit).toBeGreaterThan(bad.tables.classes.size * 0.05);
    expect(hit).toBeLessThan(bad.tables.classes.size * 0.2);
    expect(() =>
      generateDistrict({ preset: 'tiny', defects: [{ kind: 'class-without-term', rate: 2 }] }),
    ).toThrow(/rate 2/);
  });
});

describe('structure defects pulled from the real provider', () => {
  const DEFECTS = [
    'missing-term-ref',
    'duplicate-sourcedid',
    'term-end-before-start',
    'class-without-term',
    'school-without-parent',
    'sourcedid-format',
  ];
  let provider: RunningProvider;
  let dir: string;
  let store: SnapshotStore;
  let findings: Finding[];

  beforeAll(async () => {
    provider = await startProvider({
      district: { preset: 'tiny', defects: DEFECTS.map((kind) => ({ kind })) },
    });
    dir = mkdtempSync(join(tmpdir(), 'structure-pull-'));
    store = openSnapshotStore(dir);
    const client = createPullClient({
      baseUrl: provider.baseUrl,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      auth: { kind: 'oauth1', signatureMethod: 'HMAC-SHA256' },
    });
    const result = await pullSnapshot({ store, client, profileId: null, pageSize: 25 });
    expect(result.status).toBe('complete');
    findings = runModules(store.db, result.snapshotId);
  });
  afterAll(async () => {
    await provider.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fires each defect’s rule on the records the provider served', () => {
    const clean = generateDistrict({ preset: 'tiny' });
    const bad = provider.district;
    const want = (rule: string, table: TableName, entity: string) =>
      expect(ids(only(findings, rule))).toEqual(
        changed(clean, bad, table)
          .map((id) => `${entity}:${id}`)
          .sort(),
      );
    const missing = records(bad, 'classes')
      .filter((r) => refIds(r.terms).some((t) => t.includes('-S9-')))
      .map((r) => `class:${r.sourcedId as string}`);
    expect(missing).toHaveLength(1);
    expect(ids(only(findings, 'OR-REF-MISSING'))).toEqual(missing);
    want('TERM-DATES-INVALID', 'academicSessions', 'academicSession');
    want('ORG-SCHOOL-NO-PARENT', 'orgs', 'org');
    const dup = only(findings, 'OR-DUP-ID');
    expect(dup).toHaveLength(1);
    expect(dup[0]).toMatchObject({ entityType: 'user', detail: { collection: 'users', occurrences: 2 } });
    expect(only(findings, 'CLASS-NO-TERM')).toHaveLength(1);
    expect(ids(only(findings, 'SID-FORMAT'))).toEqual([expect.stringMatching(/^user:ADM-\d+ $/)]);
  });
});
