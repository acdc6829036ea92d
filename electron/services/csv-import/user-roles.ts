import type { Readable } from 'node:stream';
import { readCsvRows, type CsvReadStats } from './csv-rows';
import type { ProblemList } from './problems';

/**
 * OneRoster 1.2 CSV keeps a user's roles (role, roleType, org) in roles.csv and their application accounts in
 * userProfiles.csv. Both are read before users.csv and attached to each user record as the JSON binding's
 * `roles[]` and `userProfiles[]`, so the one parser reads the primary role and the orgs (docs/oneroster-dialects.md).
 * Passwords in userProfiles.csv are never kept.
 */

interface GuidRef {
  href: string;
  sourcedId: string;
  type: string;
}

export interface UserSideData {
  roles: Map<string, Array<Record<string, unknown>>>;
  profiles: Map<string, Array<Record<string, unknown>>>;
}

export function emptySideData(): UserSideData {
  return { roles: new Map(), profiles: new Map() };
}

const ref = (id: string, type: string, path: string): GuidRef => ({
  href: `/${path}/${encodeURIComponent(id)}`,
  sourcedId: id,
  type,
});

/** Reads a small CSV into header-keyed rows (lower-case keys), reporting unreadable rows. */
async function* keyedRows(
  input: Readable,
  file: string,
  problems: ProblemList,
): AsyncGenerator<{ line: number; get: (column: string) => string }> {
  const stats: CsvReadStats = { replacementCharLines: 0, firstReplacementLine: null };
  let header: string[] | null = null;
  let index = new Map<string, number>();
  for await (const batch of readCsvRows(input, stats)) {
    for (const row of batch) {
      if (row.error !== undefined) {
        problems.add({
          file,
          line: row.line,
          severity: 'error',
          code: row.error.code,
          message: `${file} line ${row.line}: ${row.error.message}; the row was not read`,
        });
        continue;
      }
      if (header === null) {
        header = row.fields.map((f) => f.trim().toLowerCase());
        index = new Map(header.map((h, i) => [h, i]));
        continue;
      }
      const fields = row.fields;
      yield { line: row.line, get: (c) => (fields[index.get(c.toLowerCase()) ?? -1] ?? '').trim() };
    }
  }
}

/** roles.csv: sourcedId, status, dateLastModified, userSourcedId, roleType, role, beginDate, endDate, orgSourcedId, userProfileSourcedId. */
export async function readRoles(input: Readable, side: UserSideData, problems: ProblemList): Promise<void> {
  for await (const row of keyedRows(input, 'roles.csv', problems)) {
    const user = row.get('userSourcedId');
    if (user === '') {
      problems.add({
        file: 'roles.csv',
        line: row.line,
        column: 'userSourcedId',
        severity: 'error',
        code: 'role_without_user',
        message: `roles.csv line ${row.line} names no user (userSourcedId is empty); the role was not imported`,
      });
      continue;
    }
    if (row.get('status').toLowerCase() === 'tobedeleted') continue;
    const entry: Record<string, unknown> = { roleType: row.get('roleType'), role: row.get('role') };
    const org = row.get('orgSourcedId');
    if (org !== '') entry.org = ref(org, 'org', 'orgs');
    for (const k of ['beginDate', 'endDate']) if (row.get(k) !== '') entry[k] = row.get(k);
    const profile = row.get('userProfileSourcedId');
    if (profile !== '') entry.userProfile = profile;
    const list = side.roles.get(user);
    if (list === undefined) side.roles.set(user, [entry]);
    else list.push(entry);
  }
}

/** userProfiles.csv: the account a user has in another application; the password column is dropped. */
export async function readUserProfiles(
  input: Readable,
  side: UserSideData,
  problems: ProblemList,
): Promise<void> {
  for await (const row of keyedRows(input, 'userProfiles.csv', problems)) {
    const user = row.get('userSourcedId');
    if (user === '' || row.get('status').toLowerCase() === 'tobedeleted') continue;
    const profile: Record<string, unknown> = { profileId: row.get('sourcedId') };
    for (const k of ['profileType', 'vendorId', 'applicationId', 'description'])
      if (row.get(k) !== '') profile[k] = row.get(k);
    if (row.get('credentialType') !== '' || row.get('username') !== '') {
      profile.credentials = [{ type: row.get('credentialType'), username: row.get('username') }];
    }
    const list = side.profiles.get(user);
    if (list === undefined) side.profiles.set(user, [profile]);
    else list.push(profile);
  }
}

/**
 * Adds a user's 1.2 roles and profiles to its record (removing them from the maps, so what is left over at the
 * end are roles of users that are not in users.csv).
 */
export function attachSideData(record: Record<string, unknown>, side: UserSideData): void {
  const id = typeof record.sourcedId === 'string' ? record.sourcedId.trim() : '';
  if (id === '') return;
  const roles = side.roles.get(id);
  if (roles !== undefined) {
    side.roles.delete(id);
    // users.csv of a 1.1-style export may still carry role/orgSourcedIds: roles.csv wins, as 1.2 says.
    record.roles = roles;
    delete record.role;
    delete record.orgs;
  }
  const profiles = side.profiles.get(id);
  if (profiles !== undefined) {
    side.profiles.delete(id);
    record.userProfiles = profiles;
  }
}
