import type { Severity } from './finding';

/** Stable rule ids (docs/rules.md). Ids never change; titles and remedies may be reworded. */
export interface RuleInfo {
  id: string;
  family: 'connectivity' | 'oneroster' | 'conversion';
  severity: Severity;
  title: string;
  remedy: string;
}

const conn = (id: string, severity: Severity, title: string, remedy: string): RuleInfo => ({
  id,
  family: 'connectivity',
  severity,
  title,
  remedy,
});
const data = (id: string, severity: Severity, title: string, remedy: string): RuleInfo => ({
  id,
  family: 'oneroster',
  severity,
  title,
  remedy,
});
const cnv = (id: string, severity: Severity, title: string, remedy: string): RuleInfo => ({
  id,
  family: 'conversion',
  severity,
  title,
  remedy,
});

export const RULES: readonly RuleInfo[] = [
  conn(
    'CONN-REACH',
    'blocker',
    'Server not reachable',
    'Check the base URL, and that no VPN, proxy or firewall blocks this computer from the OneRoster server.',
  ),
  conn(
    'CONN-TLS',
    'blocker',
    'TLS certificate problem',
    'The server certificate is invalid, expired or for another host name. Ask the district or provider to fix the certificate; never turn certificate checks off.',
  ),
  conn(
    'CONN-TLS-INSPECTION',
    'blocker',
    'Certificate from a TLS-inspecting filter or private authority',
    "A valid certificate for the host, issued by an authority this computer does not trust: usually the district's web filter inspecting TLS. Ask the network team for the filter's root certificate (PEM) and set it as the profile's CA file or in NODE_EXTRA_CA_CERTS, or have the filter exempt this host.",
  ),
  conn(
    'CONN-PROXY',
    'blocker',
    'Proxy refused the connection',
    'The proxy between this computer and the server asked for credentials (407), refused to connect to the server, or could not be reached. Check the proxy settings and credentials, or ask the network team to allow the host.',
  ),
  conn(
    'CONN-INSECURE-HTTP',
    'blocker',
    'Plain http to a network host',
    'Use the https:// address: plain http would send credentials and student data unencrypted. Plain http is only accepted for this computer (localhost).',
  ),
  conn(
    'CONN-BASE-PATH',
    'blocker',
    'Wrong base path',
    'Use the suggested base URL (OneRoster 1.1 lives under /ims/oneroster/v1p1).',
  ),
  conn(
    'CONN-AUTH',
    'blocker',
    'Authentication rejected',
    'Check the client key and secret, the signature method (HMAC-SHA256 vs HMAC-SHA1), or for OAuth 2 the token URL and scope.',
  ),
  conn(
    'CONN-CLOCK',
    'blocker',
    'System clock differs from the server',
    "Set this computer's clock automatically (NTP): OAuth 1.0a timestamps more than 5 minutes off are rejected.",
  ),
  conn(
    'CONN-FORBIDDEN',
    'blocker',
    'Endpoint refused (403)',
    'The district must share this endpoint with the application (ClassLink: app permissions / data sharing settings).',
  ),
  conn(
    'CONN-ENDPOINT',
    'blocker',
    'Endpoint failed',
    'Retry; if it keeps failing, send the district or provider the failing URL and status code.',
  ),
  conn(
    'CONN-ENVELOPE',
    'warning',
    'Unexpected response envelope',
    'The response used a non-standard shape; the pull adapts, but tell the provider.',
  ),
  conn(
    'CONN-PAGING',
    'warning',
    'Paging does not behave as specified',
    'The pull adapts (smaller pages, no total); tell the provider if totals are missing or wrong.',
  ),
  conn(
    'CONN-RATE',
    'warning',
    'Rate limited (429)',
    'Lower the concurrency for this district; the rate that worked is shown.',
  ),
  conn(
    'CONN-SLOW',
    'info',
    'Slow responses',
    'Expect a long pull; schedule it off-peak or raise the page size.',
  ),
  conn(
    'CONN-EMPTY',
    'warning',
    'Collection is empty',
    'Data may not be shared: check the district sharing settings for this application.',
  ),

  data(
    'OR-SCHEMA',
    'warning',
    'Record violates the OneRoster 1.1 model',
    'Fix the listed fields in the SIS or the roster export.',
  ),
  data(
    'OR-DUP-ID',
    'blocker',
    'Duplicate sourcedId',
    'Each record needs a unique sourcedId; fix the export so one id means one record.',
  ),
  data(
    'OR-REF-MISSING',
    'blocker',
    'Reference to a missing record',
    'Share the referenced record, or fix the reference in the SIS.',
  ),
  data(
    'OR-REF-DELETED',
    'warning',
    'Reference to a record marked tobedeleted',
    'Point the active record at an active one, or mark it tobedeleted too.',
  ),
  data(
    'OR-STATUS-TOBEDELETED',
    'info',
    'Records marked tobedeleted',
    'These become deletions in Canvas; check they are intended.',
  ),
  data(
    'OR-FILE-MISSING',
    'blocker',
    'A collection the plan needs is missing',
    'Export the full roster again with every file (orgs, academicSessions, courses, classes, users, enrollments), or share the endpoint that returned nothing, then import or pull again.',
  ),
  data(
    'OR-COLUMN-MISSING',
    'warning',
    'A required column is missing from a file',
    'Add the column to the export (check the SIS export template against the OneRoster CSV format), then import again.',
  ),
  data(
    'OR-BUNDLE-DELTA',
    'blocker',
    'The bundle holds changes only (delta), not the whole district',
    'Ask the SIS for a bulk (full) export to check readiness; a delta snapshot cannot feed a batch or diffing sync, nor a comparison, as if it were complete.',
  ),
  data(
    'OR-MANIFEST',
    'warning',
    'manifest.csv is missing or cannot be read',
    'Export the bundle with its manifest.csv (propertyName,value rows such as file.users,bulk and oneroster.version,1.1) so each file says whether it is bulk or delta.',
  ),
  data(
    'OR-DIALECT',
    'info',
    'The feed is not OneRoster 1.1; it was read onto the 1.1 model',
    'Nothing to do if the listed mappings are right; otherwise export the bundle as OneRoster 1.1 CSV.',
  ),
  data(
    'OR-IMPORT',
    'warning',
    'Problem reading a file of the bundle',
    'Fix the file in the export as described, then import again.',
  ),
  data(
    'ORG-NO-DISTRICT',
    'blocker',
    'No single district org',
    'Exactly one org of type district must be the root; choose the root org in the mapping options.',
  ),
  data(
    'ORG-CYCLE',
    'blocker',
    'Org parent chain loops',
    'Fix the org parent references so they form a tree.',
  ),
  data(
    'ORG-SCHOOL-NO-PARENT',
    'warning',
    'School without a parent district',
    'Set the school parent to the district org.',
  ),
  data(
    'TERM-DATES-INVALID',
    'blocker',
    'Term dates missing or invalid',
    'Give the session valid startDate and endDate (YYYY-MM-DD, end after start).',
  ),
  data(
    'TERM-OUTSIDE-PARENT',
    'warning',
    'Term outside its school year',
    'Align the term dates with its parent school year.',
  ),
  data(
    'TERM-DUPLICATE',
    'warning',
    'Per-school copies of one term',
    'Merge them into one Canvas term (mapping option) or give them a common term id.',
  ),
  data(
    'TERM-OVERLAP',
    'info',
    'Overlapping sessions',
    'Check that overlapping sessions of the same type are intended.',
  ),
  data(
    'CLASS-NO-TERM',
    'blocker',
    'Class without a term',
    'Give the class a term; otherwise its Canvas course lands in the Default Term.',
  ),
  data(
    'CLASS-MULTI-TERM',
    'warning',
    'Class in several terms',
    'Put the class in one term, or check the term the plan chose.',
  ),
  data(
    'CLASS-NO-TEACHER',
    'warning',
    'Class without an active teacher',
    'Enroll a teacher in the class in the SIS.',
  ),
  data('CLASS-NO-STUDENT', 'info', 'Class without students', 'Check whether the class should be synced.'),
  data(
    'CLASS-SCHOOL-MISMATCH',
    'warning',
    "Class school differs from its course's school",
    'Align class.school with course.org.',
  ),
  data(
    'COURSE-NO-CLASS',
    'info',
    'Course with no classes',
    'Nothing to do unless classes are missing from the feed.',
  ),
  data(
    'USER-NO-USERNAME',
    'blocker',
    'User without username',
    'Give every active user a username (Canvas login_id).',
  ),
  data(
    'USER-DUP-USERNAME',
    'blocker',
    'Username shared by several users',
    'Make usernames unique (case-insensitively); Canvas login ids collide otherwise.',
  ),
  data(
    'USER-BAD-USERNAME',
    'blocker',
    'Username Canvas cannot take as a login',
    'Canvas accepts 1–100 printable characters as a login_id: shorten the username or remove its control characters.',
  ),
  data('USER-NO-EMAIL', 'warning', 'User without email', 'Add an email address for students and teachers.'),
  data(
    'USER-DUP-EMAIL',
    'warning',
    'Email shared by several users',
    'Give each user their own email address.',
  ),
  data('USER-NO-ORG', 'warning', 'User without orgs', 'Attach the user to their school or district.'),
  data(
    'USER-NO-ENROLLMENT',
    'info',
    'Student without enrollments',
    'Check whether the student should have classes.',
  ),
  data(
    'USER-DISABLED-ENROLLED',
    'warning',
    'Disabled user with active enrollments',
    'Enable the user or end the enrollments.',
  ),
  data(
    'USER-PASSWORD-PRESENT',
    'warning',
    'Feed carries passwords',
    'Stop sending passwords in the feed; they are never stored in reports and must not be sent to Canvas with SSO.',
  ),
  data(
    'USER-ROLE-MISMATCH',
    'warning',
    'Enrollment role contradicts user role',
    'Fix the user role or the enrollment role in the SIS.',
  ),
  data(
    'ENR-DUPLICATE',
    'warning',
    'Duplicate enrollment',
    'Keep one active enrollment per user, class and role.',
  ),
  data(
    'ENR-NO-DATES',
    'warning',
    'Enrollment without dates',
    'Send both beginDate and endDate (Instructure requires both).',
  ),
  data(
    'ENR-OUTSIDE-TERM',
    'warning',
    "Enrollment outside the class's term",
    'Align enrollment dates with the term.',
  ),
  data(
    'ENR-ROLE-UNMAPPED',
    'warning',
    'Enrollment role has no Canvas role',
    'Map the role in the mapping options, or accept that it is skipped.',
  ),
  data(
    'ENR-SCHOOL-MISMATCH',
    'info',
    'Enrollment school differs from class school',
    'Align enrollment.school with class.school.',
  ),
  data('ENR-MULTI-PRIMARY', 'info', 'Several primary teachers', 'Mark one teacher primary per class.'),
  data(
    'SID-FORMAT',
    'warning',
    'Problematic sourcedId',
    'Remove spaces, control characters and "/" from ids; keep them under 255 characters.',
  ),

  cnv(
    'CNV-USER-REMAP',
    'warning',
    'Existing Canvas user has another SIS id',
    'Review the proposed change_sis_id row and accept it to keep the existing account.',
  ),
  cnv(
    'CNV-LOGIN-CLAIMED',
    'blocker',
    'Login already claimed by another user',
    'Remap the existing user or change the username; Canvas would skip the row.',
  ),
  cnv(
    'CNV-SISID-TAKEN',
    'blocker',
    'SIS id belongs to another Canvas object',
    'Free the SIS id in Canvas or choose another id source.',
  ),
  cnv('CNV-USER-AMBIGUOUS', 'warning', 'Ambiguous user match', 'Resolve by hand: several candidates match.'),
  cnv(
    'CNV-TERM-REMAP',
    'warning',
    'Existing term has another SIS id',
    'Accept the remap to keep the existing term.',
  ),
  cnv(
    'CNV-TERM-DATES',
    'warning',
    'Term dates differ from Canvas',
    'Check the dates; empty dates would clear Canvas dates.',
  ),
  cnv(
    'CNV-ACCOUNT-REMAP',
    'warning',
    'Existing sub-account has another SIS id',
    'Accept the remap to keep the existing sub-account.',
  ),
  cnv(
    'CNV-ACCOUNT-MISSING',
    'warning',
    'School has no sub-account',
    'The sync creates it; check where its courses land.',
  ),
  cnv(
    'CNV-COURSE-REMAP',
    'warning',
    'Existing course has another SIS id',
    'Accept the remap to keep the existing course and its content.',
  ),
  cnv(
    'CNV-COURSE-DUPLICATE',
    'blocker',
    'Would create a duplicate course',
    'Remap the existing course; otherwise students lose access to their work.',
  ),
  cnv(
    'CNV-COURSE-ORPHAN',
    'warning',
    'Existing course left behind',
    'Decide whether to remap, conclude or delete it.',
  ),
  cnv('CNV-XLIST', 'warning', 'Crosslisted section would move', 'Check crosslistings before the sync.'),
  cnv(
    'CNV-ENR-DROP',
    'warning',
    'Existing enrollments absent from the plan',
    'Check the import mode: batch or diffing would drop these.',
  ),
  cnv(
    'CNV-THRESHOLD',
    'blocker',
    'Deletions exceed change_threshold',
    'Review the deletions or raise change_threshold deliberately.',
  ),
  cnv('CNV-MULTI-LOGIN', 'info', 'Canvas user with several logins', 'Check which login the sync updates.'),
  cnv(
    'CNV-ROW-SKIPPED',
    'blocker',
    'Canvas would skip or reject this row',
    "Fix what Canvas's message names (or the row it depends on), then evaluate again.",
  ),
];

export const RULES_BY_ID: ReadonlyMap<string, RuleInfo> = new Map(RULES.map((r) => [r.id, r]));

export function ruleInfo(id: string): RuleInfo {
  const rule = RULES_BY_ID.get(id);
  if (!rule) throw new Error(`Unknown rule id ${id}`);
  return rule;
}
