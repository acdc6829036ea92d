import { afterAll, describe, expect, it } from 'vitest';
import { changeSisIdRows, decide, decideWhere } from '../../electron/services/conversion';
import type { BaselineUser } from '../../shared/canvas/baseline';
import type { GeneratedBaseline } from '../../electron/services/demo-canvas/generate-baseline';
import { fixture, keysOf, ruleIds, tempStores } from './helpers';

const stores = tempStores();
afterAll(() => stores.cleanup());
const OPTIONS = { observers: true };

/** Takes a Canvas user out by SIS id and returns its login (to re-add in another shape). */
function takeUser(b: GeneratedBaseline, sisId: string): BaselineUser {
  const i = b.users.findIndex((u) => u.user_id === sisId);
  const [login] = b.users.splice(i, 1);
  return login!;
}

describe('users', () => {
  it('several Canvas users with the same email are reported, never guessed', () => {
    let target = '';
    const f = fixture(stores, {}, OPTIONS, (b, plan) => {
      const u = plan.users.find((x) => x.user_id.startsWith('STU-'))!;
      target = u.user_id;
      const login = takeUser(b, u.user_id);
      // Two accounts from the old system, other logins, both with the student's email.
      b.users.push(
        { ...login, canvas_user_id: '9000001', user_id: 'OLD-A', login_id: 'old.a' },
        { ...login, canvas_user_id: '9000002', user_id: 'OLD-B', login_id: 'old.b' },
      );
    });
    const r = f.evaluate();
    expect(keysOf(r.findings, 'CNV-USER-AMBIGUOUS')).toEqual([`user ${target}`]);
    const detail = r.findings.find((x) => x.ruleId === 'CNV-USER-AMBIGUOUS')!.detail!;
    expect(detail.ambiguous).toMatchObject({ matchKey: 'email', sisIds: ['OLD-A', 'OLD-B'] });
    expect(r.proposals).toEqual([]);
    expect(r.objects.find((o) => o.source === target)?.status).toBe('create');
  });

  it('one Canvas user that is the only candidate of two OneRoster users goes to neither', () => {
    let pair: string[] = [];
    const f = fixture(stores, {}, OPTIONS, (b, plan) => {
      const [u1, u2] = plan.users.filter((x) => x.user_id.startsWith('TCH-'));
      pair = [u1!.user_id, u2!.user_id];
      const l1 = takeUser(b, u1!.user_id);
      takeUser(b, u2!.user_id);
      b.users.push({
        ...l1,
        user_id: 'OLD-SHARED',
        login_id: 'shared.old',
        email: '',
        integration_id: u1!.integration_id,
      });
      // Both planned teachers carry that integration id: the feed itself is wrong, so nothing is remapped.
      plan.users.find((x) => x.user_id === u2!.user_id)!.integration_id = u1!.integration_id;
    });
    const r = f.evaluate();
    expect(keysOf(r.findings, 'CNV-USER-AMBIGUOUS')).toEqual(pair.map((p) => `user ${p}`).sort());
    expect(r.proposals).toEqual([]);
  });

  it('a full-name match in the same school is a low-confidence hint, never a proposal', () => {
    let target = '';
    const f = fixture(stores, {}, OPTIONS, (b, plan) => {
      const u = plan.users.find((x) => x.user_id.startsWith('STU-'))!;
      target = u.user_id;
      const login = takeUser(b, u.user_id);
      b.users.push({ ...login, user_id: 'JIT-77', login_id: 'jit.account77', email: 'other@example.org' });
      for (const e of b.enrollments) if (e.user_id === u.user_id) e.user_id = 'JIT-77';
    });
    const r = f.evaluate();
    const hint = r.findings.filter((x) => x.ruleId === 'CNV-USER-REMAP');
    expect(hint.map((h) => h.sourcedId)).toEqual([target]);
    expect(hint[0]!.detail).toMatchObject({
      proposals: [],
      hint: { matchKey: 'name', confidence: 'low', canvasSisId: 'JIT-77' },
    });
    expect(r.proposals).toEqual([]);
    expect(changeSisIdRows(r, { minConfidence: 'medium' })).toEqual([]);
  });

  it('a rejected login remap falls back to a create, and the login is then claimed', () => {
    const f = fixture(stores, { seed: 3, oldSisIdShare: 0.2 }, OPTIONS);
    const first = f.evaluate();
    const p = first.proposals[0]!;
    // Pending: Canvas would skip the user (and its enrollments) until the remap is accepted.
    expect(ruleIds(first.findings)).toEqual(['CNV-ROW-SKIPPED', 'CNV-USER-REMAP']);
    const r = f.evaluate(decide({}, [p.id], 'rejected'));
    expect(keysOf(r.findings, 'CNV-LOGIN-CLAIMED')).toEqual([`user ${p.source}`]);
    expect(r.objects.find((o) => o.source === p.source)?.status).toBe('create');
    expect(changeSisIdRows(r).some((x) => x.new_id === p.newId)).toBe(false);
  });
});

