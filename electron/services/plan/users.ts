import type { MappingOptions } from '../../../shared/mapping/options';
import { OBSERVER_ROLES } from '../../../shared/plan/roles';
import type { ObserverRow, UserRow } from '../../../shared/plan/types';
import { compareStrings, statusOf, type Interner, type OptionLists, type SkipCollector } from './collect';
import type { UserIn } from './read';

export interface UserPlan {
  rows: UserRow[];
  /** OneRoster sourcedId → planned row (absent: not planned). */
  byId: Map<string, UserRow>;
  observers: ObserverRow[];
}

/**
 * users.csv rows (docs/mapping.md "Objects"): user_id from sourcedId or identifier, login_id from username, email or
 * userIds[type], integration_id from identifier. Parents/guardians/relatives are users only with `observers` on,
 * and then linked to their students (agents, either direction) in user_observers.csv.
 */
export function planUsers(
  users: Iterable<UserIn>,
  options: MappingOptions,
  skipped: SkipCollector,
  optionLists: OptionLists,
  intern: Interner,
): UserPlan {
  const rows: UserRow[] = [];
  const byId = new Map<string, UserRow>();
  const agentLinks: Array<[string, string]> = [];
  const roleOf = new Map<string, string>();
  for (const u of users) {
    if (options.observers) {
      roleOf.set(u.id, u.role);
      for (const a of u.agentIds) agentLinks.push([u.id, a]);
    }
    if (OBSERVER_ROLES.has(u.role) && !options.observers) {
      skipped.add(
        'user',
        `role ${u.role}: observers are off (Mapping options › Parents and guardians as observers)`,
        u.id,
      );
      continue;
    }
    const row = userRow(u, options, optionLists, intern);
    rows.push(row);
    byId.set(u.id, row);
  }
  if (!isSortedBy(rows))
    rows.sort((a, b) => compareStrings(a.user_id, b.user_id) || compareStrings(a.source, b.source));
  return {
    rows,
    byId,
    observers: options.observers ? observerRows(agentLinks, roleOf, byId, optionLists) : [],
  };
}

function userRow(u: UserIn, options: MappingOptions, optionLists: OptionLists, intern: Interner): UserRow {
  const opts: string[] = [];
  let userId = u.id;
  if (options.userIdSource === 'identifier') {
    if (u.identifier) userId = u.identifier;
    else opts.push('userIdSource: no identifier, sourcedId used');
  }
  opts.push(`userIdSource=${options.userIdSource}`, `loginIdSource=${options.loginIdSource}`);
  let integrationId = '';
  // With user_id taken from identifier, the same value as integration_id would add nothing.
  if (options.integrationIdSource === 'identifier' && options.userIdSource !== 'identifier') {
    integrationId = u.identifier ?? '';
  }
  opts.push(`integrationIdSource=${options.integrationIdSource}`);
  return {
    user_id: userId,
    integration_id: integrationId,
    login_id: loginIdOf(u, options),
    first_name: u.givenName,
    last_name: u.familyName,
    email: u.email ?? '',
    status: statusOf(u.active),
    oneRosterRole: intern.of(u.role),
    source: u.id,
    options: optionLists.of(...opts),
  };
}

function loginIdOf(u: UserIn, options: MappingOptions): string {
  switch (options.loginIdSource) {
    case 'username':
      return u.username ?? '';
    case 'email':
      return u.email ?? '';
    case 'userIds': {
      const type = options.loginUserIdsType.trim().toLowerCase();
      return u.userIds.find((x) => x.type.trim().toLowerCase() === type)?.identifier ?? '';
    }
  }
}

/** One link per (observer, student) pair, whichever side lists the other in `agents`. */
function observerRows(
  links: ReadonlyArray<[string, string]>,
  roleOf: ReadonlyMap<string, string>,
  byId: ReadonlyMap<string, UserRow>,
  optionLists: OptionLists,
): ObserverRow[] {
  const pairs = new Map<string, ObserverRow>();
  const options = optionLists.of('observers');
  for (const [from, to] of links) {
    const fromRole = roleOf.get(from) ?? '';
    const toRole = roleOf.get(to) ?? '';
    let observer: string;
    let student: string;
    if (OBSERVER_ROLES.has(fromRole) && toRole === 'student') [observer, student] = [from, to];
    else if (fromRole === 'student' && OBSERVER_ROLES.has(toRole)) [observer, student] = [to, from];
    else continue;
    const o = byId.get(observer);
    const s = byId.get(student);
    if (!o || !s) continue;
    const key = `${o.user_id}\u0000${s.user_id}`;
    if (pairs.has(key)) continue;
    pairs.set(key, {
      observer_id: o.user_id,
      student_id: s.user_id,
      status: o.status === 'active' && s.status === 'active' ? 'active' : 'deleted',
      source: observer,
      sources: [observer, student],
      options,
    });
  }
  return [...pairs.values()].sort(
    (a, b) => compareStrings(a.observer_id, b.observer_id) || compareStrings(a.student_id, b.student_id),
  );
}

function isSortedBy(rows: readonly UserRow[]): boolean {
  for (let i = 1; i < rows.length; i++) if (rows[i - 1]!.user_id >= rows[i]!.user_id) return false;
  return true;
}
