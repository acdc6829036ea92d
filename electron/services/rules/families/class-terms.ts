import type Database from 'better-sqlite3';
import { chooseClassTerm, type SessionSpan, type TermChoice } from '../../../../shared/plan/term-choice';

/** An academic session as the term and class rules read it (loaded by terms.ts). */
export interface SessionRow {
  id: string;
  title: string;
  type: string;
  startDate: string | null;
  endDate: string | null;
  parentId: string | null;
  schoolYear: string | null;
  active: boolean;
  /** Schema issues of the date fields (only read for sessions with a missing date). */
  dateIssues: string[];
}

/**
 * Classes with their school and term list, read once per snapshot and shared by the term and class rules
 * (CLASS-NO-TERM, CLASS-MULTI-TERM, TERM-DUPLICATE, TERM-OVERLAP). One pass over the classes table reading the
 * term_ids column beats joining class_terms to classes row by row.
 */
export interface ClassTerms {
  id: string;
  title: string | null;
  schoolId: string | null;
  termIds: string[];
  active: boolean;
}

let cache: { db: Database.Database; key: string; classes: ClassTerms[] } | null = null;

export function loadClassTerms(db: Database.Database, snapshotId: string): ClassTerms[] {
  // The rule modules of one evaluation run back to back; the row count and last row id guard against a
  // snapshot that changed in between (only a running snapshot can).
  const stamp = db
    .prepare("SELECT COUNT(*) || '/' || IFNULL(MAX(id), 0) FROM classes WHERE snapshot_id = ?")
    .pluck()
    .get(snapshotId) as string;
  const key = `${snapshotId}\u0000${stamp}`;
  if (cache !== null && cache.db === db && cache.key === key) return cache.classes;
  const rows = db
    .prepare(
      'SELECT sourced_id, title, school_id, term_ids, status FROM classes WHERE snapshot_id = ? ORDER BY sourced_id',
    )
    .raw()
    .all(snapshotId) as Array<[string, string | null, string | null, string | null, string]>;
  const classes = rows.map(([id, title, schoolId, termIds, status]) => ({
    id,
    title,
    schoolId,
    termIds: termIds === null ? [] : [...new Set(JSON.parse(termIds) as string[])],
    active: status === 'active',
  }));
  cache = { db, key, classes };
  return classes;
}

export interface ClassTermChoice {
  classId: string;
  schoolId: string | null;
  /** The class's sessions that exist (a grading period stands for its parent term), sorted by sourcedId. */
  candidates: string[];
  chosen: string;
  reason: TermChoice['reason'];
}

/**
 * The Canvas term of every active class, chosen exactly as the planner does (shared/plan/term-choice): the
 * class's sessions that exist, a grading period replaced by its parent term, then the containing session,
 * else the longest.
 */
export function classTermChoices(
  db: Database.Database,
  snapshotId: string,
  sessions: ReadonlyMap<string, SessionRow>,
): ClassTermChoice[] {
  const out: ClassTermChoice[] = [];
  for (const cls of loadClassTerms(db, snapshotId)) {
    if (!cls.active) continue;
    const spans = new Map<string, SessionSpan>();
    for (const termId of cls.termIds) {
      let s = sessions.get(termId);
      if (s?.type === 'gradingPeriod' && s.parentId !== null) {
        const parent = sessions.get(s.parentId);
        if (parent !== undefined && parent.type !== 'gradingPeriod') s = parent;
      }
      if (s !== undefined) spans.set(s.id, { sourcedId: s.id, startDate: s.startDate, endDate: s.endDate });
    }
    const choice = chooseClassTerm([...spans.values()]);
    if (choice === null) continue;
    out.push({
      classId: cls.id,
      schoolId: cls.schoolId,
      candidates: [...spans.keys()].sort(),
      chosen: choice.chosen,
      reason: choice.reason,
    });
  }
  return out;
}
