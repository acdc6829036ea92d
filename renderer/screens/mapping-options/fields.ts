import type { MappingOptions } from '../../../shared/mapping/options';

/** Plain-language labels and help for every mapping option (docs/mapping.md), grouped as the editor shows them. */
export type ChoiceField = {
  kind: 'choice';
  key: keyof MappingOptions;
  label: string;
  help: string;
  choices: ReadonlyArray<{ value: string; label: string; help?: string }>;
};
export type TextField = {
  kind: 'text';
  key: keyof MappingOptions;
  label: string;
  help: string;
  placeholder?: string;
  /** Only shown when this returns true for the draft. */
  when?: (o: MappingOptions) => boolean;
};
export type SwitchField = { kind: 'switch'; key: keyof MappingOptions; label: string; help: string };
export type OptionField = ChoiceField | TextField | SwitchField;

export interface OptionSection {
  id: string;
  title: string;
  fields: OptionField[];
}

export const TEMPLATE_HELP =
  'Placeholders: {title} {classCode} {courseCode} {courseTitle} {period} {teacherLastName} {termTitle} {schoolName}.';

export const SECTIONS: readonly OptionSection[] = [
  {
    id: 'users',
    title: 'Users and logins',
    fields: [
      {
        kind: 'choice',
        key: 'userIdSource',
        label: 'Canvas SIS user id from',
        help: 'The id Canvas keys each user on (user_id). Changing it later means remapping every user.',
        choices: [
          { value: 'sourcedId', label: 'OneRoster sourcedId' },
          { value: 'identifier', label: 'OneRoster identifier (e.g. the SIS student number)' },
        ],
      },
      {
        kind: 'choice',
        key: 'loginIdSource',
        label: 'Canvas login from',
        help: 'What users type (or what SSO sends) to sign in: login_id.',
        choices: [
          { value: 'username', label: 'Username' },
          { value: 'email', label: 'Email address' },
          { value: 'userIds', label: 'A userIds entry of a given type' },
        ],
      },
      {
        kind: 'text',
        key: 'loginUserIdsType',
        label: 'userIds type that holds the login',
        help: 'For example "LDAP" or "SSO"; the value of that userIds entry becomes the login.',
        placeholder: 'LDAP',
        when: (o) => o.loginIdSource === 'userIds',
      },
      {
        kind: 'choice',
        key: 'integrationIdSource',
        label: 'Canvas integration id',
        help: 'A second id Canvas can match users on; helps when converting from another integration.',
        choices: [
          { value: 'identifier', label: 'OneRoster identifier, when present' },
          { value: 'none', label: 'Not sent' },
        ],
      },
    ],
  },
  {
    id: 'accounts',
    title: 'Schools and sub-accounts',
    fields: [
      {
        kind: 'choice',
        key: 'accountIdSource',
        label: 'Sub-account id from',
        help: 'The SIS id of each school’s Canvas sub-account (account_id).',
        choices: [
          { value: 'sourcedId', label: 'OneRoster sourcedId' },
          { value: 'identifier', label: 'OneRoster identifier' },
        ],
      },
      {
        kind: 'choice',
        key: 'orgLevels',
        label: 'Departments and other org levels',
        help: 'Orgs that are neither district nor school.',
        choices: [
          { value: 'flatten', label: 'Skip them (courses go to the school)' },
          { value: 'keep', label: 'Keep them as sub-account levels' },
        ],
      },
      {
        kind: 'text',
        key: 'rootOrgId',
        label: 'Root org sourcedId',
        help: 'Only when the feed has several district orgs: which one is the Canvas root account. Leave empty for automatic.',
        placeholder: 'automatic',
      },
    ],
  },
  {
    id: 'courses',
    title: 'Courses and sections',
    fields: [
      {
        kind: 'choice',
        key: 'courseMode',
        label: 'Canvas courses',
        help: 'How OneRoster classes become Canvas courses.',
        choices: [
          {
            value: 'perClass',
            label: 'One course per class',
            help: 'Each class is its own course with one section.',
          },
          {
            value: 'perCourseTermSchool',
            label: 'One course per course, term and school',
            help: 'Classes of the same course become sections of one shared course (fewer shells).',
          },
        ],
      },
      {
        kind: 'text',
        key: 'courseLongNameTemplate',
        label: 'Course name',
        help: TEMPLATE_HELP,
        placeholder: '{title}',
      },
      {
        kind: 'text',
        key: 'courseShortNameTemplate',
        label: 'Course code',
        help: TEMPLATE_HELP,
        placeholder: '{classCode}',
      },
      {
        kind: 'text',
        key: 'sectionNameTemplate',
        label: 'Section name',
        help: TEMPLATE_HELP,
        placeholder: '{title}',
      },
    ],
  },
  {
    id: 'terms',
    title: 'Terms',
    fields: [
      {
        kind: 'switch',
        key: 'termMerge',
        label: 'Merge per-school copies of a term',
        help: 'Sessions with the same title and dates (or a common term id) become one Canvas term.',
      },
    ],
  },
  {
    id: 'enrollments',
    title: 'Enrollments',
    fields: [
      {
        kind: 'choice',
        key: 'nonPrimaryTeacherRole',
        label: 'Teachers who are not primary',
        help: 'Enrollments with primary=false.',
        choices: [
          { value: 'teacher', label: 'Teacher' },
          { value: 'ta', label: 'TA' },
        ],
      },
      {
        kind: 'switch',
        key: 'observers',
        label: 'Parents and guardians as observers',
        help: 'Creates observer links from agents (user_observers.csv). Off in a standard ClassLink conversion.',
      },
      {
        kind: 'choice',
        key: 'dropStatus',
        label: 'Enrollments missing from the feed become',
        help: 'What batch or diffing imports do with enrollments that disappear.',
        choices: [
          { value: 'deleted', label: 'Deleted' },
          { value: 'completed', label: 'Completed (concluded)' },
          { value: 'inactive', label: 'Inactive' },
        ],
      },
    ],
  },
];

export const ROLE_KEYS = ['student', 'teacher', 'aide', 'proctor', 'administrator'] as const;
export type RoleKey = (typeof ROLE_KEYS)[number];

export const ROLE_LABEL: Record<RoleKey, string> = {
  student: 'Student',
  teacher: 'Teacher',
  aide: 'Aide',
  proctor: 'Proctor',
  administrator: 'Administrator',
};

export const CANVAS_ROLES = ['student', 'teacher', 'ta', 'observer', 'designer'] as const;
