/**
 * Canvas's own row messages, word for word as its SIS importer writes them (docs/canvas-importer.md), so a
 * predicted message can be compared with what Canvas returns. Only text lives here: the predictor and the Canvas
 * double each decide on their own when a message applies.
 */

/** "SIS ID X" when the holder has one, else "Canvas ID N" (the holder's Canvas user id). */
export const holderLabel = (sisId: string, canvasUserId: string): string =>
  sisId !== '' ? `SIS ID ${sisId}` : `Canvas ID ${canvasUserId}`;

export const MSG = {
  // change_sis_id.csv
  changeNoType: () => 'No type given for change_sis_id',
  changeNoOld: () => 'No old_id or old_integration_id given for change_sis_id',
  changeNoNew: () => 'No new_id or new_integration_id given for change_sis_id',
  changeBadType: (type: string) => `Invalid type '${type}' for change_sis_id`,
  changeNewExists: (newId: string, type: string, column: string, oldId: string) =>
    `A new_id, '${newId}', referenced an existing ${type} and the ${type} with ${column} '${oldId}' was not updated`,
  changeOldMissing: (oldId: string, type: string) =>
    `An old_id, '${oldId}', referenced a non-existent ${type} and was not changed.`,

  // accounts.csv
  accountNoId: () => 'No account_id given for an account',
  accountNoParent: (id: string) => `Parent account didn't exist for ${id}`,
  accountNoName: (id: string) => `No name given for account ${id}, skipping`,
  accountBadStatus: (id: string, status: string) => `Improper status "${status}" for account ${id}, skipping`,

  // terms.csv
  termNoId: () => 'No term_id given for a term',
  termNoName: (id: string) => `No name given for term ${id}`,
  termBadStatus: (id: string, status: string) => `Improper status "${status}" for term ${id}`,

  // courses.csv
  courseNoId: () => 'No course_id given for a course',
  courseNoShortName: (id: string) => `No short_name given for course ${id}`,
  courseNoLongName: (id: string) => `No long_name given for course ${id}`,
  courseBadStatus: (id: string, status: string) => `Improper status "${status}" for course ${id}`,

  // sections.csv
  sectionNoId: (course: string) => `No section_id given for a section in course ${course}`,
  sectionNoCourse: (id: string) => `No course_id given for a section ${id}`,
  sectionNoName: (id: string, course: string) => `No name given for section ${id} in course ${course}`,
  sectionBadStatus: (id: string, course: string, status: string) =>
    `Improper status "${status}" for section ${id} in course ${course}`,
  sectionNoCourseFound: (id: string, course: string) =>
    `Section ${id} references course ${course} which doesn't exist`,

  // users.csv
  userNoId: () => 'No user_id given for a user',
  userNoLogin: (id: string) => `No login_id given for user ${id}`,
  userNoStatus: (id: string) => `No status given for user ${id}`,
  userBadStatus: (id: string) => `Improper status for user ${id}`,
  loginClaimed: (holder: string, userId: string) =>
    `An existing Canvas user with the ${holder} has already claimed ${userId}'s user_id requested login information, skipping`,
  integrationClaimed: (holder: string, userId: string) =>
    `An existing Canvas user with the ${holder} has already claimed ${userId}'s requested integration_id, skipping`,
  loginTooLong: (userId: string) =>
    `Could not save the user with user_id: '${userId}'. Unknown reason: unique_id is too long (maximum is 100 characters)`,
  loginInvalid: (userId: string, login: string) =>
    `Could not save the user with user_id: '${userId}'. Invalid login_id: '${login}'`,

  // enrollments.csv
  enrollNoContext: () => 'No course_id or section_id given for an enrollment',
  enrollNoUser: () => 'No user_id given for an enrollment',
  enrollBadStatus: (status: string) => `Improper status "${status}" for an enrollment`,
  enrollUserNotFound: (user: string, course: string, section: string) =>
    `User not found for enrollment (User ID: ${user}, Course ID: ${course}, Section ID: ${section})`,
  enrollNeither: (course: string, section: string, user: string) =>
    `Neither course nor section existed for user enrollment (Course ID: ${course}, Section ID: ${section}, User ID: ${user})`,
  enrollNoSection: (section: string) => `An enrollment referenced a non-existent section ${section}`,
  enrollNoCourse: (course: string) => `An enrollment referenced a non-existent course ${course}`,
  enrollUnrelated: (section: string, course: string, user: string) =>
    `An enrollment listed a section (${section}) and a course (${course}) that are unrelated for user (${user})`,
  enrollBadRole: (role: string) => `Improper role "${role}" for an enrollment`,
  enrollDeletedUser: (user: string, course: string) =>
    `Attempted enrolling of deleted user ${user} in course ${course}`,
  enrollDeletedLogin: (login: string, course: string) =>
    `Attempted enrolling with deleted sis login ${login} in course ${course}`,
  enrollOtherLogin: (user: string, course: string) =>
    `Enrolled a user ${user} in course ${course}, but referenced a deleted sis login`,

  // user_observers.csv
  observerNoUser: (id: string) => `An observer referenced a non-existent user ${id}`,
  studentNoUser: (id: string) => `A student referenced a non-existent user ${id}`,

  // whole import
  batchTermNotFound: () => 'Batch mode specified, but the given batch_mode_term_id cannot be found.',
  thresholdExceeded: (n: number, type: string, threshold: number) =>
    `${n} ${type} would be deleted and exceeds the set threshold of ${threshold}%`,
  diffingSkipped: () => 'Diffing not performed because file size difference exceeded threshold',
} as const;

/** Canvas's rule for a login (Pseudonym unique_id): 1–100 characters, all printable. */
export const LOGIN_MAX = 100;
/** Not [[:print:]] in Ruby: controls, unassigned and surrogate code points, line and paragraph separators. */
export const NON_PRINTABLE = /[\p{Cc}\p{Cn}\p{Cs}\p{Zl}\p{Zp}]/u;

/** Built-in enrollment roles, matched the way Canvas's importer matches them. */
export function builtInRole(role: string): string | null {
  if (/^teacher$/i.test(role)) return 'TeacherEnrollment';
  if (/^student/i.test(role)) return 'StudentEnrollment';
  if (/^ta$/i.test(role)) return 'TaEnrollment';
  if (/^observer$/i.test(role)) return 'ObserverEnrollment';
  if (/^designer$/i.test(role)) return 'DesignerEnrollment';
  return null;
}
