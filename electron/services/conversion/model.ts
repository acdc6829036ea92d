import type {
  ChangeSisIdType,
  Confidence,
  ConversionType,
  MatchKey,
  RemapDecision,
  RemapDecisions,
  RemapEvidence,
  RemapProposal,
} from '../../../shared/conversion/types';
import type { EntityType } from '../../../shared/rules/finding';

/**
 * What matching found for one planned object, before the user's decisions. Decisions are applied afterwards
 * (see `resolvedCanvasId`), so proposal ids and the matching itself never depend on them.
 */
export interface Match {
  type: ConversionType;
  /** The Canvas SIS id the plan gives it. */
  plannedId: string;
  /** The OneRoster record behind it and its entity type. */
  source: string;
  sourceEntity: EntityType;
  name: string;
  /** keep: same SIS id (or a login Canvas adopts); remap: a proposal exists; create: nothing usable found. */
  status: 'keep' | 'remap' | 'create';
  /** keep/remap: the Canvas object; create: null. */
  canvasId: string | null;
  canvasSisId: string | null;
  canvasName: string | null;
  /** Canvas status of the match (a deleted holder of the same SIS id is restored by the import). */
  canvasStatus: string | null;
  matchKey: MatchKey | null;
  proposal: RemapProposal | null;
  /** Several candidates: reported, never guessed. */
  ambiguous?: { key: MatchKey; canvasIds: string[]; sisIds: string[]; plannedIds?: string[] };
  /** The planned SIS id is held by a different Canvas object. */
  taken?: { canvasId: string; sisId: string; name: string; status: string };
  /** A low-confidence hint (users: same full name in the same school): shown, never proposed. */
  hint?: { key: MatchKey; canvasId: string; canvasSisId: string; name: string };
}

/** 'proposed': pending proposals count as matched (findings); 'accepted': only accepted ones (the sync, the simulation). */
export type MatchView = 'proposed' | 'accepted';

export function decisionOf(decisions: RemapDecisions, proposalId: string): RemapDecision {
  return decisions[proposalId] ?? 'pending';
}

/** The Canvas object a planned object ends up on under a view, or null when it would be created. */
export function resolvedCanvasId(m: Match, decisions: RemapDecisions, view: MatchView): string | null {
  if (m.status === 'keep') return m.canvasId;
  if (m.status !== 'remap' || m.proposal === null) return null;
  const d = decisionOf(decisions, m.proposal.id);
  if (d === 'accepted') return m.canvasId;
  if (d === 'rejected') return null;
  return view === 'proposed' ? m.canvasId : null;
}

export const proposalId = (type: ChangeSisIdType, oldId: string, newId: string): string =>
  `${type}:${oldId}>${newId}`;

export interface ProposalInput {
  type: ChangeSisIdType;
  oldId: string;
  newId: string;
  oldIntegrationId?: string;
  newIntegrationId?: string;
  canvasId: string;
  source: string;
  name: string;
  matchKey: MatchKey;
  confidence: Confidence;
  ruleId: string;
  evidence?: RemapEvidence[];
}

export function makeProposal(p: ProposalInput): RemapProposal {
  const oldInt = p.oldIntegrationId ?? '';
  const newInt = p.newIntegrationId ?? '';
  // Integration ids are only renamed when the plan brings a different, non-empty one.
  const changeInt = newInt !== '' && newInt !== oldInt;
  return {
    id: proposalId(p.type, p.oldId, p.newId),
    type: p.type,
    oldId: p.oldId,
    newId: p.newId,
    oldIntegrationId: changeInt ? oldInt : '',
    newIntegrationId: changeInt ? newInt : '',
    canvasId: p.canvasId,
    source: p.source,
    name: p.name,
    matchKey: p.matchKey,
    confidence: p.confidence,
    ruleId: p.ruleId,
    ...(p.evidence ? { evidence: p.evidence } : {}),
  };
}

export function baseMatch(
  type: ConversionType,
  plannedId: string,
  source: string,
  sourceEntity: EntityType,
  name: string,
): Match {
  return {
    type,
    plannedId,
    source,
    sourceEntity,
    name,
    status: 'create',
    canvasId: null,
    canvasSisId: null,
    canvasName: null,
    canvasStatus: null,
    matchKey: null,
    proposal: null,
  };
}

export const sameText = (a: string, b: string): boolean =>
  a.trim() !== '' && a.trim().toLowerCase() === b.trim().toLowerCase();
