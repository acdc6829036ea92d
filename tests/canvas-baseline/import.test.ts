import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importProvisioningZip } from '../../electron/services/canvas-baseline';
import { BASELINE_TYPES } from '../../shared/canvas/baseline';
import { generateBaseline } from '../../electron/services/demo-canvas/generate-baseline';
import { writeProvisioningZip } from '../../electron/services/demo-canvas/write-zip';
import { tempStores } from './helpers';

const stores = tempStores();
afterAll(() => stores.cleanup());

const scenarios = {
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

describe('importProvisioningZip', () => {
  it('imports a generated provisioning report exactly', async () => {
    const baseline = generateBaseline({ preset: 'small' }, scenarios);
    const zip = join(stores.dir, 'provisioning.zip');
    await writeProvisioningZip(baseline, zip);
    const progress: number[] = [];
    const result = await importProvisioningZip(stores.baselines, zip, {
      profileId: 'p1',
      onProgress: (p) => progress.push(p.rows),
    });

    // The extra report columns Canvas writes (pronouns, role_id…) are known and not reported.
    expect(result.errors).toEqual([]);
    expect(result.status).toBe('complete');
    for (const type of BASELINE_TYPES) {
      expect(result.counts[type].total, type).toBe(baseline[type].length);
      expect([...stores.baselines.iterate(result.baselineId, type)], type).toEqual(baseline[type]);
    }
    expect(result.counts.crosslisted).toBe(3);
    expect(result.counts.users.byStatus).toEqual({ active: baseline.users.length - 2, deleted: 2 });
    expect(progress.length).toBeGreaterThan(0);
    expect(stores.baselines.latest('p1')).toMatchObject({
      id: result.baselineId,
      source: 'report',
      counts: result.counts,
    });
  });

  it('generates every conversion scenario deterministically', () => {
    const a = generateBaseline({ preset: 'tiny' }, scenarios);
    const b = generateBaseline({ preset: 'tiny' }, scenarios);
    expect(a.users).toEqual(b.users);
    const e = a.expected;
    expect(e.claimedLogins).toHaveLength(3);
    expect(e.takenSisIds).toHaveLength(2);
    expect(e.deletedHolders).toHaveLength(2);
    expect(e.multiLogin).toHaveLength(2);
    expect(e.renamedAccounts).toHaveLength(1);
    expect(e.renamedTerms).toHaveLength(1);
    expect(e.orphanCourses).toHaveLength(2);
    expect(e.crosslisted).toHaveLength(3);
    expect(e.remappedUsers.length).toBeGreaterThan(0);
    expect(e.absentUsers.length).toBeGreaterThan(0);

    const byLogin = (login: string) => a.users.filter((u) => u.login_id === login);
    for (const c of e.claimedLogins)
      expect(byLogin(c.loginId).map((u) => u.user_id)).toEqual([c.holderUserId]);
    for (const t of e.takenSisIds) {
      const holder = a.users.filter((u) => u.user_id === t.sourcedId);
      expect(holder.map((u) => u.login_id)).toEqual([t.holderLoginId]);
    }
    for (const r of e.remappedUsers) expect(byLogin(r.loginId).map((u) => u.user_id)).toEqual([r.oldUserId]);
    for (const id of e.deletedHolders) expect(a.users.find((u) => u.user_id === id)?.status).toBe('deleted');
    for (const m of e.multiLogin) {
      const logins = a.users.filter((u) => u.user_id === m.sourcedId || u.user_id === m.extraUserId);
      expect(new Set(logins.map((u) => u.canvas_user_id)).size).toBe(1);
      expect(logins).toHaveLength(2);
    }
    for (const x of e.crosslisted) {
      const s = a.sections.find((sec) => sec.section_id === x.sectionId)!;
      expect([s.course_id, s.nonxlist_course_id]).toEqual([x.toCourseId, x.fromCourseId]);
    }
    for (const id of e.orphanCourses) {
      const course = a.courses.find((c) => c.course_id === id)!;
      expect(
        a.enrollments.filter((en) => en.canvas_course_id === course.canvas_course_id).length,
      ).toBeGreaterThan(0);
    }
    const renamed = e.renamedTerms[0]!;
    expect(a.terms.some((t) => t.term_id === renamed.oldTermId)).toBe(true);
    expect(a.courses.some((c) => c.term_id === renamed.oldTermId)).toBe(true);
    // Every enrollment references a login and a section of the baseline.
    const canvasUsers = new Set(a.users.map((u) => u.canvas_user_id));
    const canvasSections = new Set(a.sections.map((s) => s.canvas_section_id));
    for (const en of a.enrollments) {
      expect(canvasUsers.has(en.canvas_user_id)).toBe(true);
      expect(canvasSections.has(en.canvas_section_id)).toBe(true);
    }
  });
});
