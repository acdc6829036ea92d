import { afterAll, describe, expect, it } from 'vitest';
import { changeSisIdRows } from '../../electron/services/conversion';
import { fixture, keysOf, ruleIds, tempStores } from './helpers';

const stores = tempStores();
afterAll(() => stores.cleanup());

// Parents are in the plan (observers on), so every generated user scenario has a planned counterpart.
const OPTIONS = { observers: true };
const ALL = {
  seed: 3,
  absentShare: 0.1,
  oldSisIdShare: 0.2,
  claimedLogins: 3,
  sisIdTaken: 2,
  deletedHolders: 2,
  multiLogin: 2,
  renamedSchools: 1,
  renamedTerms: 1,
  orphanCourses: 2,
  crosslisted: 3,
};

describe('clean conversion', () => {
  it('a baseline the plan was synced from gives no CNV findings and keeps everything', () => {
    const f = fixture(stores, {}, OPTIONS);
    const r = f.evaluate();
    expect(r.findings).toEqual([]);
    expect(r.proposals).toEqual([]);
    const planned = {
      users: f.plan.users.length,
      accounts: f.plan.accounts.length,
      terms: f.plan.terms.length,
    };
    expect(r.summary.counts.users).toEqual({ keep: planned.users, remap: 0, create: 0, orphan: 0 });
    expect(r.summary.counts.terms).toEqual({ keep: planned.terms, remap: 0, create: 0, orphan: 0 });
    expect(r.summary.counts.courses).toEqual({ keep: f.plan.courses.length, remap: 0, create: 0, orphan: 0 });
    expect(r.summary.counts.sections).toEqual({
      keep: f.plan.sections.length,
      remap: 0,
      create: 0,
      orphan: 0,
    });
    // The district account is the root in the plan, so its old sub-account is the only leftover.
    expect(r.summary.counts.accounts).toEqual({ keep: planned.accounts, remap: 0, create: 0, orphan: 1 });
  });

  it('users Canvas does not have yet are creates, not findings', () => {
    const f = fixture(stores, { seed: 5, absentShare: 0.3 }, OPTIONS);
    const r = f.evaluate();
    const absent = f.baseline.expected.absentUsers;
    expect(absent.length).toBeGreaterThan(3);
    expect(
      r.objects
        .filter((o) => o.type === 'users' && o.status === 'create')
        .map((o) => o.source)
        .sort(),
    ).toEqual([...absent].sort());
    // Their enrollments are new; nothing Canvas holds is dropped, so no rule fires.
    expect(ruleIds(r.findings)).toEqual([]);
  });
});

