import type { Finding, FindingCounts } from '../../../shared/rules/finding';
import type { Locator } from './locate';
import { ROOT, type TreeNode } from './structure';

export interface FindingPlacement {
  /** Distinct findings on each node and below it. */
  badges: FindingCounts[];
  /** Findings on the node itself. */
  own: FindingCounts[];
  /** Node index → indexes into the findings array (only nodes that have some). */
  ownFindings: Map<number, number[]>;
}

const zero = (): FindingCounts => ({ blocker: 0, warning: 0, info: 0 });

/**
 * Badges every finding on the nodes its entity sits on (entities with no place in the tree — endpoints,
 * unused sessions, users in no section — on the root, so the root's badge is the whole evaluation), then rolls
 * up: a finding counts ONCE per ancestor even when it sits on many nodes below it (a student's finding on six
 * sections of one school is one finding for the school).
 */
export function placeFindings(
  nodes: readonly TreeNode[],
  locator: Locator,
  findings: readonly Finding[],
): FindingPlacement {
  const badges = nodes.map(zero);
  const own = nodes.map(zero);
  const ownFindings = new Map<number, number[]>();
  // stamp[node] = index of the last finding counted on it: a cheap "already counted" set per finding.
  const stamp = new Int32Array(nodes.length).fill(-1);

  locator.prepare(findings);
  findings.forEach((finding, f) => {
    const placed = locator.nodesFor(finding.entityType, finding.sourcedId);
    const at = placed.length > 0 ? placed : [ROOT];
    for (const node of at) {
      own[node]![finding.severity]++;
      const list = ownFindings.get(node);
      if (list) list.push(f);
      else ownFindings.set(node, [f]);
      // Walk up until a node this finding already counted on: everything above it is counted too.
      for (let n = node; n >= 0 && stamp[n] !== f; n = nodes[n]!.parent) {
        stamp[n] = f;
        badges[n]![finding.severity]++;
      }
    }
  });
  return { badges, own, ownFindings };
}

/** "Has a problem": a blocker or warning on or below the node (info findings are not problems). */
export function hasProblems(counts: FindingCounts): boolean {
  return counts.blocker + counts.warning > 0;
}
