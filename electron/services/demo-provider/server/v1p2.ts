/**
 * OneRoster 1.2 provider mode (docs/oneroster-dialects.md): the same district, served under
 * /ims/oneroster/rostering/v1p2 with OAuth 2 only, users in the 1.2 shape — `roles[]` ({roleType, role, org})
 * instead of `role` + `orgs` — so consumers can be tested against a 1.2 feed.
 */

export const V1P2_BASE_PATH = '/ims/oneroster/rostering/v1p2';

/** 1.2 has no plain `administrator`; the demo's administrators are site administrators. */
const ROLE_1_2: Record<string, string> = { administrator: 'siteAdministrator' };

export function toV1p2User(record: Record<string, unknown>): Record<string, unknown> {
  const { role, orgs, ...rest } = record;
  if (typeof role !== 'string' || !Array.isArray(orgs)) return record;
  const roles = orgs.map((org, i) => ({
    roleType: i === 0 ? 'primary' : 'secondary',
    role: ROLE_1_2[role] ?? role,
    org,
  }));
  return { ...rest, roles };
}
