import type { PullCollection } from '../../../shared/pull/progress';
import type { CollectionCounts } from '../../../shared/snapshots/collections';
import type { SnapshotIssues } from '../../../shared/snapshots/result';
import type { CollectionFacts, PullProblem } from './types';

/** Collections a Canvas sync cannot do without: empty means something is not shared or not set up. */
const REQUIRED: readonly PullCollection[] = [
  'orgs',
  'academicSessions',
  'courses',
  'classes',
  'users',
  'enrollments',
];

const QUIRK_PROBLEMS: Record<string, { code: PullProblem['code']; text: string }> = {
  'limit-clamped': {
    code: 'limit_clamped',
    text: 'serves fewer records per page than asked (a clamped limit); paging adapted',
  },
  'limit-ignored': { code: 'limit_ignored', text: 'serves more records per page than asked (limit ignored)' },
  'offset-ignored': {
    code: 'offset_ignored',
    text: 'repeats the same page whatever the offset; paging stopped there',
  },
  'total-changed': {
    code: 'total_changed',
    text: 'changed its X-Total-Count during the pull (data changed while paging)',
  },
};

/**
 * Checks after arrival: every record the provider announced arrived (X-Total-Count), required collections are
 * not empty, and paging quirks are named. Duplicates and unreadable records are counted by the store itself.
 */
export function checkArrival(
  facts: readonly CollectionFacts[],
  counts: CollectionCounts,
  issues: SnapshotIssues,
  opts: { delta: boolean },
): PullProblem[] {
  const out: PullProblem[] = [];
  for (const f of facts) {
    if (f.state !== 'done') continue;
    const c = f.collection;
    if (f.totalCount !== null && f.received !== f.totalCount) {
      out.push({
        code: 'total_mismatch',
        collection: c,
        message: `The provider announced ${f.totalCount} ${c} (X-Total-Count) but sent ${f.received}.`,
      });
    }
    if (!opts.delta && REQUIRED.includes(c) && counts[c] === 0) {
      out.push({
        code: 'empty_collection',
        collection: c,
        message: `The provider returned no ${c}. Ask the district whether this data is shared with the application.`,
      });
    }
    for (const q of f.quirks) {
      const known = QUIRK_PROBLEMS[q];
      if (known)
        out.push({ code: known.code, collection: c, message: `The provider ${known.text} for ${c}.` });
      else if (q.startsWith('envelope:')) {
        out.push({
          code: 'envelope_quirk',
          collection: c,
          message: `The provider wraps ${c} in "${q.slice(9)}" instead of "${c}".`,
        });
      }
    }
    const dups = issues.byCollection[c].duplicates;
    if (
      dups > 0 &&
      f.totalCount !== null &&
      f.received === f.totalCount &&
      counts[c] < f.totalCount &&
      !opts.delta
    ) {
      // Informational: the totals agree but some sourcedIds came twice (offset paging over an unstable order).
      out.push({
        code: 'total_mismatch',
        collection: c,
        message: `${dups} ${c} arrived more than once, so ${counts[c]} distinct records were kept of the ${f.totalCount} announced.`,
      });
    }
  }
  return out;
}
