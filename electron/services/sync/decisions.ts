import type { ChangeSisIdType, RemapDecision, RemapProposal } from '../../../shared/conversion/types';
import { ackKey } from '../../../shared/evaluate/apply-settings';
import { RULES_BY_ID } from '../../../shared/rules/catalog';
import type { Finding, Severity } from '../../../shared/rules/finding';
import type { Services } from '../container';
import { decide, matchesFilter, RemapDecisionStore } from '../conversion/decisions';
import { ServiceError } from '../../../shared/errors';
import { gatherSyncIngredients } from './gather';

/**
 * Decisions without the app, on the same stores (`preflight remaps …`, `preflight findings …`): remap decisions
 * in the conversion's decision store, acknowledgements and mutes in the district's rule settings. The current
 * proposals and findings come from the same evaluation + conversion the sync uses.
 */

export type Proposal = RemapProposal & { decision: RemapDecision };

export interface RemapSelection {
  all?: boolean;
  ids?: readonly string[];
  ruleId?: string;
  type?: ChangeSisIdType;
  minConfidence?: 'high' | 'medium';
}

async function current(services: Services, profile: string) {
  const profileId = (await services.profiles.resolve(profile)).id;
  const gathered = await gatherSyncIngredients(services, {
    profile,
    importMode: services.settings.getImportMode(profileId),
    allowPendingRemaps: false,
  });
  return { gathered, profileId };
}

export async function listProposals(services: Services, profile: string): Promise<Proposal[]> {
  const { gathered } = await current(services, profile);
  const conversion = gathered.ingredients.conversion;
  if (!conversion)
    throw new ServiceError('no_baseline', 'There is no Canvas baseline, so there are no remap proposals.', {
      detail: { profile },
    });
  return conversion.proposals.map((p) => ({ ...p }));
}

/** Applies `decision` to the selected proposals (only those not already decided so, unless named by id). */
export async function decideRemaps(
  services: Services,
  profile: string,
  selection: RemapSelection,
  decision: Exclude<RemapDecision, 'pending'>,
): Promise<{ changed: Proposal[]; proposals: number }> {
  const hasFilter =
    selection.all || selection.ids?.length || selection.ruleId || selection.type || selection.minConfidence;
  if (!hasFilter)
    throw new ServiceError('usage', 'Say which proposals to decide.', {
      hint: 'Choose them all, or by id, rule, type or minimum confidence.',
    });
  const proposals = await listProposals(services, profile);
  const profileId = (await services.profiles.resolve(profile)).id;
  const byId = new Map(proposals.map((p) => [p.id, p]));
  const unknown = (selection.ids ?? []).filter((id) => !byId.has(id));
  if (unknown.length)
    throw new ServiceError('remap_not_found', `No current remap proposal has the id ${unknown.join(', ')}.`, {
      detail: { profile, ids: unknown },
    });
  const store = new RemapDecisionStore(services.dataDir);
  const decisions = store.get(profileId);
  const ids = new Set(selection.ids ?? []);
  const chosen = proposals.filter(
    (p) =>
      (ids.size === 0 || ids.has(p.id)) &&
      matchesFilter(p, decisions, {
        ...(selection.ruleId ? { ruleId: selection.ruleId } : {}),
        ...(selection.type ? { type: selection.type } : {}),
        ...(selection.minConfidence ? { minConfidence: selection.minConfidence } : {}),
        // --all / filters cover what is still pending; ids are decided as named.
        ...(ids.size === 0 ? { decision: 'pending' as const } : {}),
      }),
  );
  await store.update(profileId, (d) =>
    decide(
      d,
      chosen.map((p) => p.id),
      decision,
    ),
  );
  return { changed: chosen.map((p) => ({ ...p, decision })), proposals: proposals.length };
}

export interface FindingSelection {
  ruleId?: string;
  severity?: Severity;
  sourcedIds?: readonly string[];
}

/** Current findings (raw, catalogue severities, conversion findings included) matching every given filter. */
export async function selectFindings(
  services: Services,
  profile: string,
  sel: FindingSelection,
): Promise<{ profileId: string; findings: Finding[] }> {
  const { gathered, profileId } = await current(services, profile);
  if (sel.ruleId && !RULES_BY_ID.has(sel.ruleId))
    throw new ServiceError('unknown_rule', `There is no rule ${sel.ruleId}.`, {
      detail: { ruleId: sel.ruleId },
    });
  const overrides = gathered.ingredients.rules.severityOverrides;
  const ids = new Set(sel.sourcedIds ?? []);
  const findings = gathered.ingredients.rawFindings.filter(
    (f) =>
      (sel.ruleId === undefined || f.ruleId === sel.ruleId) &&
      // The catalogue severity or the district's override: a downgraded blocker is still found as a blocker.
      (sel.severity === undefined || f.severity === sel.severity || overrides[f.ruleId] === sel.severity) &&
      (ids.size === 0 || ids.has(f.sourcedId)),
  );
  return { profileId, findings };
}

export async function acknowledgeFindings(
  services: Services,
  profile: string,
  sel: FindingSelection,
  reason: string,
  by: string,
): Promise<number> {
  if (!reason.trim())
    throw new ServiceError('usage', 'An acknowledgement needs a reason.', {
      hint: 'Give the reason this is acceptable (it is kept in the sync history and the report).',
    });
  if (!sel.ruleId && !sel.severity && !sel.sourcedIds?.length)
    throw new ServiceError('usage', 'Say which findings to acknowledge.', {
      hint: 'Choose them by rule, severity and/or record id.',
    });
  const { profileId, findings } = await selectFindings(services, profile, sel);
  const at = new Date().toISOString();
  const keys = new Set(findings.map((f) => ackKey(f.ruleId, f.entityType, f.sourcedId)));
  // Read-modify-write under the settings lock: another process's acknowledgements made meanwhile are kept.
  await services.settings.updateAcknowledgements(profileId, (acks) => [
    ...acks.filter((a) => !keys.has(ackKey(a.ruleId, a.entityType, a.sourcedId))),
    ...findings.map((f) => ({
      ruleId: f.ruleId,
      entityType: f.entityType,
      sourcedId: f.sourcedId,
      reason: reason.trim(),
      by,
      at,
    })),
  ]);
  return findings.length;
}

/** Removes acknowledgements matching the filters (also ones whose finding is gone). */
export async function unacknowledgeFindings(
  services: Services,
  profile: string,
  sel: FindingSelection,
): Promise<number> {
  const profileId = (await services.profiles.resolve(profile)).id;
  const ids = new Set(sel.sourcedIds ?? []);
  let removed = 0;
  await services.settings.updateAcknowledgements(profileId, (acks) => {
    const keep = acks.filter(
      (a) =>
        !(
          (sel.ruleId === undefined || a.ruleId === sel.ruleId) &&
          (sel.severity === undefined ||
            (RULES_BY_ID.get(a.ruleId)?.severity ?? sel.severity) === sel.severity) &&
          (ids.size === 0 || ids.has(a.sourcedId))
        ),
    );
    removed = acks.length - keep.length;
    return keep;
  });
  return removed;
}

/** Mutes or unmutes a rule; muting a blocker rule needs a reason (recorded with who and when). */
export async function muteRule(
  services: Services,
  profile: string,
  ruleId: string,
  muted: boolean,
  audit?: { reason: string; by: string },
): Promise<void> {
  const profileId = (await services.profiles.resolve(profile)).id;
  await services.settings.setMuted(profileId, ruleId, muted, audit);
}
