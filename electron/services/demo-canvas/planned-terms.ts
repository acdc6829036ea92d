import { DEFAULT_MAPPING_OPTIONS } from '../../../shared/mapping/options';
import { parseRecord } from '../../../shared/oneroster/parse';
import type { EntityKind, RecordByKind } from '../../../shared/oneroster/types';
import { compareStrings, OptionLists } from '../plan/collect';
import type { ClassIn, OrgIn, SessionIn } from '../plan/read';
import { planTerms, type TermPlan } from '../plan/terms';
import type { JsonRecord } from '../demo-provider';

/**
 * The Canvas terms a previous integration would have left, and each class's term: the planner's own term choice
 * and per-school merge (planTerms, default mapping options), applied to the district's raw records read the way
 * a pull stores them (parseRecord) and the planner reads them back (sorted by sourcedId, read.ts). Reusing it
 * means a baseline with no scenarios keeps every planned term and never "moves" a course.
 */
export function plannedTerms(
  orgs: readonly JsonRecord[],
  sessions: readonly JsonRecord[],
  classes: readonly JsonRecord[],
): TermPlan {
  const orgIn = parsed('org', orgs).map((o): OrgIn => ({
    id: o.sourcedId,
    active: o.status !== 'tobedeleted',
    name: o.name,
    type: o.type,
    identifier: o.identifier,
    parentId: o.parentId,
  }));
  const sessionIn = parsed('academicSession', sessions).map((s): SessionIn => ({
    id: s.sourcedId,
    active: s.status !== 'tobedeleted',
    title: s.title,
    type: s.type,
    startDate: s.startDate,
    endDate: s.endDate,
    parentId: s.parentId,
  }));
  const classIn = parsed('class', classes).map((c): ClassIn => ({
    id: c.sourcedId,
    active: c.status !== 'tobedeleted',
    title: c.title,
    classCode: c.classCode,
    courseId: c.courseId,
    schoolId: c.schoolId,
    termIds: c.termIds,
    periods: c.periods,
  }));
  return planTerms(sessionIn, classIn, orgIn, DEFAULT_MAPPING_OPTIONS, new OptionLists());
}

/** Normalised records in sourcedId order; an unreadable record is left out, as the store would reject it. */
function parsed<K extends EntityKind>(kind: K, raws: readonly JsonRecord[]): Array<RecordByKind[K]> {
  const out: Array<RecordByKind[K]> = [];
  for (const raw of raws) {
    const { record } = parseRecord(kind, raw);
    if (record !== null) out.push(record);
  }
  return out.sort((a, b) => compareStrings(a.sourcedId, b.sourcedId));
}
