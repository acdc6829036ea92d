import { describe, expect, it } from 'vitest';
import { fx } from '../../../test-support/snapshot-fixture';
import { byId, cleanDistrict, districtWith, evaluate, ids, only, sessionRef, type District } from './helpers';

describe('TERM-DATES-INVALID', () => {
  it('reports a term ending before it starts, and one with an unreadable date', () => {
    const d = districtWith((x) => {
      Object.assign(byId(x.academicSessions, 'FALL'), { startDate: '2026-12-18', endDate: '2026-08-17' });
      byId(x.academicSessions, 'SPRING').startDate = '2027-13-05';
    });
    const found = only(evaluate({ ...d }), 'TERM-DATES-INVALID');
    expect(ids(found)).toEqual(['academicSession:FALL', 'academicSession:SPRING']);
    expect(found[0]).toMatchObject({
      severity: 'blocker',
      message: 'Term FALL "Fall 2026" has an endDate (2026-08-17) before its startDate (2026-12-18)',
      detail: { startDate: '2026-12-18', endDate: '2026-08-17' },
    });
    expect(found[1]!.message).toBe(
      'Term SPRING "Spring 2027" has no valid startDate (startDate "2027-13-05" is not a valid date (YYYY-MM-DD))',
    );
    expect(found[1]!.detail).toMatchObject({ startDate: null, problems: ['no valid startDate'] });
  });

  it('skips grading periods (never Canvas terms) and accepts a one-day session', () => {
    const d = districtWith((x) => {
      x.academicSessions.push(
        fx.session('GP-1', {
          type: 'gradingPeriod',
          startDate: '2026-10-01',
          endDate: '2026-09-01',
          parent: sessionRef('FALL'),
        }),
        fx.session('EXAM-DAY', {
          startDate: '2026-12-01',
          endDate: '2026-12-01',
          parent: sessionRef('SY-2027'),
        }),
      );
    });
    expect(only(evaluate({ ...d }), 'TERM-DATES-INVALID')).toEqual([]);
  });
});

describe('TERM-OUTSIDE-PARENT', () => {
  it('reports a term that runs past its school year', () => {
    const d = districtWith((x) => {
      byId(x.academicSessions, 'SPRING').endDate = '2027-07-02';
    });
    const found = only(evaluate({ ...d }), 'TERM-OUTSIDE-PARENT');
    expect(ids(found)).toEqual(['academicSession:SPRING']);
    expect(found[0]).toMatchObject({
      severity: 'warning',
      message:
        'Term SPRING "Spring 2027" (2027-01-05 – 2027-07-02) ends after its parent school year SY-2027 (2026-08-17 – 2027-06-11)',
      detail: { parentId: 'SY-2027', parentEndDate: '2027-06-11', endDate: '2027-07-02' },
      related: [{ entityType: 'academicSession', sourcedId: 'SY-2027' }],
    });
  });

  it('is silent for terms inside their school year', () => {
    expect(only(evaluate({ ...cleanDistrict() }), 'TERM-OUTSIDE-PARENT')).toEqual([]);
  });
});

/** Per-school copies of the fall term: each school's fall class uses its own copy. */
function perSchoolFall(copy: (school: 'A' | 'B') => Record<string, unknown>): District {
  return districtWith((x) => {
    byId(x.orgs, 'SCH-A').identifier = '0601';
    byId(x.orgs, 'SCH-B').identifier = '0602';
    x.academicSessions = x.academicSessions.filter((s) => s.sourcedId !== 'FALL');
    for (const school of ['A', 'B'] as const) {
      const id = `FALL-060${school === 'A' ? 1 : 2}`;
      x.academicSessions.push(
        fx.session(id, {
          title: 'Fall 2026',
          startDate: '2026-08-17',
          endDate: '2026-12-18',
          parent: sessionRef('SY-2027'),
          ...copy(school),
        }),
      );
      byId(x.classes, `CLS-SCH-${school}-FALL`).terms = [sessionRef(id)];
    }
  });
}

