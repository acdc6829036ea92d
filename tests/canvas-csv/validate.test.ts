import { describe, expect, it } from 'vitest';
import { validateCanvasCsvZip, type CanvasCsvValidation } from '../../electron/services/canvas-csv';
import { detectKind } from '../../electron/services/canvas-csv';
import { zipOf } from './helpers';

const ACCOUNTS = 'account_id,parent_account_id,name,status\nA1,,North,active\n';
const TERMS =
  'term_id,name,status,start_date,end_date\nT1,Fall,active,2026-08-15T00:00:00Z,2026-12-20T00:00:00Z\n';
const COURSES = 'course_id,short_name,long_name,account_id,term_id,status\nC1,ALG,Algebra,A1,T1,active\n';
const SECTIONS = 'section_id,course_id,name,status\nS1,C1,Algebra P1,active\n';
const USERS =
  'user_id,login_id,first_name,last_name,status\nU1,u1,Ada,Lovelace,active\nU2,u2,Alan,Turing,active\n';
const ENROLLMENTS =
  'course_id,section_id,user_id,role,status\nC1,S1,U1,teacher,active\nC1,S1,U2,student,active\n';
const CLEAN = {
  'accounts.csv': ACCOUNTS,
  'terms.csv': TERMS,
  'courses.csv': COURSES,
  'sections.csv': SECTIONS,
  'users.csv': USERS,
  'enrollments.csv': ENROLLMENTS,
};

async function check(files: Record<string, string | Buffer>): Promise<CanvasCsvValidation> {
  return validateCanvasCsvZip(await zipOf(files));
}
const codes = (v: CanvasCsvValidation) => v.problems.map((p) => `${p.severity}:${p.code}@${p.file}:${p.row}`);

