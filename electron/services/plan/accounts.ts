import type { MappingOptions } from '../../../shared/mapping/options';
import type { AccountRow, PlanNotes } from '../../../shared/plan/types';
import { ServiceError } from '../../../shared/errors';
import { compareStrings, statusOf, type OptionLists, type SkipCollector } from './collect';
import type { OrgIn } from './read';

/** Org types kept as sub-account levels when `orgLevels` is 'keep' (schools always are). */
const LEVEL_TYPES: ReadonlySet<string> = new Set(['department', 'local', 'state', 'national']);

export interface AccountPlan {
  rows: AccountRow[];
  rootOrgId: string | null;
  rootReason: PlanNotes['rootReason'];
  /** The Canvas account an org's objects go to: its own sub-account, else its nearest planned ancestor; '' = root. */
  accountOf(orgId: string | null): string;
  /** Display name of the account `accountOf` returns ('' for the root). */
  accountName(accountId: string): string;
}

/**
 * District = root account (no accounts.csv row); schools (and, with orgLevels 'keep', department/local/state/
 * national orgs below the root) = sub-accounts whose parent is the nearest planned ancestor, blank for the root.
 * Rows are ordered parents first (by depth), then by account_id.
 */
export function planAccounts(
  orgs: readonly OrgIn[],
  options: MappingOptions,
  skipped: SkipCollector,
  optionLists: OptionLists,
): AccountPlan {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const { rootOrgId, rootReason } = chooseRoot(orgs, byId, options);
  const aboveRoot = ancestors(rootOrgId, byId);

  const planned = new Map<string, OrgIn>();
  for (const org of orgs) {
    if (org.id === rootOrgId) continue;
    const reason = skipReason(org, options, aboveRoot, rootReason);
    if (reason === null) planned.set(org.id, org);
    else skipped.add('org', reason, org.id);
  }

  const idOf = (org: OrgIn): string =>
    options.accountIdSource === 'identifier' && org.identifier ? org.identifier : org.id;
  const memo = new Map<string, string>();
  /** Nearest planned org at or above `orgId` (cycle-safe); '' when the walk reaches the root or nothing. */
  const nearestAccount = (orgId: string | null, includeSelf: boolean): string => {
    const seen = new Set<string>();
    let current = orgId;
    let self = includeSelf;
    while (current !== null && current !== rootOrgId && !seen.has(current)) {
      if (self) {
        const known = memo.get(current);
        if (known !== undefined) return known;
        const org = planned.get(current);
        if (org) return idOf(org);
      }
      self = true;
      seen.add(current);
      current = byId.get(current)?.parentId ?? null;
    }
    return '';
  };
  const accountOf = (orgId: string | null): string => {
    if (orgId === null) return '';
    let id = memo.get(orgId);
    if (id === undefined) {
      id = nearestAccount(orgId, true);
      memo.set(orgId, id);
    }
    return id;
  };

  const depth = new Map<string, number>();
  const rows = [...planned.values()].map((org) => {
    const parent = nearestAccount(org.id, false);
    const direct = org.parentId === null || org.parentId === rootOrgId || planned.has(org.parentId);
    const opts = [`accountIdSource=${options.accountIdSource}`];
    if (options.accountIdSource === 'identifier' && !org.identifier)
      opts.push('accountIdSource: no identifier, sourcedId used');
    if (!direct && parent !== '') opts.push(`orgLevels=${options.orgLevels}`);
    const row: AccountRow = {
      account_id: idOf(org),
      parent_account_id: parent,
      name: org.name,
      status: statusOf(org.active),
      source: org.id,
      options: optionLists.of(...opts),
    };
    return row;
  });
  const parentOf = new Map(rows.map((r) => [r.account_id, r.parent_account_id]));
  const depthOf = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    let d = 0;
    const seen = new Set<string>([id]);
    for (let p = parentOf.get(id) ?? ''; p !== '' && !seen.has(p); p = parentOf.get(p) ?? '') {
      seen.add(p);
      d++;
    }
    depth.set(id, d);
    return d;
  };
  rows.sort(
    (a, b) => depthOf(a.account_id) - depthOf(b.account_id) || compareStrings(a.account_id, b.account_id),
  );
  const names = new Map(rows.map((r) => [r.account_id, r.name]));
  const rootName = rootOrgId === null ? '' : (byId.get(rootOrgId)?.name ?? '');
  return {
    rows,
    rootOrgId,
    rootReason,
    accountOf,
    accountName: (accountId) => (accountId === '' ? rootName : (names.get(accountId) ?? '')),
  };
}

function chooseRoot(
  orgs: readonly OrgIn[],
  byId: ReadonlyMap<string, OrgIn>,
  options: MappingOptions,
): { rootOrgId: string | null; rootReason: PlanNotes['rootReason'] } {
  if (options.rootOrgId !== null) {
    if (!byId.has(options.rootOrgId)) {
      throw new ServiceError(
        'mapping_root_not_found',
        `The root org chosen in Mapping options ("${options.rootOrgId}") is not in this snapshot.`,
        "Choose one of the snapshot's district orgs as the root account, or clear the option.",
      );
    }
    return { rootOrgId: options.rootOrgId, rootReason: 'option' };
  }
  const districts = orgs.filter((o) => o.type === 'district');
  if (districts.length === 1) return { rootOrgId: districts[0]!.id, rootReason: 'single district' };
  return { rootOrgId: null, rootReason: districts.length === 0 ? 'none' : 'several districts' };
}

function skipReason(
  org: OrgIn,
  options: MappingOptions,
  aboveRoot: ReadonlySet<string>,
  rootReason: PlanNotes['rootReason'],
): string | null {
  if (aboveRoot.has(org.id)) return 'above the root account';
  if (org.type === 'school') return null;
  if (org.type === 'district') {
    return rootReason === 'several districts'
      ? 'several districts: choose the root org (Mapping options › Root org sourcedId)'
      : 'another district (not the root account)';
  }
  if (LEVEL_TYPES.has(org.type))
    return options.orgLevels === 'keep' ? null : `org type ${org.type}: flattened (orgLevels=flatten)`;
  return `org type ${org.type || '(none)'} is not mapped`;
}

function ancestors(orgId: string | null, byId: ReadonlyMap<string, OrgIn>): Set<string> {
  const out = new Set<string>();
  let current = orgId === null ? null : (byId.get(orgId)?.parentId ?? null);
  while (current !== null && !out.has(current) && current !== orgId) {
    out.add(current);
    current = byId.get(current)?.parentId ?? null;
  }
  return out;
}
