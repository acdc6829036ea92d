import { writeBundle } from './helpers';

/**
 * A small district written by hand in each OneRoster CSV dialect (1.0, 1.1 bulk/delta, 1.2 bulk/delta with
 * roles.csv), with the roster text the redaction tests need ("Basic Mathematics", "Bearer Creek Elementary").
 * Line endings, BOM and the final newline are options, because exporters differ in all three.
 */

export const TOKEN_LIKE = 'Bearer 9f8e7d6c5b4a3f2e1d0c7b6a';

type Row = Record<string, string>;

export interface Format {
  crlf?: boolean;
  bom?: boolean;
  finalNewline?: boolean;
}

function quote(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function csv(columns: string[], rows: Row[], format: Format = {}): string {
  const eol = format.crlf ? '\r\n' : '\n';
  const lines = [columns.join(','), ...rows.map((r) => columns.map((c) => quote(r[c] ?? '')).join(','))];
  return `${format.bom ? '\uFEFF' : ''}${lines.join(eol)}${format.finalNewline === false ? '' : eol}`;
}

const STAMP = '2026-08-01T12:00:00Z';

/** 1.1 rows, status/dateLastModified blank (bulk style) unless `stamped`. */
export function district(stamped = false): Record<string, Row[]> {
  const base = (id: string): Row => ({
    sourcedId: id,
    status: stamped ? 'active' : '',
    dateLastModified: stamped ? STAMP : '',
  });
  return {
    orgs: [
      { ...base('d1'), name: 'Springfield USD', type: 'district' },
      { ...base('s1'), name: 'Bearer Creek Elementary', type: 'school', parentSourcedId: 'd1' },
    ],
    academicSessions: [
      {
        ...base('y1'),
        title: '2026-2027',
        type: 'schoolYear',
        startDate: '2026-08-17',
        endDate: '2027-06-11',
        schoolYear: '2027',
      },
      {
        ...base('t1'),
        title: 'Fall 2026',
        type: 'term',
        startDate: '2026-08-17',
        endDate: '2026-12-18',
        parentSourcedId: 'y1',
        schoolYear: '2027',
      },
    ],
    courses: [
      {
        ...base('c1'),
        title: 'Basic Mathematics',
        courseCode: 'MATH-B',
        orgSourcedId: 's1',
        schoolYearSourcedId: 'y1',
        grades: '05',
      },
      {
        ...base('c2'),
        title: 'Basic Detection',
        courseCode: 'SCI-D',
        orgSourcedId: 's1',
        schoolYearSourcedId: 'y1',
        grades: '05',
      },
    ],
    classes: [
      {
        ...base('k1'),
        title: 'Basic Mathematics',
        courseSourcedId: 'c1',
        classCode: 'MATH-B-1',
        classType: 'scheduled',
        schoolSourcedId: 's1',
        termSourcedIds: 't1',
        grades: '05',
      },
      {
        ...base('k2'),
        title: 'Basic Detection',
        courseSourcedId: 'c2',
        classCode: 'SCI-D-1',
        classType: 'scheduled',
        schoolSourcedId: 's1',
        termSourcedIds: 't1',
        grades: '05',
      },
    ],
    users: [
      {
        ...base('u1'),
        enabledUser: 'true',
        orgSourcedIds: 's1',
        role: 'teacher',
        username: 'jbasic',
        givenName: 'Jo',
        familyName: 'Basic',
        email: 'jo.basic@example.org',
        userIds: '{LDAP:t1}',
      },
      {
        ...base('u2'),
        enabledUser: 'true',
        orgSourcedIds: 's1',
        role: 'student',
        username: 'amy.b',
        givenName: 'Amy',
        familyName: TOKEN_LIKE,
        email: 'amy@example.org',
        grades: '05',
        userIds: '{LDAP:s2}',
      },
      {
        ...base('u3'),
        enabledUser: 'true',
        orgSourcedIds: 's1',
        role: 'student',
        username: 'ben.c',
        givenName: 'Ben',
        familyName: 'Creek',
        email: 'ben@example.org',
        grades: '05',
        userIds: '{LDAP:s3}',
      },
    ],
    enrollments: [
      {
        ...base('e1'),
        classSourcedId: 'k1',
        schoolSourcedId: 's1',
        userSourcedId: 'u1',
        role: 'teacher',
        primary: 'true',
      },
      {
        ...base('e2'),
        classSourcedId: 'k1',
        schoolSourcedId: 's1',
        userSourcedId: 'u2',
        role: 'student',
        primary: 'false',
      },
      {
        ...base('e3'),
        classSourcedId: 'k2',
        schoolSourcedId: 's1',
        userSourcedId: 'u1',
        role: 'teacher',
        primary: 'true',
      },
      {
        ...base('e4'),
        classSourcedId: 'k2',
        schoolSourcedId: 's1',
        userSourcedId: 'u3',
        role: 'student',
        primary: 'false',
      },
    ],
  };
}

const B = ['sourcedId', 'status', 'dateLastModified'];
export const COLUMNS_1_1: Record<string, string[]> = {
  orgs: [...B, 'name', 'type', 'identifier', 'parentSourcedId'],
  academicSessions: [...B, 'title', 'type', 'startDate', 'endDate', 'parentSourcedId', 'schoolYear'],
  courses: [
    ...B,
    'schoolYearSourcedId',
    'title',
    'courseCode',
    'grades',
    'orgSourcedId',
    'subjects',
    'subjectCodes',
  ],
  classes: [
    ...B,
    'title',
    'grades',
    'courseSourcedId',
    'classCode',
    'classType',
    'location',
    'schoolSourcedId',
    'termSourcedIds',
    'subjects',
    'subjectCodes',
    'periods',
  ],
  users: [
    ...B,
    'enabledUser',
    'orgSourcedIds',
    'role',
    'username',
    'userIds',
    'givenName',
    'familyName',
    'middleName',
    'identifier',
    'email',
    'sms',
    'phone',
    'agentSourcedIds',
    'grades',
    'password',
  ],
  enrollments: [
    ...B,
    'classSourcedId',
    'schoolSourcedId',
    'userSourcedId',
    'role',
    'primary',
    'beginDate',
    'endDate',
  ],
};

export function manifest(version: string, modes: Record<string, string>, format: Format = {}): string {
  const rows = [
    { propertyName: 'manifest.version', value: '1.0' },
    { propertyName: 'oneroster.version', value: version },
    ...Object.entries(modes).map(([k, v]) => ({ propertyName: `file.${k}`, value: v })),
  ];
  return csv(['propertyName', 'value'], rows, format);
}

const ALL_BULK = {
  academicSessions: 'bulk',
  categories: 'absent',
  classes: 'bulk',
  classResources: 'absent',
  courses: 'bulk',
  courseResources: 'absent',
  demographics: 'absent',
  enrollments: 'bulk',
  lineItems: 'absent',
  orgs: 'bulk',
  resources: 'absent',
  results: 'absent',
  users: 'bulk',
};

/** 1.1 bundle; `modes` override the all-bulk manifest (null = no manifest); `omit` leaves files out. */
export function write11(
  dir: string,
  options: {
    modes?: Record<string, string> | null;
    omit?: string[];
    format?: Format;
    stamped?: boolean;
  } = {},
): string {
  const d = district(options.stamped ?? false);
  const files: Record<string, string> = {};
  for (const [name, rows] of Object.entries(d)) {
    if (options.omit?.includes(name)) continue;
    files[`${name}.csv`] = csv(COLUMNS_1_1[name]!, rows, options.format);
  }
  if (options.modes !== null)
    files['manifest.csv'] = manifest('1.1', { ...ALL_BULK, ...options.modes }, options.format);
  return writeBundle(dir, files);
}

/** OneRoster 1.0: no manifest, singular/legacy column names, `inactive` status, no schoolYear/enabledUser. */
export function write10(dir: string): string {
  const d = district(true);
  d.users![2]!.status = 'inactive';
  const rename = (rows: Row[], map: Record<string, string>) =>
    rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [map[k] ?? k, v])));
  return writeBundle(dir, {
    'orgs.csv': csv([...B, 'name', 'type', 'identifier', 'parentSourcedId'], d.orgs!),
    'academicSessions.csv': csv(
      [...B, 'title', 'type', 'startDate', 'endDate', 'parentSourcedId'],
      d.academicSessions!,
    ),
    'courses.csv': csv(
      [...B, 'schoolYearId', 'title', 'courseCode', 'grade', 'orgSourcedId', 'subjects'],
      rename(d.courses!, { schoolYearSourcedId: 'schoolYearId', grades: 'grade' }),
    ),
    'classes.csv': csv(
      [
        ...B,
        'title',
        'grade',
        'courseSourcedId',
        'classCode',
        'classType',
        'location',
        'schoolSourcedId',
        'termSourcedId',
        'subjects',
      ],
      rename(d.classes!, { termSourcedIds: 'termSourcedId', grades: 'grade' }),
    ),
    'users.csv': csv(
      [
        ...B,
        'orgSourcedIds',
        'role',
        'username',
        'userId',
        'givenName',
        'familyName',
        'identifier',
        'email',
        'sms',
        'phone',
        'agents',
      ],
      rename(
        d.users!.map((u) => ({ ...u, userIds: u.userIds!.replace(/^\{LDAP:(.*)\}$/, '$1') })),
        { userIds: 'userId' },
      ),
    ),
    'enrollments.csv': csv(
      [...B, 'classSourcedId', 'schoolSourcedId', 'userSourcedId', 'role', 'primary'],
      d.enrollments!,
    ),
  });
}

