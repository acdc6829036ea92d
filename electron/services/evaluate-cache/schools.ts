import type Database from 'better-sqlite3';
import type { EntityType, Finding } from '../../../shared/rules/finding';
import { entityKey, type SchoolIndex } from './types';

/** Above this many findings of one type, one scan of the table beats one indexed lookup per finding. */
const SCAN_THRESHOLD = 5_000;

interface OrgInfo {
  name: string;
  type: string;
  parentId: string | null;
}

/**
 * Which school each finding belongs to, from the snapshot: orgs are their own school (departments their parent
 * school), classes and courses their school/org, enrollments their school (else their class's), users their first
 * school org. Sessions, endpoints and Canvas objects belong to no school.
 */
export function resolveSchools(
  db: Database.Database,
  snapshotId: string,
  findings: readonly Finding[],
): SchoolIndex {
  const orgs = new Map<string, OrgInfo>();
  for (const row of db
    .prepare('SELECT sourced_id, name, type, parent_id FROM orgs WHERE snapshot_id = ?')
    .iterate(snapshotId) as IterableIterator<{
    sourced_id: string;
    name: string | null;
    type: string | null;
    parent_id: string | null;
  }>) {
    orgs.set(row.sourced_id, {
      name: row.name ?? row.sourced_id,
      type: row.type ?? '',
      parentId: row.parent_id,
    });
  }
  const schoolOf = (orgId: string | null | undefined): string | null => {
    if (!orgId) return null;
    const org = orgs.get(orgId);
    if (!org) return null;
    if (org.type === 'school') return orgId;
    if (org.type === 'department' && org.parentId && orgs.get(org.parentId)?.type === 'school')
      return org.parentId;
    return null;
  };

  const wanted = new Map<EntityType, Set<string>>();
  for (const f of findings) {
    let set = wanted.get(f.entityType);
    if (!set) wanted.set(f.entityType, (set = new Set()));
    set.add(f.sourcedId);
  }
  const lookup = (sql: string, scanSql: string, ids: Set<string> | undefined): Map<string, string | null> => {
    const out = new Map<string, string | null>();
    if (!ids || ids.size === 0) return out;
    if (ids.size > SCAN_THRESHOLD) {
      for (const row of db.prepare(scanSql).iterate(snapshotId) as IterableIterator<{
        id: string;
        v: string | null;
      }>) {
        if (ids.has(row.id)) out.set(row.id, row.v);
      }
      return out;
    }
    const stmt = db.prepare(sql);
    for (const id of ids) {
      const row = stmt.get(snapshotId, id) as { v: string | null } | undefined;
      out.set(id, row?.v ?? null);
    }
    return out;
  };

  const classSchool = lookup(
    'SELECT school_id AS v FROM classes WHERE snapshot_id = ? AND sourced_id = ?',
    'SELECT sourced_id AS id, school_id AS v FROM classes WHERE snapshot_id = ?',
    wanted.get('class'),
  );
  const courseOrg = lookup(
    'SELECT org_id AS v FROM courses WHERE snapshot_id = ? AND sourced_id = ?',
    'SELECT sourced_id AS id, org_id AS v FROM courses WHERE snapshot_id = ?',
    wanted.get('course'),
  );
  const enrollmentSchool = lookup(
    `SELECT COALESCE(e.school_id, c.school_id) AS v FROM enrollments e
       LEFT JOIN classes c ON c.snapshot_id = e.snapshot_id AND c.sourced_id = e.class_id
     WHERE e.snapshot_id = ? AND e.sourced_id = ?`,
    `SELECT e.sourced_id AS id, COALESCE(e.school_id, c.school_id) AS v FROM enrollments e
       LEFT JOIN classes c ON c.snapshot_id = e.snapshot_id AND c.sourced_id = e.class_id
     WHERE e.snapshot_id = ?`,
    wanted.get('enrollment'),
  );
  const userIds = new Set([...(wanted.get('user') ?? []), ...(wanted.get('demographics') ?? [])]);
  const userSchool = new Map<string, string | null>();
  if (userIds.size > 0) {
    const first = (id: string, orgId: string): void => {
      const school = schoolOf(orgId);
      if (school !== null && !userSchool.get(id)) userSchool.set(id, school);
    };
    if (userIds.size > SCAN_THRESHOLD) {
      const scan = db.prepare(
        'SELECT user_id, org_id FROM user_orgs WHERE snapshot_id = ? ORDER BY user_id, org_id',
      );
      for (const row of scan.iterate(snapshotId) as IterableIterator<{ user_id: string; org_id: string }>) {
        if (userIds.has(row.user_id)) first(row.user_id, row.org_id);
      }
    } else {
      const orgsOf = db.prepare(
        'SELECT org_id FROM user_orgs WHERE snapshot_id = ? AND user_id = ? ORDER BY org_id',
      );
      for (const id of userIds) {
        for (const r of orgsOf.all(snapshotId, id) as Array<{ org_id: string }>) first(id, r.org_id);
      }
    }
  }

  const byEntity = new Map<string, string>();
  const names = new Map<string, string>();
  const note = (entityType: string, sourcedId: string, school: string | null): void => {
    if (school === null) return;
    byEntity.set(entityKey(entityType, sourcedId), school);
    if (!names.has(school)) names.set(school, orgs.get(school)?.name ?? school);
  };
  for (const [type, set] of wanted) {
    for (const id of set) {
      switch (type) {
        case 'org':
          note(type, id, schoolOf(id));
          break;
        case 'class':
          note(type, id, schoolOf(classSchool.get(id)));
          break;
        case 'course':
          note(type, id, schoolOf(courseOrg.get(id)));
          break;
        case 'enrollment':
          note(type, id, schoolOf(enrollmentSchool.get(id)));
          break;
        case 'user':
        case 'demographics':
          note(type, id, userSchool.get(id) ?? null);
          break;
        default:
          break;
      }
    }
  }
  return { byEntity, names };
}
