import type { RuleContext, RuleModule } from '../types';
import { LIST_CAP, all, listIds, plural, showId } from './sql';

/**
 * Org hierarchy rules: one district as the Canvas root account, no parent loops, schools under the district.
 * Orgs are few (a district has tens to a few thousand), so they are read once into a map.
 */
export const orgRules: RuleModule = {
  name: 'orgs',
  ruleIds: ['ORG-NO-DISTRICT', 'ORG-CYCLE', 'ORG-SCHOOL-NO-PARENT'],
  run(ctx) {
    const orgs = loadOrgs(ctx);
    const onCycle = cycles(ctx, orgs);
    noDistrict(ctx, orgs);
    schoolsWithoutDistrict(ctx, orgs, onCycle);
  },
};

interface OrgRow {
  id: string;
  name: string;
  type: string;
  parentId: string | null;
  active: boolean;
}

function loadOrgs(ctx: RuleContext): Map<string, OrgRow> {
  const rows = all<{
    sourced_id: string;
    name: string | null;
    type: string | null;
    parent_id: string | null;
    status: string;
  }>(
    ctx.db,
    'SELECT sourced_id, name, type, parent_id, status FROM orgs WHERE snapshot_id = ? ORDER BY sourced_id',
    ctx.snapshotId,
  );
  return new Map(
    rows.map((r) => [
      r.sourced_id,
      {
        id: r.sourced_id,
        name: r.name ?? '',
        type: r.type ?? '',
        parentId: r.parent_id,
        active: r.status === 'active',
      },
    ]),
  );
}

/**
 * ORG-NO-DISTRICT: Canvas has exactly one root account. Competing roots are parentless orgs other than schools
 * (a parentless school is ORG-SCHOOL-NO-PARENT: it lands under the root). A root chosen in the mapping options
 * settles the question.
 */
function noDistrict(ctx: RuleContext, orgs: Map<string, OrgRow>): void {
  const chosen = ctx.options.rootOrgId;
  if (chosen !== null && orgs.get(chosen)?.active) return;
  const active = [...orgs.values()].filter((o) => o.active);
  const districts = active.filter((o) => o.type === 'district').map((o) => o.id);
  const roots = active.filter((o) => o.parentId === null && o.type !== 'school').map((o) => o.id);
  if (districts.length === 0) {
    const types = countBy(active.map((o) => o.type || 'no type'));
    ctx.report({
      ruleId: 'ORG-NO-DISTRICT',
      entityType: 'org',
      sourcedId: '/orgs',
      message:
        active.length === 0
          ? 'The feed has no active orgs, so there is no district for the Canvas root account'
          : `The feed has no org of type district (${plural(active.length, 'org')}: ${Object.entries(types)
              .map(([t, n]) => `${n} ${t}`)
              .join(', ')}); Canvas needs one root account`,
      detail: { districts: [], roots, orgTypes: types },
      related: roots.slice(0, LIST_CAP).map((sourcedId) => ({ entityType: 'org' as const, sourcedId })),
    });
    return;
  }
  const competing = new Set<string>([
    ...(districts.length > 1 ? districts : []),
    ...(roots.length > 1 ? roots : []),
  ]);
  for (const id of [...competing].sort()) {
    const org = orgs.get(id)!;
    const others = [...competing].filter((x) => x !== id).sort();
    const message =
      districts.length > 1 && org.type === 'district'
        ? `District ${showId(id)} is one of ${districts.length} district orgs (${listIds(districts)}); Canvas has one root account`
        : `Org ${showId(id)} (${org.type || 'no type'}) has no parent, so the feed has ${roots.length} root orgs (${listIds(roots)}); Canvas has one root account`;
    ctx.report({
      ruleId: 'ORG-NO-DISTRICT',
      entityType: 'org',
      sourcedId: id,
      message,
      detail: { type: org.type, districts, roots },
      related: others.slice(0, LIST_CAP).map((sourcedId) => ({ entityType: 'org' as const, sourcedId })),
    });
  }
}

/** ORG-CYCLE: every org on a loop is reported (each one is a place to break it). Returns the orgs on loops. */
function cycles(ctx: RuleContext, orgs: Map<string, OrgRow>): Set<string> {
  const state = new Map<string, 'walking' | 'done'>();
  const onCycle = new Set<string>();
  for (const start of orgs.keys()) {
    if (state.has(start)) continue;
    const path: string[] = [];
    let id: string | null = start;
    while (id !== null && orgs.has(id) && !state.has(id)) {
      state.set(id, 'walking');
      path.push(id);
      id = orgs.get(id)!.parentId;
    }
    if (id !== null && state.get(id) === 'walking') {
      const loop = path.slice(path.indexOf(id));
      for (const member of loop) {
        onCycle.add(member);
        const at = loop.indexOf(member);
        const chain = [...loop.slice(at), ...loop.slice(0, at), member];
        ctx.report({
          ruleId: 'ORG-CYCLE',
          entityType: 'org',
          sourcedId: member,
          message: `The parent chain of org ${showId(member)} loops: ${chain.map(showId).join(' → ')}`,
          detail: { parentId: orgs.get(member)!.parentId, cycle: chain.slice(0, -1) },
          related: loop
            .filter((x) => x !== member)
            .map((sourcedId) => ({ entityType: 'org' as const, sourcedId })),
        });
      }
    }
    for (const p of path) state.set(p, 'done');
  }
  return onCycle;
}

/**
 * ORG-SCHOOL-NO-PARENT: an active school with no parent, or whose parent chain never reaches a district.
 * A parent that is not in the feed is OR-REF-MISSING, and a chain that loops is ORG-CYCLE; neither repeats here.
 */
function schoolsWithoutDistrict(ctx: RuleContext, orgs: Map<string, OrgRow>, onCycle: Set<string>): void {
  for (const school of orgs.values()) {
    if (!school.active || school.type !== 'school') continue;
    if (school.parentId === null) {
      ctx.report({
        ruleId: 'ORG-SCHOOL-NO-PARENT',
        entityType: 'org',
        sourcedId: school.id,
        message: `School ${showId(school.id)} (${school.name}) has no parent org; it should belong to the district`,
        detail: { parentId: null },
      });
      continue;
    }
    const chain: string[] = [];
    let id: string | null = school.parentId;
    let reachesDistrict = false;
    let undecided = false;
    while (id !== null) {
      const org = orgs.get(id);
      if (org === undefined || onCycle.has(id) || chain.includes(id)) {
        undecided = true;
        break;
      }
      chain.push(id);
      if (org.type === 'district') {
        reachesDistrict = true;
        break;
      }
      id = org.parentId;
    }
    if (reachesDistrict || undecided) continue;
    ctx.report({
      ruleId: 'ORG-SCHOOL-NO-PARENT',
      entityType: 'org',
      sourcedId: school.id,
      message: `School ${showId(school.id)} (${school.name}) is under ${chain.map(showId).join(' → ')}, which never reaches a district org`,
      detail: { parentId: school.parentId, chain },
      related: chain.slice(0, LIST_CAP).map((sourcedId) => ({ entityType: 'org' as const, sourcedId })),
    });
  }
}

function countBy(values: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