/** OneRoster 1.2: roles.csv carries role + org per user, userProfiles.csv an app account, users.csv 1.2 columns. */
export function write12(dir: string, options: { delta?: boolean; format?: Format } = {}): string {
  const d = district(options.delta === true);
  const f = options.format;
  const users = d.users!.map((u, i) => ({
    ...u,
    userMasterIdentifier: `SIS-${i + 1}`,
    primaryOrgSourcedId: 's1',
    preferredFirstName: u.givenName!,
  }));
  const roles = d.users!.map((u, i) => ({
    sourcedId: `r${i + 1}`,
    status: options.delta ? 'active' : '',
    dateLastModified: options.delta ? STAMP : '',
    userSourcedId: u.sourcedId!,
    roleType: 'primary',
    role: u.role!,
    orgSourcedId: 's1',
  }));
  // A second, secondary role at the district for the teacher.
  roles.push({
    ...roles[0]!,
    sourcedId: 'r9',
    roleType: 'secondary',
    role: 'districtAdministrator',
    orgSourcedId: 'd1',
  });
  const mode = options.delta ? 'delta' : 'bulk';
  return writeBundle(dir, {
    'manifest.csv': manifest(
      '1.2',
      {
        ...Object.fromEntries(Object.entries(ALL_BULK).map(([k, v]) => [k, v === 'bulk' ? mode : v])),
        roles: mode,
        userProfiles: mode,
      },
      f,
    ),
    'orgs.csv': csv(COLUMNS_1_1.orgs!, d.orgs!, f),
    'academicSessions.csv': csv(COLUMNS_1_1.academicSessions!, d.academicSessions!, f),
    'courses.csv': csv(COLUMNS_1_1.courses!, d.courses!, f),
    'classes.csv': csv(COLUMNS_1_1.classes!, d.classes!, f),
    'users.csv': csv(
      [
        ...B,
        'enabledUser',
        'username',
        'userIds',
        'givenName',
        'familyName',
        'middleName',
        'identifier',
        'email',
        'sms',
        'phone',
        'agentSourcedIds',
        'grades',
        'password',
        'userMasterIdentifier',
        'resourceSourcedIds',
        'preferredFirstName',
        'preferredMiddleName',
        'preferredLastName',
        'primaryOrgSourcedId',
        'pronouns',
      ],
      users,
      f,
    ),
    'roles.csv': csv(
      [
        ...B,
        'userSourcedId',
        'roleType',
        'role',
        'beginDate',
        'endDate',
        'orgSourcedId',
        'userProfileSourcedId',
      ],
      roles,
      f,
    ),
    'userProfiles.csv': csv(
      [
        ...B,
        'userSourcedId',
        'profileType',
        'vendorId',
        'applicationId',
        'description',
        'credentialType',
        'username',
        'password',
      ],
      [
        {
          sourcedId: 'p1',
          status: '',
          dateLastModified: '',
          userSourcedId: 'u1',
          profileType: 'lms',
          vendorId: 'canvas',
          credentialType: 'password',
          username: 'jbasic',
          password: 'Pr0file-Secret!',
        },
      ],
      f,
    ),
    'enrollments.csv': csv(COLUMNS_1_1.enrollments!, d.enrollments!, f),
  });
}
