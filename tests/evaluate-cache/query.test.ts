import { describe, expect, it } from 'vitest';
import { FindingsQuery, NO_SCHOOL, type FindingsQueryInput } from '../../shared/findings/views';
import { compareFindings, type Finding } from '../../shared/rules/finding';
import { EvaluationCache, type EvaluationView } from '../../electron/services/evaluate-cache';
import { evaluationOf, finding, mixedFindings, NO_SETTINGS, schoolByParity } from './helpers';

function viewOf(findings: Finding[]): EvaluationView {
  return new EvaluationCache().put(evaluationOf(findings, schoolByParity), NO_SETTINGS);
}

function q(input: Partial<FindingsQueryInput> = {}) {
  return FindingsQuery.parse({ profileId: 'p1', snapshotId: 's1', ...input });
}

const key = (f: Pick<Finding, 'ruleId' | 'entityType' | 'sourcedId'>) =>
  `${f.ruleId}|${f.entityType}|${f.sourcedId}`;

describe('paging', () => {
  const findings = mixedFindings(1000);
  const view = viewOf(findings);

  it('pages in catalogue order by default, with absolute indexes', () => {
    const expected = [...findings].sort(compareFindings).map(key);
    const first = view.query(q({ offset: 0, limit: 100 }));
    const third = view.query(q({ offset: 200, limit: 100 }));
    expect(first.total).toBe(1000);
    expect(first.rows.map(key)).toEqual(expected.slice(0, 100));
    expect(third.rows.map(key)).toEqual(expected.slice(200, 300));
    expect(third.rows.map((r) => r.index)).toEqual(Array.from({ length: 100 }, (_, i) => 200 + i));
  });

  it('returns a short last page and an empty page past the end', () => {
    expect(view.query(q({ offset: 950, limit: 200 })).rows).toHaveLength(50);
    const past = view.query(q({ offset: 5000, limit: 200 }));
    expect(past.rows).toEqual([]);
    expect(past.total).toBe(1000);
  });

  it('adds the school name to each row', () => {
    const row = view.query(q({ filters: { school: ['sch-a'] }, limit: 1 })).rows[0]!;
    expect(row).toMatchObject({ schoolId: 'sch-a', school: 'Adams Elementary', acknowledged: null });
  });
});

describe('sorting', () => {
  const view = viewOf(mixedFindings(500));

  it('sorts by sourcedId descending over the whole set, not one page', () => {
    const all = view
      .query(q({ sort: [{ id: 'sourcedId', desc: true }], limit: 1000 }))
      .rows.map((r) => r.sourcedId);
    expect(all).toEqual([...all].sort().reverse());
    const page2 = view.query(q({ sort: [{ id: 'sourcedId', desc: true }], offset: 100, limit: 10 }));
    expect(page2.rows.map((r) => r.sourcedId)).toEqual(all.slice(100, 110));
  });

  it('applies sort keys in order, with the catalogue order breaking ties', () => {
    const rows = view.query(
      q({
        sort: [
          { id: 'school', desc: false },
          { id: 'severity', desc: true },
        ],
        limit: 1000,
      }),
    ).rows;
    const schoolRank = (s: string | null) => (s === null ? 'zzz' : s);
    for (let i = 1; i < rows.length; i++) {
      const a = rows[i - 1]!;
      const b = rows[i]!;
      expect(schoolRank(a.school) <= schoolRank(b.school)).toBe(true);
      if (a.school === b.school) {
        const rank = { blocker: 0, warning: 1, info: 2 };
        expect(rank[a.severity] >= rank[b.severity]).toBe(true);
        if (a.severity === b.severity) expect(compareFindings(a, b)).toBeLessThan(0);
      }
    }
    expect(rows[rows.length - 1]!.school).toBeNull();
  });

  it('sorts messages case-insensitively', () => {
    const v = viewOf([
      finding('USER-NO-EMAIL', 'user', 'a', { message: 'banana' }),
      finding('USER-NO-EMAIL', 'user', 'b', { message: 'Apple' }),
      finding('USER-NO-EMAIL', 'user', 'c', { message: 'cherry' }),
    ]);
    expect(v.query(q({ sort: [{ id: 'message', desc: false }] })).rows.map((r) => r.message)).toEqual([
      'Apple',
      'banana',
      'cherry',
    ]);
  });
});

