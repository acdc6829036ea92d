import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MappingTree } from '../../electron/services/mapping-tree';
import type { FixtureSnapshot } from '../../test-support/snapshot-fixture';
import { finding, treeOf, twoSchoolDistrict } from './fixture';

/** The explorer's index over a hand-made two-school district: structure, counts, badges, search, detail. */
describe('mapping tree', () => {
  let fixture: FixtureSnapshot;
  let tree: MappingTree;

  const findings = [
    finding('blocker', 'user', 'U1', 'USER-A'), // enrolled in K1, K2 (fall) and K3 (spring) at Lincoln
    finding('warning', 'academicSession', 'T1-002', 'TERM-A'), // Adams' copy of the fall term only
    finding('info', 'endpoint', '/orgs', 'CONN-A'), // no place in the tree: the root
    finding('warning', 'enrollment', 'E-UA-K1', 'ENR-A'), // administrator: not in the plan, still K1
    finding('warning', 'course', 'C-ENG', 'COURSE-A'), // catalog course behind K3 and K5
    finding('warning', 'org', 'S2', 'ORG-A'),
  ];

  beforeAll(() => {
    fixture = twoSchoolDistrict();
    tree = treeOf(fixture, findings).tree;
  });
  afterAll(() => fixture?.cleanup());

  const kids = (id: string | null) => tree.children(id, 0, 100).nodes;

  it('builds District → school → term → course → section, schools by name and terms by start date', () => {
    const [district] = kids(null);
    expect(district).toMatchObject({
      id: 'district:D',
      kind: 'district',
      name: 'Springfield USD',
      depth: 0,
      childCount: 2,
    });
    expect(kids('district:D').map((n) => n.name)).toEqual(['Adams Middle', 'Lincoln High']);
    expect(kids('account:S1').map((n) => [n.id, n.name])).toEqual([
      ['term:S1/T1', 'Fall 2026'],
      ['term:S1/T2', 'Spring 2027'],
    ]);
    expect(kids('term:S1/T1').map((n) => n.id)).toEqual(['course:K1', 'course:K2']);
    expect(kids('course:K1')).toMatchObject([
      { id: 'section:K1', kind: 'section', depth: 4, childCount: 0, parentId: 'course:K1' },
    ]);
    expect(tree.size).toBe(1 + 2 + 3 + 5 + 5);
  });

  it('a merged term shows each school its own session', () => {
    expect(kids('account:S2')).toMatchObject([{ id: 'term:S2/T1', canvasId: 'T1', sourcedId: 'T1-002' }]);
    expect(kids('account:S1')[0]).toMatchObject({ canvasId: 'T1', sourcedId: 'T1-001' });
  });

  it('counts courses and sections by summing, teachers and students as distinct users', () => {
    const [district] = kids(null);
    // U4 is a student at both schools: once for the district, once per school.
    expect(district!.counts).toEqual({ courses: 5, sections: 5, teachers: 2, students: 4 });
    const [adams, lincoln] = kids('district:D');
    expect(lincoln!.counts).toEqual({ courses: 3, sections: 3, teachers: 1, students: 3 });
    expect(adams!.counts).toEqual({ courses: 2, sections: 2, teachers: 1, students: 2 });
    // The administrator enrollment is not planned, so K1 has U1, U2, U4 and its teacher only.
    expect(kids('course:K1')[0]!.counts).toEqual({ courses: 0, sections: 1, teachers: 1, students: 3 });
  });

  it('places findings on the nodes of their entity and rolls each up once per ancestor', () => {
    const node = (id: string) => tree.node(id).node;
    // The student's blocker sits on three sections but counts once for the school and the district.
    expect(node('section:K1').own.blocker).toBe(1);
    expect(node('section:K2').own.blocker).toBe(1);
    expect(node('section:K3').own.blocker).toBe(1);
    expect(node('account:S1').badges.blocker).toBe(1);
    expect(node('district:D').badges).toEqual({ blocker: 1, warning: 4, info: 1 });
    // The session finding is Adams' copy: only Adams' term node carries it.
    expect(node('term:S2/T1').own.warning).toBe(1);
    expect(node('term:S1/T1').own.warning).toBe(0);
    // The unplanned administrator enrollment lands on its class's section.
    expect(tree.node('section:K1').findings.items.map((f) => f.ruleId)).toEqual(['USER-A', 'ENR-A']);
    // The catalog course is on both courses made from it; the org on its account; the endpoint on the root.
    expect(node('course:K3').own.warning).toBe(1);
    expect(node('course:K5').own.warning).toBe(1);
    expect(node('account:S2').own.warning).toBe(1);
    expect(tree.node('district:D').findings.items.map((f) => f.ruleId)).toEqual(['CONN-A']);
    // Adams: the org, the session and the course finding.
    expect(node('account:S2').badges).toEqual({ blocker: 0, warning: 3, info: 0 });
  });

  it('pages children and filters to nodes with problems', () => {
    const page = tree.children('district:D', 1, 1);
    expect(page).toMatchObject({ total: 2, offset: 1, parent: { id: 'district:D' } });
    expect(page.nodes.map((n) => n.id)).toEqual(['account:S1']);
    expect(tree.children('term:S2/T1', 0, 10, true).nodes.map((n) => n.id)).toEqual(['course:K5']);
    expect(tree.children('term:S1/T1', 0, 10, true).nodes.map((n) => n.id)).toEqual([
      'course:K1',
      'course:K2',
    ]);
    expect(tree.children('course:K4', 0, 10, true).total).toBe(0);
  });

  it('searches names and ids, returning the path to expand', () => {
    const byId = tree.search('k4', 10);
    expect(byId.total).toBe(2);
    expect(byId.hits.map((h) => h.node.id)).toEqual(['course:K4', 'section:K4']);
    expect(byId.hits[1]!.path).toEqual(['district:D', 'account:S2', 'term:S2/T1', 'course:K4']);
    expect(byId.hits[1]!.matched).toBe('sourcedId');
    // Where each step sits among its siblings (Adams before Lincoln; English 7 before Math 7): the page to fetch.
    expect(byId.hits[1]!.positions).toEqual([0, 0, 1, 0]);
    expect(tree.search('k4', 10, true).total).toBe(0);
    expect(tree.search('k5', 10, true).hits[0]!.positions).toEqual([0, 0, 0]);

    const byName = tree.search('algebra', 10);
    expect(byName.hits.map((h) => h.node.id)).toEqual(['course:K1', 'course:K2', 'section:K1', 'section:K2']);
    expect(byName.hits[0]!.matched).toBe('name');
    // A per-school session id finds the merged term of that school (and the other school's, which merged it).
    expect(tree.search('T1-002', 10).hits.map((h) => h.node.id)).toContain('term:S2/T1');
    expect(tree.search('english', 10, true).hits.map((h) => h.node.id)).toEqual([
      'course:K5',
      'course:K3',
      'section:K3',
    ]);
    expect(tree.search('nothing-like-this', 10)).toEqual({ total: 0, hits: [] });
  });

  it('locates a finding entity: users at their first section, sessions at their school term', () => {
    expect(tree.locate('user', 'U4')?.node.kind).toBe('section');
    expect(tree.locate('academicSession', 'T1-002')).toMatchObject({
      node: { id: 'term:S2/T1' },
      path: ['district:D', 'account:S2'],
    });
    expect(tree.locate('enrollment', 'E-U3-K5')?.node.id).toBe('section:K5');
    expect(tree.locate('org', 'D')?.node.id).toBe('district:D');
    // A parent (observers off) is in no section: it belongs to its school.
    expect(tree.locate('user', 'UP')?.node.id).toBe('account:S1');
    expect(tree.locate('user', 'NOBODY')).toBeNull();
    // Under the problems filter: the first of U1's sections with a problem, positioned among filtered siblings.
    expect(tree.locate('class', 'K4', true)).toBeNull();
    expect(tree.locate('user', 'U1', true)).toMatchObject({
      node: { id: 'section:K1' },
      positions: [1, 0, 0, 0],
    });
  });

  it('details a node: OneRoster record (password redacted), Canvas rows and findings', () => {
    const detail = tree.node('section:K1');
    expect(detail.path.map((n) => n.id)).toEqual(['district:D', 'account:S1', 'term:S1/T1', 'course:K1']);
    expect(detail.oneRoster).toMatchObject([
      { entityType: 'class', sourcedId: 'K1', record: { title: 'Algebra A', schoolId: 'S1' } },
    ]);
    expect(detail.oneRoster[0]!.raw).toMatchObject({ sourcedId: 'K1', classCode: 'K1' });
    const [section, enrollments] = detail.canvas;
    expect(section).toMatchObject({
      file: 'sections',
      columns: ['section_id', 'course_id', 'name', 'status'],
      rows: [['K1', 'K1', 'Algebra A', 'active']],
    });
    expect(enrollments!.file).toBe('enrollments');
    expect(enrollments!.total).toBe(4);
    expect(enrollments!.rows.map((r) => r[2])).toEqual(expect.arrayContaining(['UT1', 'U1', 'U2', 'U4']));
    expect(detail.findings.items.map((f) => f.remedy)).toEqual(['Fix U1.', 'Fix E-UA-K1.']);

    const term = tree.node('term:S2/T1');
    expect(term.oneRoster.map((r) => r.sourcedId)).toEqual(['T1-002', 'T1-001']);
    expect(term.canvas[0]).toMatchObject({
      file: 'terms',
      rows: [['T1', 'Fall 2026', 'active', '2026-08-15', '2026-12-20']],
      sources: ['T1-001', 'T1-002'],
      options: ['termMerge'],
    });
    expect(term.notes.join(' ')).toMatch(/2 per-school sessions/);

    const district = tree.node('district:D');
    expect(district.canvas).toEqual([]);
    expect(district.notes.join(' ')).toMatch(/root account/);
    expect(district.notes.join(' ')).toMatch(/administrator/);
  });

  it('never returns a password from a user record', () => {
    // U1 carried a password in the feed; nothing the tree returns may contain it.
    const everything = JSON.stringify([
      tree.node('section:K1'),
      tree.node('section:K2'),
      tree.terms(),
      tree.search('u', 200),
    ]);
    expect(everything).not.toContain('hunter2');
  });

  it('rejects an unknown node id with a plain error', () => {
    expect(() => tree.node('section:NOPE')).toThrowError(
      expect.objectContaining({ code: 'mapping_node_not_found' }),
    );
    expect(() => tree.children('course:NOPE', 0, 10)).toThrowError(/not in the mapping/);
  });

  it('summarises terms: per-school sessions and the Canvas terms they merge into', () => {
    const terms = tree.terms();
    expect(
      terms.schools.map((s) => [s.name, s.sessions.map((x) => [x.sourcedId, x.canvasTermId, x.classes])]),
    ).toEqual([
      ['Adams Middle', [['T1-002', 'T1', 2]]],
      [
        'Lincoln High',
        [
          ['T1-001', 'T1', 2],
          ['GP1', null, 1], // a grading period: the planner uses its parent term
          ['T2', 'T2', 1],
        ],
      ],
    ]);
    expect(terms.terms).toMatchObject([
      {
        termId: 'T1',
        sessions: ['T1-001', 'T1-002'],
        mergedBy: ['common id', 'title+dates'],
        schools: ['S1', 'S2'],
        courses: 4,
      },
      { termId: 'T2', sessions: ['T2'], mergedBy: [], schools: ['S1'], courses: 1 },
    ]);
    // Distinct across schools: U1's blocker once; Adams' session, ENR-A, COURSE-A (on K5) warnings.
    expect(terms.terms[0]!.badges).toEqual({ blocker: 1, warning: 3, info: 0 });
    expect(terms.defaultTermCourses).toBe(0);
  });

  it('says what the terms column adds up to: U1 counts in fall and spring, the endpoint and the school in none', () => {
    const { terms, findings: t } = tree.terms();
    expect(terms[1]!.badges.blocker).toBe(1); // U1 again, in spring
    expect(t.total).toEqual({ blocker: 1, warning: 4, info: 1 });
    expect(t.inSeveralTerms.blocker).toBe(1);
    expect(t.extraTerms.blocker).toBe(1);
    expect(t.inNoTerm.info).toBe(1); // CONN-A
    for (const sev of ['blocker', 'warning', 'info'] as const) {
      const column = terms.reduce((n, term) => n + term.badges[sev], 0);
      expect(column, sev).toBe(t.total[sev] - t.inNoTerm[sev] + t.extraTerms[sev]);
    }
  });
});
