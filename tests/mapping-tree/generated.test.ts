import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMappingTree, type MappingTree } from '../../electron/services/mapping-tree';
import { buildPlan } from '../../electron/services/plan';
import { openSnapshotStore, type SnapshotStore } from '../../electron/services/snapshots';
import type { MappingNode } from '../../shared/mapping/tree-views';
import { DEFAULT_MAPPING_OPTIONS, MappingOptions } from '../../shared/mapping/options';
import type { Plan } from '../../shared/plan/types';
import type { Finding } from '../../shared/rules/finding';
import { writeDistrictSnapshot } from '../../test-support/district-snapshot';
import { finding } from './fixture';

/**
 * The index over a generated district (the demo generator's 'small' preset), checked against brute force:
 * paging visits every node once, distinct counts match Sets, every finding reaches the root exactly once.
 */
describe('mapping tree over a generated district', () => {
  let dir: string;
  let store: SnapshotStore;
  let snapshotId: string;
  let plan: Plan;
  let tree: MappingTree;
  let findings: Finding[];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'preflight-mapping-'));
    store = openSnapshotStore(dir);
    snapshotId = writeDistrictSnapshot(store, { preset: 'small', seed: 7 }).snapshotId;
    plan = buildPlan(store.db, snapshotId, DEFAULT_MAPPING_OPTIONS);
    // Every 97th user and every 11th class gets a finding; sessions and orgs too.
    findings = [
      ...plan.users.filter((_, i) => i % 97 === 0).map((u) => finding('warning', 'user', u.source)),
      ...plan.sections.filter((_, i) => i % 11 === 0).map((s) => finding('blocker', 'class', s.source)),
      ...plan.terms.flatMap((t) =>
        (t.sources ?? [t.source]).map((s) => finding('info', 'academicSession', s)),
      ),
      ...plan.accounts.map((a) => finding('warning', 'org', a.source, 'ORG-RULE')),
    ];
    tree = buildMappingTree({ plan, findings, store });
  });
  afterAll(() => {
    store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Every node, by paging children 7 at a time from the top. */
  function walk(t: MappingTree, onlyProblems = false): MappingNode[] {
    const out: MappingNode[] = [];
    const visit = (id: string | null) => {
      for (let offset = 0; ; offset += 7) {
        const page = t.children(id, offset, 7, onlyProblems);
        for (const n of page.nodes) {
          out.push(n);
          visit(n.id);
        }
        if (offset + 7 >= page.total) break;
      }
    };
    visit(null);
    return out;
  }

  it('pages through every node exactly once', () => {
    const all = walk(tree);
    expect(all.length).toBe(tree.size);
    expect(new Set(all.map((n) => n.id)).size).toBe(all.length);
    expect(all.filter((n) => n.kind === 'course').length).toBe(plan.courses.length);
    expect(all.filter((n) => n.kind === 'section').length).toBe(plan.sections.length);
    expect(all.filter((n) => n.kind === 'account').length).toBe(plan.accounts.length);
    expect(plan.sections.length).toBeGreaterThan(50);
  });

  it('counts distinct students and teachers per school like a Set would', () => {
    const accountOfSection = new Map<string, string>();
    const courseAccount = new Map(plan.courses.map((c) => [c.course_id, c.account_id]));
    for (const s of plan.sections) accountOfSection.set(s.section_id, courseAccount.get(s.course_id)!);
    const sets = new Map<string, { students: Set<string>; teachers: Set<string> }>();
    for (const e of plan.enrollments) {
      if (e.status !== 'active') continue;
      const account = accountOfSection.get(e.section_id)!;
      let s = sets.get(account);
      if (!s) sets.set(account, (s = { students: new Set(), teachers: new Set() }));
      if (e.role === 'student') s.students.add(e.user_id);
      if (e.role === 'teacher') s.teachers.add(e.user_id);
    }
    const schools = tree.children('district:' + (plan.notes.rootOrgId ?? ''), 0, 500).nodes;
    expect(schools.length).toBe(plan.accounts.length);
    for (const school of schools) {
      const expected = sets.get(school.canvasId);
      expect(school.counts.students).toBe(expected?.students.size ?? 0);
      expect(school.counts.teachers).toBe(expected?.teachers.size ?? 0);
    }
    const everyone = new Set(
      plan.enrollments.filter((e) => e.status === 'active' && e.role === 'student').map((e) => e.user_id),
    );
    expect(tree.children(null, 0, 1).nodes[0]!.counts.students).toBe(everyone.size);
  });

  it('counts every finding exactly once at the root, however many nodes it sits on', () => {
    const [root] = tree.children(null, 0, 1).nodes;
    const expected = { blocker: 0, warning: 0, info: 0 };
    for (const f of findings) expected[f.severity]++;
    expect(root!.badges).toEqual(expected);
    // A parent's badge is never below any child's, and never above the sum of its children's plus its own.
    for (const node of walk(tree)) {
      const children = tree.children(node.id, 0, 500).nodes;
      for (const sev of ['blocker', 'warning', 'info'] as const) {
        for (const c of children) expect(node.badges[sev]).toBeGreaterThanOrEqual(c.badges[sev]);
        const sum = children.reduce((n, c) => n + c.badges[sev], node.own[sev]);
        expect(node.badges[sev]).toBeLessThanOrEqual(sum);
      }
    }
  });

  it('"only problems" keeps exactly the nodes with a blocker or warning below them', () => {
    const all = walk(tree);
    const withProblems = walk(tree, true);
    expect(withProblems.length).toBeLessThan(all.length);
    expect(withProblems.every((n) => n.badges.blocker + n.badges.warning > 0)).toBe(true);
    const expected = all.filter((n) => n.badges.blocker + n.badges.warning > 0);
    expect(withProblems.map((n) => n.id).sort()).toEqual(expected.map((n) => n.id).sort());
  });

  it('finds a section by its class sourcedId, with a path that leads to it', () => {
    const target = plan.sections[plan.sections.length - 1]!;
    const { hits } = tree.search(target.source.toUpperCase(), 5);
    const hit = hits.find((h) => h.node.id === `section:${encodeURIComponent(target.section_id)}`)!;
    expect(hit).toBeDefined();
    // Expanding the path from the top reaches the node.
    let parent: string | null = null;
    for (const id of [...hit.path, hit.node.id]) {
      const page = tree.children(parent, 0, 500);
      expect(page.nodes.map((n) => n.id)).toContain(id);
      parent = id;
    }
  });

  it('groups classes under one course per OneRoster course + term + school when asked', () => {
    const options = MappingOptions.parse({ courseMode: 'perCourseTermSchool' });
    const grouped = buildPlan(store.db, snapshotId, options);
    const t = buildMappingTree({ plan: grouped, findings: [], store });
    const courses = walk(t).filter((n) => n.kind === 'course');
    expect(courses.length).toBe(grouped.courses.length);
    expect(courses.some((c) => c.childCount > 1)).toBe(true);
    const cls = grouped.sections.find(
      (s) => (grouped.courses.find((c) => c.course_id === s.course_id)?.sources?.length ?? 0) > 1,
    )!;
    const located = t.locate('class', cls.source)!;
    expect(located.node.kind).toBe('section');
    const course = t.node(located.node.parentId!);
    expect(course.oneRoster[0]!.entityType).toBe('course');
    expect(course.oneRoster.slice(1).map((r) => r.entityType)).toContain('class');
    expect(course.notes.join(' ')).toMatch(/course \+ term \+ school/);
  });
});
