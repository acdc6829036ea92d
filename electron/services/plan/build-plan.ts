import type Database from 'better-sqlite3';
import type { MappingOptions } from '../../../shared/mapping/options';
import type { Plan } from '../../../shared/plan/types';
import { planAccounts } from './accounts';
import { Interner, OptionLists, SkipCollector } from './collect';
import { buildCourses, layoutCourses } from './courses';
import { planEnrollments } from './enrollments';
import { readClasses, readCourses, readEnrollments, readOrgs, readSessions, readUsers } from './read';
import { usesField } from './templates';
import { planTerms } from './terms';
import { planUsers } from './users';

/**
 * The Canvas objects a sync of this snapshot would import under these mapping options (docs/mapping.md).
 * Pure and deterministic: it only reads the snapshot, and the same snapshot + options always give the same plan
 * (rows sorted by Canvas id; enrollments by class, user, role, sourcedId), so `JSON.stringify` is byte-identical.
 */
export function buildPlan(db: Database.Database, snapshotId: string, options: MappingOptions): Plan {
  const skipped = new SkipCollector();
  const optionLists = new OptionLists();
  const intern = new Interner();

  const orgs = readOrgs(db, snapshotId);
  const sessions = readSessions(db, snapshotId);
  const catalog = readCourses(db, snapshotId);
  const classes = readClasses(db, snapshotId);

  const accounts = planAccounts(orgs, options, skipped, optionLists);
  const terms = planTerms(sessions, classes, orgs, options, optionLists);
  const layout = layoutCourses(classes, catalog, accounts, terms, options);

  const users = planUsers(
    readUsers(db, snapshotId, {
      agents: options.observers,
      userIds: options.loginIdSource === 'userIds',
    }),
    options,
    skipped,
    optionLists,
    intern,
  );
  const wantTeachers = [
    options.courseLongNameTemplate,
    options.courseShortNameTemplate,
    options.sectionNameTemplate,
  ].some((t) => usesField(t, 'teacherLastName'));
  const enrollments = planEnrollments(
    (visit) => readEnrollments(db, snapshotId, visit),
    layout.courseOfClass,
    users.byId,
    options,
    skipped,
    optionLists,
    intern,
    wantTeachers,
  );
  const { courses, sections } = buildCourses(
    layout,
    {
      courses: catalog,
      accounts,
      terms,
      teacherLastName: (classId) => enrollments.teacherOf.get(classId) ?? '',
    },
    options,
    optionLists,
  );

  return {
    snapshotId,
    accounts: accounts.rows,
    terms: terms.rows,
    courses,
    sections,
    users: users.rows,
    enrollments: enrollments.rows,
    user_observers: users.observers,
    skipped: skipped.list(),
    notes: {
      rootOrgId: accounts.rootOrgId,
      rootReason: accounts.rootReason,
      rootName: accounts.accountName(''),
      termMerges: terms.merges,
      multiTerm: terms.multiTerm,
    },
  };
}
