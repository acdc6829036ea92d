import { describe, expect, it } from 'vitest';
import {
  course,
  emptyCanvas,
  enrollmentRow,
  expectAgreement,
  login,
  outcomeOf,
  run,
  section,
  term,
  userRow,
} from './world';

/** users.csv behaviours, each checked on the predictor and on the Canvas double. */

function school() {
  const canvas = emptyCanvas();
  const t = term('T1');
  const c = course('C1', t);
  const s = section('C1', c);
  canvas.terms.push(t);
  canvas.courses.push(c);
  canvas.sections.push(s);
  return canvas;
}

describe('login_id held by another Canvas login', () => {
  it('skips the user with Canvas message (old SIS id) and every enrollment of it', () => {
    const canvas = school();
    canvas.users.push(login('OLD-1', 'ann'));
    const both = run(canvas, {
      users: [userRow('NEW-1', 'ann')],
      enrollments: [enrollmentRow('C1', 'C1', 'NEW-1')],
    });
    const u = outcomeOf(both.prediction, 'users', 'NEW-1');
    expect(u).toMatchObject({
      outcome: 'skip',
      cause: 'login_claimed',
      orderDependent: false,
      message:
        "An existing Canvas user with the SIS ID OLD-1 has already claimed NEW-1's user_id requested login information, skipping",
    });
    expect(both.prediction.rows.find((r) => r.kind === 'enrollments')).toMatchObject({
      outcome: 'skip',
      cause: 'cascade',
      message: 'User not found for enrollment (User ID: NEW-1, Course ID: C1, Section ID: C1)',
    });
    expect(both.prediction.counts).toMatchObject({ users: 0, enrollments: 0, warning_count: 2 });
    expectAgreement(both);
  });

  it('names the holder by Canvas ID when its login has no SIS id, and a login found only by login_id without a SIS id is taken over', () => {
    const canvas = school();
    const holder = login('', 'bob');
    canvas.users.push(login('U2', 'carl'), holder, login('', 'dana'));
    const both = run(canvas, { users: [userRow('U2', 'bob'), userRow('U3', 'dana')] });
    expect(outcomeOf(both.prediction, 'users', 'U2').message).toBe(
      `An existing Canvas user with the Canvas ID ${holder.canvas_user_id} has already claimed U2's user_id requested login information, skipping`,
    );
    expect(outcomeOf(both.prediction, 'users', 'U3')).toMatchObject({ outcome: 'update', message: null });
    expectAgreement(both);
    expect(both.after.users.find((u) => u.login_id === 'dana')!.user_id).toBe('U3');
  });

  it('a login the same import frees (renames away) is order-dependent: predicted as the skip, the double follows file order', () => {
    const canvas = school();
    canvas.users.push(login('H', 'shared'));
    const holderFirst = run(canvas, { users: [userRow('H', 'shared.old'), userRow('N', 'shared')] });
    const newcomerFirst = run(canvas, { users: [userRow('N', 'shared'), userRow('H', 'shared.old')] });
    for (const both of [holderFirst, newcomerFirst])
      expect(outcomeOf(both.prediction, 'users', 'N')).toMatchObject({
        outcome: 'skip',
        cause: 'login_claimed',
        orderDependent: true,
      });
    // Canvas: the rename runs first → the login is free; the newcomer first → skipped.
    expect(holderFirst.applied.counts.users).toBe(2);
    expect(holderFirst.applied.warnings).toEqual([]);
    expect(newcomerFirst.applied.counts.users).toBe(1);
    expect(newcomerFirst.applied.warnings).toEqual([
      [
        'users.csv',
        "An existing Canvas user with the SIS ID H has already claimed N's user_id requested login information, skipping",
        2,
      ],
    ]);
  });

  it('a login the same import keeps is not order-dependent', () => {
    const canvas = school();
    canvas.users.push(login('H', 'kept'));
    const both = run(canvas, { users: [userRow('N', 'kept'), userRow('H', 'kept')] });
    expect(outcomeOf(both.prediction, 'users', 'N')).toMatchObject({
      outcome: 'skip',
      orderDependent: false,
    });
    expect(outcomeOf(both.prediction, 'users', 'H').outcome).toBe('unchanged');
    expectAgreement(both);
  });

  it('two new rows asking for the same login: the later one is skipped (order-dependent)', () => {
    const both = run(school(), { users: [userRow('A', 'same'), userRow('B', 'SAME')] });
    expect(outcomeOf(both.prediction, 'users', 'A').outcome).toBe('create');
    expect(outcomeOf(both.prediction, 'users', 'B')).toMatchObject({ outcome: 'skip', orderDependent: true });
    expectAgreement(both);
  });
});

describe('integration_id and user_id held by others', () => {
  it('skips a user whose integration_id another login holds', () => {
    const canvas = school();
    canvas.users.push(login('OTHER', 'other', { integration_id: 'INT-9' }));
    const both = run(canvas, { users: [userRow('U1', 'u1', { integration_id: 'INT-9' })] });
    expect(outcomeOf(both.prediction, 'users', 'U1')).toMatchObject({
      outcome: 'skip',
      cause: 'integration_id_claimed',
      message:
        "An existing Canvas user with the SIS ID OTHER has already claimed U1's requested integration_id, skipping",
    });
    expectAgreement(both);
  });

  it('a SIS id held by another person’s login is silently taken over: Canvas updates that login (no message)', () => {
    const canvas = school();
    canvas.users.push(login('U1', 'other.person'));
    const both = run(canvas, { users: [userRow('U1', 'u1.new')] });
    expect(outcomeOf(both.prediction, 'users', 'U1')).toMatchObject({ outcome: 'update', message: null });
    expectAgreement(both);
    expect(both.after.users).toHaveLength(1);
    expect(both.after.users[0]!.login_id).toBe('u1.new');
  });
});