describe('filtering and facets', () => {
  const findings = mixedFindings(1000);
  const view = viewOf(findings);

  it('filters by severity, rule, entity type and school together', () => {
    const page = view.query(
      q({ filters: { severity: ['warning'], entityType: ['user'], school: ['sch-b'] }, limit: 1000 }),
    );
    const expected = findings.filter(
      (f) => f.severity === 'warning' && f.entityType === 'user' && schoolByParity(f) === 'sch-b',
    );
    expect(page.total).toBe(expected.length);
    expect(
      page.rows.every((r) => r.severity === 'warning' && r.entityType === 'user' && r.schoolId === 'sch-b'),
    ).toBe(true);
  });

  it('selects findings without a school with the NO_SCHOOL value', () => {
    const page = view.query(q({ filters: { school: [NO_SCHOOL] }, limit: 1000 }));
    expect(page.total).toBe(findings.filter((f) => schoolByParity(f) === null).length);
    expect(page.rows.every((r) => r.school === null && r.entityType === 'class')).toBe(true);
  });

  it('searches text case-insensitively across message, sourcedId, detail and school name', () => {
    expect(view.query(q({ filters: { text: 'U000010' } })).rows.map((r) => r.sourcedId)).toEqual(['u000010']);
    const byDetail = view.query(q({ filters: { text: 'SHARED3@' }, limit: 1000 }));
    expect(byDetail.total).toBeGreaterThan(0);
    expect(byDetail.rows.every((r) => JSON.stringify(r.detail).includes('shared3@'))).toBe(true);
    const bySchool = view.query(q({ filters: { text: 'baker high' }, limit: 1000 }));
    expect(bySchool.total).toBe(findings.filter((f) => schoolByParity(f) === 'sch-b').length);
    expect(view.query(q({ filters: { text: 'no such thing anywhere' } })).total).toBe(0);
  });

  it('counts each facet under the OTHER filters only', () => {
    const page = view.query(q({ filters: { severity: ['blocker'], entityType: ['user'] } }));
    const sev = Object.fromEntries(page.facets.severity.map((f) => [f.value, f.count]));
    // Severity ignores its own filter but keeps entityType=user.
    expect(sev).toEqual({
      blocker: findings.filter((f) => f.severity === 'blocker' && f.entityType === 'user').length,
      warning: findings.filter((f) => f.severity === 'warning' && f.entityType === 'user').length,
      info: 0,
    });
    // Entity type ignores its own filter but keeps severity=blocker: only users carry blockers here.
    const types = Object.fromEntries(page.facets.entityType.map((f) => [f.value, f.count]));
    expect(types).toEqual({ class: 0, user: page.total, enrollment: 0 });
    const rules = Object.fromEntries(page.facets.ruleId.map((f) => [f.value, f.count]));
    expect(rules['USER-NO-USERNAME']).toBe(page.total);
    expect(rules['USER-NO-EMAIL']).toBe(0);
    expect(page.facets.ruleId.find((f) => f.value === 'USER-NO-EMAIL')?.label).toBe('User without email');
    const schools = page.facets.school.map((f) => f.label);
    expect(schools).toEqual(['Adams Elementary', 'Baker High', 'No school (district-wide)']);
  });

  it('ignores filter values the evaluation does not contain', () => {
    expect(view.query(q({ filters: { ruleId: ['ORG-CYCLE'] } })).total).toBe(0);
    expect(view.query(q({ filters: { school: ['nope'] } })).total).toBe(0);
  });
});

describe('grouping by rule', () => {
  const findings = mixedFindings(1000);
  const view = viewOf(findings);

  it('lists groups in catalogue order with offsets, and rows group after group', () => {
    const page = view.query(q({ groupBy: 'ruleId', sort: [{ id: 'sourcedId', desc: true }], limit: 1000 }));
    const groups = page.groups!;
    expect(groups.map((g) => g.key)).toEqual([
      'USER-NO-USERNAME',
      'ENR-NO-DATES',
      'USER-DUP-EMAIL',
      'USER-NO-EMAIL',
      'CLASS-NO-STUDENT',
    ]);
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(1000);
    for (const g of groups) {
      const slice = page.rows.slice(g.offset, g.offset + g.count);
      expect(slice.every((r) => r.ruleId === g.key)).toBe(true);
      const ids = slice.map((r) => r.sourcedId);
      expect(ids).toEqual([...ids].sort().reverse());
    }
    expect(groups[0]).toMatchObject({ label: 'User without username', severity: 'blocker', offset: 0 });
  });

  it('groups only what the filters keep', () => {
    const page = view.query(q({ groupBy: 'ruleId', filters: { severity: ['warning'] } }));
    expect(page.groups!.map((g) => g.key)).toEqual(['ENR-NO-DATES', 'USER-DUP-EMAIL', 'USER-NO-EMAIL']);
    expect(page.groups!.map((g) => g.offset)).toEqual([0, 200, 400]);
  });

  it('has no groups when not grouped', () => {
    expect(view.query(q()).groups).toBeNull();
  });
});

describe('scale', () => {
  it('answers windows over 200,000 findings, filtered and sorted', () => {
    const view = viewOf(mixedFindings(200_000));
    const page = view.query(q({ offset: 150_000, limit: 200, sort: [{ id: 'message', desc: true }] }));
    expect(page.total).toBe(200_000);
    expect(page.rows).toHaveLength(200);
    const searched = view.query(q({ filters: { text: 'u19999', severity: ['blocker'] } }));
    expect(searched.rows.every((r) => r.sourcedId.startsWith('u19999') && r.severity === 'blocker')).toBe(
      true,
    );
    expect(searched.total).toBe(2);
  });
});