describe('generated conversion scenarios', () => {
  const f = fixture(stores, ALL, OPTIONS);
  const r = f.evaluate();
  const e = f.baseline.expected;
  const renamedTerms = e.renamedTerms;

  it('CNV-USER-REMAP: exactly the users whose Canvas login carries an old SIS id', () => {
    expect(keysOf(r.findings, 'CNV-USER-REMAP')).toEqual(
      e.remappedUsers.map((u) => `user ${u.sourcedId}`).sort(),
    );
    const users = r.proposals.filter((p) => p.type === 'user');
    expect(users.map((p) => [p.source, p.oldId, p.matchKey, p.confidence]).sort()).toEqual(
      e.remappedUsers.map((u) => [u.sourcedId, u.oldUserId, 'login', 'high']).sort(),
    );
  });

  it('CNV-LOGIN-CLAIMED: exactly the usernames another person holds', () => {
    expect(keysOf(r.findings, 'CNV-LOGIN-CLAIMED')).toEqual(
      e.claimedLogins.map((u) => `user ${u.sourcedId}`).sort(),
    );
    for (const c of e.claimedLogins) {
      const finding = r.findings.find(
        (x) => x.ruleId === 'CNV-LOGIN-CLAIMED' && x.sourcedId === c.sourcedId,
      )!;
      expect(finding.related).toEqual([{ entityType: 'canvasUser', sourcedId: c.holderUserId }]);
    }
  });

  it('CNV-SISID-TAKEN: exactly the SIS ids held by another person; deleted holders of the same person are restored', () => {
    expect(keysOf(r.findings, 'CNV-SISID-TAKEN')).toEqual(
      e.takenSisIds.map((u) => `user ${u.sourcedId}`).sort(),
    );
    for (const id of e.deletedHolders) {
      expect(r.objects.find((o) => o.type === 'users' && o.source === id)).toMatchObject({
        status: 'keep',
        matchKey: 'sis_id',
      });
      expect(r.findings.filter((x) => x.sourcedId === id)).toEqual([]);
    }
  });

  it('CNV-MULTI-LOGIN, CNV-ACCOUNT-REMAP, CNV-TERM-REMAP, CNV-COURSE-ORPHAN, CNV-XLIST fire exactly where expected', () => {
    expect(keysOf(r.findings, 'CNV-MULTI-LOGIN')).toEqual(
      e.multiLogin.map((u) => `canvasUser ${u.sourcedId}`).sort(),
    );
    expect(keysOf(r.findings, 'CNV-ACCOUNT-REMAP')).toEqual(
      e.renamedAccounts.map((a) => `org ${a.sourcedId}`),
    );
    expect(keysOf(r.findings, 'CNV-TERM-REMAP')).toEqual(
      renamedTerms.map((t) => `academicSession ${t.sourcedId}`),
    );
    expect(keysOf(r.findings, 'CNV-COURSE-ORPHAN')).toEqual(
      e.orphanCourses.map((c) => `canvasCourse ${c}`).sort(),
    );
    expect(keysOf(r.findings, 'CNV-XLIST')).toEqual(
      e.crosslisted.map((x) => `canvasSection ${x.sectionId}`).sort(),
    );
    const xlist = r.findings.find(
      (x) => x.ruleId === 'CNV-XLIST' && x.sourcedId === e.crosslisted[0]!.sectionId,
    )!;
    expect(xlist.detail).toMatchObject({
      crosslistedInto: e.crosslisted[0]!.toCourseId,
      plannedCourse: e.crosslisted[0]!.fromCourseId,
    });
  });

  it('term remaps carry the Canvas term’s name, dates and SIS id beside the roster’s', () => {
    const terms = r.proposals.filter((p) => p.type === 'term');
    expect(terms.length).toBe(renamedTerms.length);
    for (const p of terms) {
      const ev = Object.fromEntries((p.evidence ?? []).map((x) => [x.field, x]));
      expect(Object.keys(ev)).toEqual(['name', 'start_date', 'end_date', 'sis_id']);
      expect(ev.sis_id).toEqual({ field: 'sis_id', canvas: p.oldId, roster: p.source });
      expect(ev.start_date!.canvas).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(ev.end_date!.roster).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('CNV-ENR-DROP counts the orphaned courses’ enrollments in their term', () => {
    const drops = r.findings.filter((x) => x.ruleId === 'CNV-ENR-DROP');
    expect(drops.map((d) => [d.entityType, d.sourcedId, d.detail?.count])).toEqual([
      ['canvasTerm', renamedTerms[0]!.oldTermId, e.orphanCourses.length * 3],
    ]);
  });

  it('no other CNV rule fires', () => {
    expect(ruleIds(r.findings)).toEqual(
      [
        'CNV-ACCOUNT-REMAP',
        'CNV-COURSE-ORPHAN',
        'CNV-ENR-DROP',
        'CNV-LOGIN-CLAIMED',
        'CNV-MULTI-LOGIN',
        // Rows Canvas would skip: users of pending remaps and claimed logins, and their enrollments.
        'CNV-ROW-SKIPPED',
        'CNV-SISID-TAKEN',
        'CNV-TERM-REMAP',
        'CNV-USER-REMAP',
        'CNV-XLIST',
      ].sort(),
    );
  });

  it('change_sis_id rows are exactly the intended remaps', () => {
    const rows = changeSisIdRows(r).map((x) => `${x.type} ${x.old_id} ${x.new_id}`);
    expect(rows.sort()).toEqual(
      [
        ...e.remappedUsers.map((u) => `user ${u.oldUserId} ${u.sourcedId}`),
        ...e.renamedAccounts.map((a) => `account ${a.oldAccountId} ${a.sourcedId}`),
        ...renamedTerms.map((t) => `term ${t.oldTermId} ${t.sourcedId}`),
      ].sort(),
    );
  });

  it('classifies orphans: the old courses with enrollments and the other person holding a claimed login', () => {
    const orphans = r.objects.filter((o) => o.status === 'orphan');
    expect(
      orphans.filter((o) => o.type === 'courses').map((o) => [o.canvasSisId, o.activeEnrollments]),
    ).toEqual(e.orphanCourses.map((c) => [c, 3]));
    expect(
      orphans
        .filter((o) => o.type === 'users')
        .map((o) => o.canvasSisId)
        .sort(),
    ).toEqual(e.claimedLogins.map((c) => c.holderUserId).sort());
  });
});