describe('TERM-DUPLICATE', () => {
  it('names every copy with the same title and dates; info when the term merge is on (the default)', () => {
    const found = only(evaluate({ ...perSchoolFall(() => ({})) }), 'TERM-DUPLICATE');
    expect(ids(found)).toEqual(['academicSession:FALL-0601', 'academicSession:FALL-0602']);
    expect(found[0]).toMatchObject({
      severity: 'info',
      message:
        'Term FALL-0601 "Fall 2026" (2026-08-17 – 2026-12-18) has 1 copy (FALL-0602); they are merged into one Canvas term',
      detail: {
        copies: 2,
        members: ['FALL-0601', 'FALL-0602'],
        matchedBy: ['titleAndDates', 'commonTermId'],
        commonTermId: 'FALL',
        merged: true,
      },
      related: [{ entityType: 'academicSession', sourcedId: 'FALL-0602' }],
    });
  });

  it('is a warning when the term merge is off', () => {
    const found = only(evaluate({ ...perSchoolFall(() => ({})) }, { termMerge: false }), 'TERM-DUPLICATE');
    expect(found.map((f) => f.severity)).toEqual(['warning', 'warning']);
    expect(found[1]!.message).toContain('each becomes a separate Canvas term unless they are merged');
  });

  it('groups copies by the common term id in the sourcedId when titles differ', () => {
    const d = perSchoolFall((school) => ({ title: `Fall 2026 - School ${school}` }));
    const found = only(evaluate({ ...d }), 'TERM-DUPLICATE');
    expect(ids(found)).toEqual(['academicSession:FALL-0601', 'academicSession:FALL-0602']);
    expect(found[0]!.detail).toMatchObject({ matchedBy: ['commonTermId'], commonTermId: 'FALL' });
  });

  it('is silent for distinct terms, and for copies no class ends up in', () => {
    expect(only(evaluate({ ...cleanDistrict() }), 'TERM-DUPLICATE')).toEqual([]);
    const d = districtWith((x) => {
      x.academicSessions.push(
        fx.session('FALL-UNUSED', { title: 'Fall 2026', startDate: '2026-08-17', endDate: '2026-12-18' }),
      );
    });
    expect(only(evaluate({ ...d }), 'TERM-DUPLICATE')).toEqual([]);
  });
});

describe('TERM-OVERLAP', () => {
  it('reports sessions of one type overlapping in one school and school year', () => {
    const d = districtWith((x) => {
      x.academicSessions.push(
        fx.session('TRI-2', {
          title: 'Trimester 2',
          startDate: '2026-11-20',
          endDate: '2027-02-27',
          parent: sessionRef('SY-2027'),
        }),
      );
      x.classes.push(fx.klass('CLS-SCH-A-TRI', 'CRS-SCH-A', 'SCH-A', ['TRI-2']));
    });
    const found = only(evaluate({ ...d }), 'TERM-OVERLAP');
    expect(ids(found)).toEqual(['academicSession:FALL', 'academicSession:SPRING', 'academicSession:TRI-2']);
    expect(found[2]).toMatchObject({
      severity: 'info',
      message:
        'Term TRI-2 "Trimester 2" (2026-11-20 – 2027-02-27) overlaps FALL (2026-08-17 – 2026-12-18) and 1 more in school year 2027',
      related: [
        { entityType: 'academicSession', sourcedId: 'FALL' },
        { entityType: 'academicSession', sourcedId: 'SPRING' },
      ],
    });
  });

  it('is silent for overlaps in different schools, for per-school copies and for sessions that only touch', () => {
    const d = districtWith((x) => {
      // SCH-B runs its own fall calendar; only SCH-B classes use it.
      x.academicSessions.push(
        fx.session('FALL-B', {
          title: 'Fall (B)',
          startDate: '2026-08-24',
          endDate: '2026-12-22',
          parent: sessionRef('SY-2027'),
        }),
      );
      byId(x.classes, 'CLS-SCH-B-FALL').terms = [sessionRef('FALL-B')];
    });
    expect(only(evaluate({ ...d }), 'TERM-OVERLAP')).toEqual([]);
    const touching = districtWith((x) => {
      byId(x.academicSessions, 'SPRING').startDate = '2026-12-18';
    });
    expect(only(evaluate({ ...touching }), 'TERM-OVERLAP')).toEqual([]);
    expect(only(evaluate({ ...perSchoolFall(() => ({})) }), 'TERM-OVERLAP')).toEqual([]);
  });
});
