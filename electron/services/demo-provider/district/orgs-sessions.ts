import { hash3 } from './hash';
import type { BuildContext, GuidRef, JsonRecord, Table } from './model';
import { isoUtc, ref, rowTable } from './model';
import type { DistrictPlan } from './structure';

const STAMPS = 4096;
const stampCache = new WeakMap<DistrictPlan, string[]>();

/**
 * A modification time in the weeks before the school year starts, fixed per (table, index). Drawn from a pool
 * of 4096 instants — bulk SIS exports share timestamps too — so formatting costs nothing per record.
 */
export function modifiedAt(plan: DistrictPlan, salt: number, index: number): string {
  let stamps = stampCache.get(plan);
  if (!stamps) {
    const start = Date.UTC(plan.spec.schoolYear - 1, 6, 1);
    stamps = Array.from({ length: STAMPS }, (_, k) => {
      const h = hash3(plan.spec.seed, 9, k);
      return isoUtc(start + (h % (45 * 86_400)) * 1000 + (h % 1000));
    });
    stampCache.set(plan, stamps);
  }
  return stamps[hash3(plan.spec.seed, salt, index) & (STAMPS - 1)]!;
}

interface OrgRow {
  id: string;
  name: string;
  type: 'district' | 'school';
  identifier: string;
  parent: string | null;
  children: string[];
}

export function orgsTable(plan: DistrictPlan): Table {
  const rows: OrgRow[] = [
    {
      id: plan.districtId,
      name: plan.name,
      type: 'district',
      identifier: String(600000 + (hash3(plan.spec.seed, 2, 0) % 300000)),
      parent: null,
      children: plan.schools.map((s) => s.id),
    },
    ...plan.schools.map((s) => ({
      id: s.id,
      name: s.name,
      type: 'school' as const,
      identifier: s.identifier,
      parent: plan.districtId,
      children: [],
    })),
  ];
  return rowTable('orgs', rows, (row, i, ctx) => {
    const rec: JsonRecord = {
      sourcedId: row.id,
      status: 'active',
      dateLastModified: modifiedAt(plan, 10, i),
      name: row.name,
      type: row.type,
      identifier: row.identifier,
    };
    if (row.parent) rec.parent = ref(ctx, 'orgs', row.parent, 'org');
    if (row.children.length) rec.children = row.children.map((c) => ref(ctx, 'orgs', c, 'org'));
    return rec;
  });
}

export interface SessionRow {
  id: string;
  title: string;
  type: 'schoolYear' | 'term' | 'gradingPeriod';
  startDate: string;
  endDate: string;
  parent: string | null;
  children: string[];
}

/** Calendar of one school year: semesters and quarters, identical in every school (real feeds copy them). */
export function calendar(schoolYear: number) {
  const y0 = schoolYear - 1;
  const y1 = schoolYear;
  return {
    year: { start: `${y0}-08-17`, end: `${y1}-06-11` },
    terms: [
      { key: 'S1', title: `Fall Semester ${y0}`, start: `${y0}-08-17`, end: `${y0}-12-18` },
      { key: 'S2', title: `Spring Semester ${y1}`, start: `${y1}-01-05`, end: `${y1}-06-11` },
    ],
    quarters: [
      { key: 'Q1', term: 0, title: 'Quarter 1', start: `${y0}-08-17`, end: `${y0}-10-16` },
      { key: 'Q2', term: 0, title: 'Quarter 2', start: `${y0}-10-19`, end: `${y0}-12-18` },
      { key: 'Q3', term: 1, title: 'Quarter 3', start: `${y1}-01-05`, end: `${y1}-03-12` },
      { key: 'Q4', term: 1, title: 'Quarter 4', start: `${y1}-03-15`, end: `${y1}-06-11` },
    ],
  } as const;
}

export function schoolYearId(plan: DistrictPlan): string {
  return `SY-${plan.spec.schoolYear}`;
}

export function termId(plan: DistrictPlan, schoolCode: string, termNo: number): string {
  return `T-${plan.spec.schoolYear}-S${termNo + 1}-${schoolCode}`;
}

export function sessionsTable(plan: DistrictPlan): Table {
  const Y = plan.spec.schoolYear;
  const cal = calendar(Y);
  const syId = schoolYearId(plan);
  const rows: SessionRow[] = [
    {
      id: syId,
      title: `${Y - 1}-${Y} School Year`,
      type: 'schoolYear',
      startDate: cal.year.start,
      endDate: cal.year.end,
      parent: null,
      children: plan.schools.flatMap((s) => cal.terms.map((_, t) => termId(plan, s.code, t))),
    },
  ];
  for (const school of plan.schools) {
    cal.terms.forEach((term, t) => {
      rows.push({
        id: termId(plan, school.code, t),
        title: term.title,
        type: 'term',
        startDate: term.start,
        endDate: term.end,
        parent: syId,
        children: cal.quarters.filter((q) => q.term === t).map((q) => `GP-${Y}-${q.key}-${school.code}`),
      });
    });
    for (const q of cal.quarters) {
      rows.push({
        id: `GP-${Y}-${q.key}-${school.code}`,
        title: q.title,
        type: 'gradingPeriod',
        startDate: q.start,
        endDate: q.end,
        parent: termId(plan, school.code, q.term),
        children: [],
      });
    }
  }
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return rowTable('academicSessions', rows, (row, i, ctx: BuildContext) => {
    const rec: JsonRecord = {
      sourcedId: row.id,
      status: 'active',
      dateLastModified: modifiedAt(plan, 11, i),
      title: row.title,
      type: row.type,
      startDate: row.startDate,
      endDate: row.endDate,
    };
    if (row.parent) rec.parent = ref(ctx, 'academicSessions', row.parent, 'academicSession');
    if (row.children.length) {
      rec.children = row.children.map((c): GuidRef => ref(ctx, 'academicSessions', c, 'academicSession'));
    }
    rec.schoolYear = String(Y);
    return rec;
  });
}