describe('courses, terms, accounts', () => {
  /** The first class's course and section keep an old SIS id in Canvas. */
  const renameCourse = (b: GeneratedBaseline, id: string) => {
    for (const c of b.courses) if (c.course_id === id) c.course_id = `OLD-${id}`;
    for (const s of b.sections) {
      if (s.section_id === id) s.section_id = `OLD-${id}`;
      if (s.course_id === id) s.course_id = `OLD-${id}`;
    }
    for (const e of b.enrollments) {
      if (e.course_id === id) e.course_id = `OLD-${id}`;
      if (e.section_id === id) e.section_id = `OLD-${id}`;
    }
  };

  it('course remap by name + term + teacher; rejecting it duplicates a course that holds enrollments', () => {
    let cls = '';
    const f = fixture(stores, {}, OPTIONS, (b, plan) => {
      cls = plan.courses[0]!.course_id;
      renameCourse(b, cls);
    });
    const r = f.evaluate();
    expect(ruleIds(r.findings)).toEqual(['CNV-COURSE-REMAP']);
    const finding = r.findings[0]!;
    expect(finding.sourcedId).toBe(cls);
    // The course and its section are one finding about the class, with both proposals.
    expect((finding.detail!.proposals as Array<{ type: string }>).map((p) => p.type).sort()).toEqual([
      'course',
      'section',
    ]);
    expect(r.proposals.map((p) => [p.type, p.oldId, p.newId, p.matchKey])).toEqual([
      ['course', `OLD-${cls}`, cls, 'name+term+teacher'],
      ['section', `OLD-${cls}`, cls, 'name'],
    ]);
    // Evidence: the Canvas course's and section's name, term and SIS id beside the roster's.
    const [course, section] = r.proposals;
    const fields = (p: typeof course) => Object.fromEntries((p!.evidence ?? []).map((e) => [e.field, e]));
    const c = fields(course);
    expect(Object.keys(c)).toEqual(['name', 'term', 'sis_id']);
    expect(c.name!.canvas).toBe(c.name!.roster);
    expect(c.name!.canvas).toBe(course!.name);
    expect(c.term!.canvas).not.toBe('');
    expect(c.sis_id).toEqual({ field: 'sis_id', canvas: `OLD-${cls}`, roster: course!.source });
    const s = fields(section);
    expect(Object.keys(s)).toEqual(['name', 'sis_id']);
    expect(s.name!.canvas).toBe(s.name!.roster);
    expect(s.sis_id!.canvas).toBe(`OLD-${cls}`);

    const rejected = f.evaluate(decideWhere({}, r.proposals, { type: 'course' }, 'rejected'));
    expect(keysOf(rejected.findings, 'CNV-COURSE-DUPLICATE')).toEqual([`class ${cls}`]);

    const accepted = f.evaluate(decideWhere({}, r.proposals, { ruleId: 'CNV-COURSE-REMAP' }, 'accepted'));
    expect(accepted.findings).toEqual([]);
    expect(accepted.summary.counts.courses.remap).toBe(1);
    expect(changeSisIdRows(accepted, { acceptedOnly: true }).map((x) => x.type)).toEqual([
      'course',
      'section',
    ]);
  });

  it('CNV-TERM-DATES when a matched term’s dates differ, saying when empty dates would clear them', () => {
    const f = fixture(stores, {}, OPTIONS, (b, plan) => {
      b.terms[0]!.end_date = '2027-06-30';
      plan.terms[0]!.start_date = '';
    });
    const r = f.evaluate();
    expect(keysOf(r.findings, 'CNV-TERM-DATES')).toEqual([`academicSession ${f.plan.terms[0]!.source}`]);
    expect(r.findings.find((x) => x.ruleId === 'CNV-TERM-DATES')!.detail).toMatchObject({ clears: true });
    expect(ruleIds(r.findings)).toEqual(['CNV-TERM-DATES']);
  });

  it('CNV-ACCOUNT-MISSING for a school without sub-account, and for a rejected account remap', () => {
    let missing = '';
    const f = fixture(stores, { renamedSchools: 1 }, OPTIONS, (b, plan) => {
      missing = plan.accounts[1]!.account_id;
      b.accounts = b.accounts.filter((a) => a.account_id !== missing);
    });
    const r = f.evaluate();
    expect(keysOf(r.findings, 'CNV-ACCOUNT-MISSING')).toEqual([`org ${missing}`]);
    const renamed = f.baseline.expected.renamedAccounts[0]!.sourcedId;
    expect(keysOf(r.findings, 'CNV-ACCOUNT-REMAP')).toEqual([`org ${renamed}`]);
    const rejected = f.evaluate(decideWhere({}, r.proposals, { type: 'account' }, 'rejected'));
    expect(keysOf(rejected.findings, 'CNV-ACCOUNT-MISSING')).toEqual(
      [`org ${missing}`, `org ${renamed}`].sort(),
    );
    expect(keysOf(rejected.findings, 'CNV-ACCOUNT-REMAP')).toEqual([]);
  });
});

