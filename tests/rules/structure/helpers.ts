import type Database from 'better-sqlite3';
import { expect } from 'vitest';
import { classRules } from '../../../electron/services/rules/families/classes';
import { courseRules } from '../../../electron/services/rules/families/courses';
import { idRules } from '../../../electron/services/rules/families/ids';
import { orgRules } from '../../../electron/services/rules/families/orgs';
import { recordRules } from '../../../electron/services/rules/families/records';
import { termRules } from '../../../electron/services/rules/families/terms';
import type { RuleHit, RuleModule } from '../../../electron/services/rules/types';
import { MappingOptions, type MappingOptionsInput } from '../../../shared/mapping/options';
import { ruleInfo } from '../../../shared/rules/catalog';
import { Finding, normaliseFindings } from '../../../shared/rules/finding';
import { fx, makeSnapshot, type FixtureRecords } from '../../../test-support/snapshot-fixture';

/** The structure rule modules (records, orgs, terms, classes, courses, ids), run the way the runner does: catalogue defaults, the shared Finding schema, normalised. */
export const STRUCTURE_RULES: readonly RuleModule[] = [
  recordRules,
  orgRules,
  termRules,
  classRules,
  courseRules,
  idRules,
];

export function runModules(
  db: Database.Database,
  snapshotId: string,
  options: MappingOptionsInput = {},
): Finding[] {
  const parsed = MappingOptions.parse(options);
  const out: Finding[] = [];
  for (const module of STRUCTURE_RULES) {
    module.run({
      db,
      snapshotId,
      options: parsed,
      report(hit: RuleHit) {
        expect(module.ruleIds).toContain(hit.ruleId);
        const info = ruleInfo(hit.ruleId);
        const { severity, remedy, ...rest } = hit;
        out.push(
          Finding.parse({ ...rest, severity: severity ?? info.severity, remedy: remedy ?? info.remedy }),
        );
      },
    });
  }
  const normalised = normaliseFindings(out);
  // One finding per (ruleId, entityType, sourcedId): reporting twice is a rule bug, not something to hide.
  expect(normalised.length).toBe(out.length);
  return normalised;
}

/** Writes the records into a real snapshot, runs the structure rules, cleans up. */
export function evaluate(records: FixtureRecords, options: MappingOptionsInput = {}): Finding[] {
  const snap = makeSnapshot(records);
  try {
    return runModules(snap.store.db, snap.snapshotId, options);
  } finally {
    snap.cleanup();
  }
}

export function only(findings: readonly Finding[], ruleId: string): Finding[] {
  return findings.filter((f) => f.ruleId === ruleId);
}

export function ids(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.entityType}:${f.sourcedId}`);
}

type Rec = Record<string, unknown>;
export interface District {
  orgs: Rec[];
  academicSessions: Rec[];
  courses: Rec[];
  classes: Rec[];
  users: Rec[];
  enrollments: Rec[];
}

const { ref } = fx;
export const sessionRef = (id: string) => ref('academicSession', id);
export const orgRef = (id: string) => ref('org', id);

/**
 * A small, clean district: one district, two schools, a school year with two semesters, one class per semester
 * per school with a teacher and a student each. Each test changes one thing.
 */
export function cleanDistrict(): District {
  const year = { startDate: '2026-08-17', endDate: '2027-06-11' };
  const fall = {
    title: 'Fall 2026',
    startDate: '2026-08-17',
    endDate: '2026-12-18',
    parent: sessionRef('SY-2027'),
  };
  const spring = {
    title: 'Spring 2027',
    startDate: '2027-01-05',
    endDate: '2027-06-11',
    parent: sessionRef('SY-2027'),
  };
  const classes: Rec[] = [];
  const users: Rec[] = [];
  const enrollments: Rec[] = [];
  for (const school of ['SCH-A', 'SCH-B']) {
    users.push(fx.user(`TCH-${school}`, 'teacher', [school]), fx.user(`STU-${school}`, 'student', [school]));
    for (const term of ['FALL', 'SPRING']) {
      const id = `CLS-${school}-${term}`;
      classes.push(fx.klass(id, `CRS-${school}`, school, [term]));
      enrollments.push(
        fx.enrollment(`ENR-${id}-T`, `TCH-${school}`, id, school, 'teacher'),
        fx.enrollment(`ENR-${id}-S`, `STU-${school}`, id, school, 'student'),
      );
    }
  }
  return {
    orgs: [
      fx.org('DIST', { type: 'district', name: 'Demo District' }),
      fx.org('SCH-A', { parent: orgRef('DIST') }),
      fx.org('SCH-B', { parent: orgRef('DIST') }),
    ],
    academicSessions: [
      fx.session('SY-2027', { title: '2026-2027', type: 'schoolYear', ...year }),
      fx.session('FALL', fall),
      fx.session('SPRING', spring),
    ],
    courses: [fx.course('CRS-SCH-A', 'SCH-A'), fx.course('CRS-SCH-B', 'SCH-B')],
    classes,
    users,
    enrollments,
  };
}

/** The clean district with one edit applied. */
export function districtWith(edit: (d: District) => void): District {
  const d = cleanDistrict();
  edit(d);
  return d;
}

export function byId(list: Rec[], id: string): Rec {
  const rec = list.find((r) => r.sourcedId === id);
  if (!rec) throw new Error(`no record ${id}`);
  return rec;
}
