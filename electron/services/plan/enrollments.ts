import type { MappingOptions } from '../../../shared/mapping/options';
import { mapEnrollmentRole } from '../../../shared/plan/roles';
import type { EnrollmentRow, UserRow } from '../../../shared/plan/types';
import { statusOf, type Interner, type OptionLists, type SkipCollector } from './collect';
import type { EnrollmentVisitor } from './read';

export interface EnrollmentPlan {
  rows: EnrollmentRow[];
  /** class sourcedId → family name of its primary teacher (filled only when a template names {teacherLastName}). */
  teacherOf: Map<string, string>;
}

/**
 * enrollments.csv rows, streamed in class order (see readEnrollments): course/section from the class, role per the role map,
 * dates only when both are present (Canvas ignores one alone). Strings that repeat (ids of classes and users,
 * roles, dates) are shared, so a million rows stay compact.
 */
export function planEnrollments(
  read: (visit: EnrollmentVisitor) => void,
  courseOfClass: ReadonlyMap<string, string>,
  users: ReadonlyMap<string, UserRow>,
  options: MappingOptions,
  skipped: SkipCollector,
  optionLists: OptionLists,
  intern: Interner,
  wantTeachers: boolean,
): EnrollmentPlan {
  const rows: EnrollmentRow[] = [];
  const teacherOf = new Map<string, string>();
  const primaryKnown = new Set<string>();
  const sectionIds = new Map<string, string>();
  for (const [classId] of courseOfClass) sectionIds.set(classId, classId);
  // Per OneRoster role: the mapping for primary = null / true / false (no per-row key strings).
  const roleCache = new Map<string, Array<ReturnType<typeof mapEnrollmentRole> | undefined>>();
  const roleOptions = new Map<string, readonly string[]>();

  // Rows come in class order: remember the last class so most rows skip the map lookups.
  let lastClass: string | null = null;
  let lastSection: string | undefined;
  let lastCourse = '';
  let lastBegin: string | null = null;
  let lastEnd: string | null = null;
  read((id, active, userId, classId, rawRole, primary, begin, end) => {
    if (classId !== lastClass) {
      lastClass = classId;
      lastSection = classId === null ? undefined : sectionIds.get(classId);
      lastCourse = lastSection === undefined ? '' : courseOfClass.get(lastSection)!;
    }
    const sectionId = lastSection;
    if (sectionId === undefined) {
      skipped.add('enrollment', classId === null ? 'no class' : 'class not in the snapshot', id);
      return;
    }
    const user = userId === null ? undefined : users.get(userId);
    if (user === undefined) {
      skipped.add(
        'enrollment',
        userId === null ? 'no user' : 'user not in the plan (missing, or a skipped parent)',
        id,
      );
      return;
    }
    let byPrimary = roleCache.get(rawRole);
    if (!byPrimary) roleCache.set(rawRole, (byPrimary = []));
    const slot = primary === null ? 0 : primary ? 1 : 2;
    let mapped = byPrimary[slot];
    if (!mapped) byPrimary[slot] = mapped = mapEnrollmentRole(rawRole, primary, options);
    if (mapped.role === null) {
      skipped.add('enrollment', roleSkipReason(rawRole, mapped), id);
      return;
    }
    let opts = roleOptions.get(mapped.option);
    if (!opts) roleOptions.set(mapped.option, (opts = optionLists.of(mapped.option)));
    const both = begin !== null && end !== null && begin !== '' && end !== '';
    // Neighbouring rows (one class) share dates: reuse the interned strings without a map lookup.
    if (both && begin !== lastBegin) lastBegin = intern.of(begin);
    if (both && end !== lastEnd) lastEnd = intern.of(end);
    rows.push({
      course_id: lastCourse,
      section_id: sectionId,
      user_id: user.user_id,
      role: mapped.role,
      status: statusOf(active),
      start_date: both ? lastBegin! : '',
      end_date: both ? lastEnd! : '',
      source: id,
      options: opts,
    });
    if (wantTeachers && active && rawRole.toLowerCase() === 'teacher' && !primaryKnown.has(sectionId)) {
      // The first primary teacher wins; until one is seen, the first teacher stands in.
      if (primary === true) primaryKnown.add(sectionId);
      if (primary === true || !teacherOf.has(sectionId)) teacherOf.set(sectionId, user.last_name);
    }
  });
  return { rows, teacherOf };
}

function roleSkipReason(rawRole: string, mapped: ReturnType<typeof mapEnrollmentRole>): string {
  const role = rawRole.trim().toLowerCase() || '(none)';
  if (mapped.role !== null) return '';
  switch (mapped.reason) {
    case 'observer':
      return `role ${role}: observers are linked through user_observers, not enrolled`;
    case 'unknown':
      return `role ${role}: not a OneRoster enrollment role`;
    case 'unmapped':
      return `role ${role}: no Canvas role chosen (Mapping options › Enrollments › Canvas role for ${role})`;
  }
}