describe('decisions', () => {
  it('bulk decisions by confidence and rule change the CSV and the classification', () => {
    const f = fixture(stores, { seed: 3, oldSisIdShare: 0.2, renamedSchools: 1 }, OPTIONS, (b, plan) => {
      // One user is found by email only (medium confidence): another login, the same email.
      const u = plan.users.find(
        (x) => x.user_id.startsWith('TCH-') && b.users.some((l) => l.user_id === x.user_id),
      )!;
      const l = b.users.find((x) => x.user_id === u.user_id)!;
      l.user_id = 'MAIL-1';
      l.login_id = 'different.login';
    });
    const r = f.evaluate();
    const medium = r.proposals.filter((p) => p.confidence === 'medium');
    expect(medium.map((p) => [p.oldId, p.matchKey])).toEqual([['MAIL-1', 'email']]);
    const high = r.proposals.filter((p) => p.confidence === 'high');
    // Pending: high ones by default, medium ones on request; rejected never.
    expect(changeSisIdRows(r)).toHaveLength(high.length);
    expect(changeSisIdRows(r, { minConfidence: 'medium' })).toHaveLength(r.proposals.length);
    expect(changeSisIdRows(r, { acceptedOnly: true })).toEqual([]);

    let d = decideWhere({}, r.proposals, { minConfidence: 'high' }, 'accepted');
    d = decideWhere(d, r.proposals, { ruleId: 'CNV-ACCOUNT-REMAP' }, 'rejected');
    const after = f.evaluate(d);
    expect(after.summary.proposals).toEqual({
      total: r.proposals.length,
      accepted: high.length - 1,
      rejected: 1,
      pending: 1,
    });
    expect(
      changeSisIdRows(after, { acceptedOnly: true })
        .map((x) => x.type)
        .sort(),
    ).toEqual(
      high
        .filter((p) => p.type !== 'account')
        .map((p) => p.type)
        .sort(),
    );
    expect(after.summary.counts.accounts).toMatchObject({ remap: 0, create: 1 });
    expect(after.objects.find((o) => o.proposalId === medium[0]!.id)?.status).toBe('remap');
    // 'pending' forgets a decision.
    expect(decide(d, [medium[0]!.id, high[0]!.id], 'pending')[high[0]!.id]).toBeUndefined();
  });
});
