import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  RemapDecisions,
  type ChangeSisIdType,
  type Confidence,
  type RemapDecision,
  type RemapProposal,
} from '../../../shared/conversion/types';
import { ServiceError } from '../../../shared/errors';
import { withFileLock } from '../data-lock';
import { writeFileAtomic } from '../profiles/atomic-write';

/**
 * The user's decisions on remap proposals: accept or reject one, or many at once by rule, confidence or type.
 * Pure functions over `RemapDecisions` (proposal id → decision; absent = pending), plus a per-profile store
 * (`<dataDir>/conversion/<profileId>.remap-decisions.json`, written atomically).
 */

/** Which proposals a bulk decision covers; every given criterion must hold. */
export interface ProposalFilter {
  ruleId?: string;
  type?: ChangeSisIdType;
  /** Exactly this confidence. */
  confidence?: Confidence;
  /** This confidence or better (high ≥ medium ≥ low). */
  minConfidence?: Confidence;
  /** Only proposals with this current decision (e.g. bulk-accept what is still pending). */
  decision?: RemapDecision;
}

const RANK: Record<Confidence, number> = { high: 0, medium: 1, low: 2 };

export function matchesFilter(p: RemapProposal, decisions: RemapDecisions, f: ProposalFilter): boolean {
  return (
    (f.ruleId === undefined || p.ruleId === f.ruleId) &&
    (f.type === undefined || p.type === f.type) &&
    (f.confidence === undefined || p.confidence === f.confidence) &&
    (f.minConfidence === undefined || RANK[p.confidence] <= RANK[f.minConfidence]) &&
    (f.decision === undefined || (decisions[p.id] ?? 'pending') === f.decision)
  );
}

/** Sets the decision of the given proposal ids ('pending' removes it). Returns a new object. */
export function decide(
  decisions: RemapDecisions,
  ids: Iterable<string>,
  decision: RemapDecision,
): RemapDecisions {
  const next: RemapDecisions = { ...decisions };
  for (const id of ids) {
    if (decision === 'pending') delete next[id];
    else next[id] = decision;
  }
  return sortKeys(next);
}

/** Bulk: the decision for every proposal the filter covers. */
export function decideWhere(
  decisions: RemapDecisions,
  proposals: readonly RemapProposal[],
  filter: ProposalFilter,
  decision: RemapDecision,
): RemapDecisions {
  return decide(
    decisions,
    proposals.filter((p) => matchesFilter(p, decisions, filter)).map((p) => p.id),
    decision,
  );
}

function sortKeys(d: RemapDecisions): RemapDecisions {
  return Object.fromEntries(Object.entries(d).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const FILE_VERSION = 1;

export class RemapDecisionStore {
  readonly dir: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'conversion');
  }

  fileOf(profileId: string): string {
    if (!/^[\w.-]{1,100}$/.test(profileId) || profileId.startsWith('.')) {
      throw new ServiceError(
        'decisions_bad_profile_id',
        `"${profileId}" is not a profile id.`,
        'Pass the id of a saved profile.',
      );
    }
    return join(this.dir, `${profileId}.remap-decisions.json`);
  }

  get(profileId: string): RemapDecisions {
    const file = this.fileOf(profileId);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw e;
    }
    let parsed: ReturnType<typeof RemapDecisions.safeParse> | null;
    try {
      parsed = RemapDecisions.safeParse((JSON.parse(text) as { decisions?: unknown }).decisions);
    } catch {
      parsed = null;
    }
    if (!parsed?.success) {
      throw new ServiceError(
        'decisions_file_corrupt',
        `The remap decisions file ${file} is damaged.`,
        'Fix or delete the file (the proposals then become pending again) and decide again.',
      );
    }
    return parsed.data;
  }

  /** Replaces the profile's decisions (writes are serialised, so UI and CLI in one process do not lose each other). */
  set(profileId: string, decisions: RemapDecisions): Promise<RemapDecisions> {
    return this.update(profileId, () => decisions);
  }

  update(profileId: string, change: (d: RemapDecisions) => RemapDecisions): Promise<RemapDecisions> {
    const file = this.fileOf(profileId);
    const next = this.queue
      .catch(() => undefined)
      // Locked across processes too (app + CLI `remaps accept`): the file is read under the lock.
      .then(() =>
        withFileLock(file, async () => {
          const decisions = sortKeys(RemapDecisions.parse(change(this.get(profileId))));
          mkdirSync(this.dir, { recursive: true, mode: 0o700 });
          await writeFileAtomic(file, `${JSON.stringify({ version: FILE_VERSION, decisions }, null, 2)}\n`);
          return decisions;
        }),
      );
    this.queue = next;
    return next;
  }
}