describe('validateCanvasCsvZip', () => {
  it('accepts a clean import and counts its rows', async () => {
    const v = await check(CLEAN);
    expect(v.problems).toEqual([]);
    expect(v.counts).toEqual({ accounts: 1, terms: 1, courses: 1, sections: 1, users: 2, enrollments: 2 });
    expect(v.termIds).toEqual(['T1']);
  });

  it('recognises files by their header, not their name, and processes them in Canvas order', async () => {
    // Enrollments first in the zip and under odd names: Canvas still reads users before enrollments.
    const v = await check({
      'a.csv': ENROLLMENTS,
      'b.csv': USERS,
      'c.csv': SECTIONS,
      'd.csv': COURSES,
      'e.csv': TERMS,
      'f.csv': ACCOUNTS,
    });
    expect(v.problems).toEqual([]);
    expect(v.files.map((f) => f.kind)).toEqual([
      'accounts',
      'terms',
      'courses',
      'sections',
      'users',
      'enrollments',
    ]);
    expect(detectKind(['old_id', 'new_id', 'type'])).toBe('change_sis_id');
    expect(detectKind(['user_id', 'login_id', 'existing_user_id'])).toBe('logins');
    expect(detectKind(['observer_id', 'student_id', 'status'])).toBe('user_observers');
  });

  it('does not recognise accounts.csv without parent_account_id and says why', async () => {
    const v = await check({ ...CLEAN, 'accounts.csv': 'account_id,name,status\nA1,North,active\n' });
    expect(codes(v)).toContain('error:unknown_headers@accounts.csv:0');
    expect(v.problems[0]!.message).toMatch(/parent_account_id column, even when every value is blank/);
    // The course's account is then unknown to this import.
    expect(codes(v)).toContain('warning:unknown_reference@courses.csv:2');
  });

  it('reports unknown headers, empty and non-CSV files', async () => {
    const v = await check({
      ...CLEAN,
      'notes.csv': 'foo,bar\n1,2\n',
      'readme.txt': 'hello',
      'empty.csv': '',
    });
    expect(codes(v)).toEqual(
      expect.arrayContaining([
        'error:unknown_headers@notes.csv:0',
        'warning:skipped_file@readme.txt:0',
        'warning:empty_file@empty.csv:0',
      ]),
    );
    expect(v.fatal).toBe(false);
  });

  it('reports a missing required column once and rejects the file rows', async () => {
    const v = await check({ ...CLEAN, 'users.csv': 'user_id,login_id,first_name\nU1,u1,Ada\nU2,u2,Alan\n' });
    expect(codes(v)).toContain('error:missing_column@users.csv:0');
    expect(v.problems.find((p) => p.code === 'missing_column')!.message).toMatch(/no status column/);
    expect(v.counts.users).toBe(0);
  });

  it('catches blank required values, statuses, one-of groups and bad dates', async () => {
    const v = await check({
      ...CLEAN,
      'users.csv': 'user_id,login_id,status\nU1,,active\nU2,u2,Active\nU3,u3,gone\n',
      'enrollments.csv':
        'course_id,section_id,user_id,role,status,start_date,end_date\n' +
        ',,U2,student,active,,\n' +
        'C1,S1,U2,Student,active,2026-13-01,2026-12-20\n' +
        'C1,S1,U2,teacher,active,2026-09-01,\n' +
        'C1,S1,U2,ta,active,2026-12-01,2026-09-01\n',
      'courses.csv':
        'course_id,short_name,long_name,account_id,term_id,status,start_date\nC1,ALG,Algebra,A1,T1,active,<delete>\n',
    });
    expect(codes(v)).toEqual(
      expect.arrayContaining([
        'error:missing_value@users.csv:2',
        'error:invalid_status@users.csv:4',
        'error:missing_value@enrollments.csv:2',
        'warning:role_case@enrollments.csv:3',
        'warning:bad_date@enrollments.csv:3',
        'warning:dates_ignored@enrollments.csv:4',
        'warning:end_before_start@enrollments.csv:5',
      ]),
    );
    // Status values are case-insensitive (Active is fine); <delete> clears course dates.
    expect(codes(v).filter((c) => c.includes('users.csv:3') || c.includes('courses.csv'))).toEqual([]);
    expect(v.counts.users).toBe(1);
  });

  it('catches duplicate ids within a file and across files of a kind', async () => {
    const v = await check({
      ...CLEAN,
      'more_users.csv': 'user_id,login_id,status\nU1,u1-again,active\n',
      'users.csv': USERS + 'U2,u2b,active\n',
    });
    expect(codes(v)).toEqual(
      expect.arrayContaining(['error:duplicate_id@users.csv:4', 'error:duplicate_id@more_users.csv:2']),
    );
  });

  it('warns about references to ids the import does not define', async () => {
    const v = await check({ ...CLEAN, 'sections.csv': SECTIONS + 'S2,C9,Ghost,active\n' });
    expect(codes(v)).toEqual(['warning:unknown_reference@sections.csv:3']);
    expect(v.problems[0]!.message).toMatch(/course_id "C9" is not defined earlier in this import/);
  });

  it('requires parents before children in accounts.csv', async () => {
    const v = await check({
      ...CLEAN,
      'accounts.csv':
        'account_id,parent_account_id,name,status\nA2,A1,Child,active\nA1,,Parent,active\nA3,EXISTING,Other,active\nA4,A4,Self,active\n',
    });
    expect(codes(v)).toEqual(
      expect.arrayContaining([
        'error:parent_after_child@accounts.csv:2',
        'warning:unknown_reference@accounts.csv:4',
        'error:self_parent@accounts.csv:5',
      ]),
    );
    expect(v.counts.accounts).toBe(2);
  });

  it('checks change_sis_id and user_observers rules', async () => {
    const v = await check({
      ...CLEAN,
      'change_sis_id.csv':
        'old_id,new_id,old_integration_id,new_integration_id,type\nu1,U1,,,user\nx,y,,,student\n,,,,user\nt1,t1,,,term\n',
      'user_observers.csv': 'observer_id,student_id,status\nU1,U2,active\nU1,U1,active\nU1,U2,pending\n',
    });
    expect(codes(v)).toEqual(
      expect.arrayContaining([
        'error:invalid_type@change_sis_id.csv:3',
        'error:missing_value@change_sis_id.csv:4',
        'warning:no_change@change_sis_id.csv:5',
        'error:self_observer@user_observers.csv:3',
        'error:invalid_status@user_observers.csv:4',
      ]),
    );
  });

  it('fails a file that is not UTF-8 or not valid CSV, and an upload that is not a zip', async () => {
    const latin1 = Buffer.concat([
      Buffer.from('user_id,login_id,first_name,status\nU1,u1,'),
      Buffer.from([0x5a, 0xeb]),
      Buffer.from(',active\n'),
    ]);
    const v = await check({
      ...CLEAN,
      'users.csv': latin1,
      'terms.csv': 'term_id,name,status\nT1,"Fall,active\nT2,Spring",x"y,active\n',
    });
    expect(codes(v)).toEqual(
      expect.arrayContaining(['error:invalid_utf8@users.csv:2', 'error:malformed_csv@terms.csv:3']),
    );
    expect(v.problems.find((p) => p.code === 'invalid_utf8')!.message).toMatch(/Invalid UTF-8/);
    expect(v.fatal).toBe(true);
    expect(v.counts.users ?? 0).toBe(0);
    const notZip = await validateCanvasCsvZip(Buffer.from('user_id,login_id,status\n'));
    expect(codes(notZip)).toEqual(['error:not_a_zip@:0']);
  });
});