describe('rows Canvas rejects', () => {
  it('missing login_id, bad status, login over 100 characters or with a control character; 1–2 characters are fine', () => {
    const both = run(school(), {
      users: [
        userRow('A', ''),
        userRow('B', 'b', { status: 'gone' }),
        userRow('C', 'c'.repeat(101)),
        userRow('D', 'd\u0007'),
        userRow('E', 'e'),
        userRow('F', 'ff'),
        userRow('G', 'g'.repeat(100)),
      ],
      enrollments: [enrollmentRow('C1', 'C1', 'C')],
    });
    const msg = (id: string) => outcomeOf(both.prediction, 'users', id).message;
    expect(msg('A')).toBe('No login_id given for user A');
    expect(msg('B')).toBe('Improper status for user B');
    expect(msg('C')).toBe(
      "Could not save the user with user_id: 'C'. Unknown reason: unique_id is too long (maximum is 100 characters)",
    );
    expect(msg('D')).toBe("Could not save the user with user_id: 'D'. Invalid login_id: 'd\u0007'");
    for (const ok of ['E', 'F', 'G']) expect(outcomeOf(both.prediction, 'users', ok).outcome).toBe('create');
    expect(both.prediction.rows.find((r) => r.kind === 'enrollments')).toMatchObject({
      outcome: 'skip',
      cause: 'cascade',
    });
    expect(both.prediction.counts).toMatchObject({ users: 3, enrollments: 0 });
    expectAgreement(both);
  });
});

describe('deleted ↔ active', () => {
  it('an active row restores a deleted login; deleting an active login deletes its enrollments; deleting a deleted one is not counted', () => {
    const canvas = school();
    const s = canvas.sections[0]!;
    const gone = login('GONE', 'gone', { status: 'deleted' });
    const leaving = login('LEAVE', 'leave');
    canvas.users.push(gone, leaving, login('DEAD', 'dead', { status: 'deleted' }));
    canvas.enrollments.push({ ...enrollmentFor(s, leaving) });
    const both = run(canvas, {
      users: [
        userRow('GONE', 'gone'),
        userRow('LEAVE', 'leave', { status: 'deleted' }),
        userRow('DEAD', 'dead', { status: 'deleted' }),
      ],
    });
    expect(outcomeOf(both.prediction, 'users', 'GONE').outcome).toBe('update');
    expect(outcomeOf(both.prediction, 'users', 'LEAVE').outcome).toBe('update');
    expect(outcomeOf(both.prediction, 'users', 'DEAD')).toMatchObject({ outcome: 'skip', message: null });
    expect(both.prediction.counts.users).toBe(2);
    expectAgreement(both);
    expect(both.after.users.find((u) => u.user_id === 'GONE')!.status).toBe('active');
    expect(both.after.enrollments[0]!.status).toBe('deleted');
  });

  it('enrolling a user whose login stays deleted imports the enrollment as deleted, with Canvas warning', () => {
    const canvas = school();
    canvas.users.push(login('GONE', 'gone', { status: 'deleted' }));
    const both = run(canvas, { enrollments: [enrollmentRow('C1', 'C1', 'GONE')] });
    expect(both.prediction.rows[0]).toMatchObject({
      outcome: 'create',
      message: 'Attempted enrolling of deleted user GONE in course C1',
    });
    expectAgreement(both);
  });
});

describe('sticky fields', () => {
  it('a name edited in the Canvas UI is kept without override_sis_stickiness and replaced with it', () => {
    const canvas = school();
    canvas.users.push(login('U1', 'u1', { first_name: 'Edited', full_name: 'Edited In UI' }));
    const sticky = { users: { U1: ['name'] } };
    const kept = run(canvas, { users: [userRow('U1', 'u1')] }, undefined, sticky);
    expect(outcomeOf(kept.prediction, 'users', 'U1')).toMatchObject({
      outcome: 'unchanged',
      stickyKept: ['name'],
    });
    expect(kept.after.users[0]!.full_name).toBe('Edited In UI');
    const forced = run(
      canvas,
      { users: [userRow('U1', 'u1')] },
      { import_type: 'instructure_csv', override_sis_stickiness: 'true' },
      sticky,
    );
    expect(outcomeOf(forced.prediction, 'users', 'U1')).toMatchObject({ outcome: 'update', stickyKept: [] });
    expect(forced.after.users[0]!.full_name).toBe('First U1');
    expectAgreement(kept);
    expectAgreement(forced);
  });
});

function enrollmentFor(s: ReturnType<typeof section>, u: ReturnType<typeof login>) {
  return {
    canvas_enrollment_id: '777',
    canvas_course_id: s.canvas_course_id,
    course_id: s.course_id,
    canvas_section_id: s.canvas_section_id,
    section_id: s.section_id,
    canvas_user_id: u.canvas_user_id,
    user_id: u.user_id,
    role: 'student',
    base_role_type: 'StudentEnrollment',
    status: 'active' as const,
    canvas_associated_user_id: '',
    associated_user_id: '',
    created_by_sis: true,
  };
}
