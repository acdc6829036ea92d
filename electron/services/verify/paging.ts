import type { Page } from '../oneroster/page';
import { oneRosterFacts, isOneRosterError } from '../oneroster/errors';
import { pluralise } from '../../../shared/text/vocabulary';
import type { Connection } from './connection-types';
import { SAMPLE_LIMIT, type ProbeResult } from './endpoints';
import { connFinding } from './findings';
import { pageCounter, type PageCount } from './page-counts';
import type { VerifyRun } from './run';

/** Size of the two consecutive small pages that show offset handling and duplicates. */
const SMALL_PAGE = 10;

interface Problem {
  text: string;
  pullWill: string;
  detail: Record<string, unknown>;
}

/**
 * CONN-PAGING (docs/oneroster-dialects.md): on the largest collection, one page as large as the pull will ask
 * for, and two consecutive small pages. Detects a clamped or ignored `limit`, X-Total-Count missing or not
 * matching the rows, an ignored `offset` and duplicates across pages; every finding says what the pull does.
 */
export async function checkPaging(run: VerifyRun, conn: Connection, probes: ProbeResult[]): Promise<void> {
  const answered = probes.filter((p): p is ProbeResult & { page: Page } => p.page !== null);
  const target = pickTarget(answered);
  if (!target) {
    run.check({
      id: 'paging',
      label: 'Paging',
      status: 'skip',
      detail: 'no collection answered with records',
      ruleIds: [],
    });
    return;
  }
  const path = target.def.path;
  run.phase('paging', `Checking paging on ${path}`);
  const problems: Problem[] = [];
  const get = (limit: number, offset: number): Promise<Page> =>
    conn.client.fetchPage(path, { limit, offset }, { signal: run.signal }).then((page) => {
      run.timings.push({ path, latencyMs: page.latencyMs, records: page.records.length });
      return page;
    });
  // Pages as large as the pull's are only counted, on a parse thread when large (page-counts.ts).
  const counter = pageCounter(conn.client, path, run.signal, run.parseThreadFrom);
  const count = (limit: number, offset: number): Promise<PageCount> =>
    counter.count(limit, offset).then((page) => {
      run.timings.push({ path, latencyMs: page.latencyMs, records: page.count });
      return page;
    });

  try {
    const size = target.page.totalCount ?? target.page.records.length;
    const [big, first, second] = await Promise.all([
      count(run.pageSize, 0),
      size >= 2 ? get(smallPage(size), 0) : Promise.resolve(null),
      size >= 2 ? get(smallPage(size), smallPage(size)) : Promise.resolve(null),
    ]);
    await checkLargePage(run, big, count, problems);
    if (first && second) checkConsecutive(first, second, problems);
  } catch (err) {
    if (!isOneRosterError(err) || err.code === 'aborted') throw err;
    const { status } = oneRosterFacts(err) ?? {};
    problems.push({
      text: `a paged request failed (${err.message})`,
      pullWill: 'The pull retries failed pages; if this keeps happening, use a smaller page size',
      detail: {
        error: err.code,
        ...(status !== undefined ? { status } : {}),
      },
    });
  } finally {
    await counter.close();
  }
  checkTotals(answered, problems);

  if (problems.length === 0) {
    run.check({
      id: 'paging',
      label: 'Paging',
      status: 'pass',
      endpoint: path,
      detail: `limit, offset and X-Total-Count behave on ${path}`,
      ruleIds: [],
    });
    return;
  }
  run.check({
    id: 'paging',
    label: 'Paging',
    status: 'warn',
    endpoint: path,
    detail: problems.map((p) => p.text).join('; '),
    ruleIds: ['CONN-PAGING'],
  });
  run.finding(
    connFinding('CONN-PAGING', {
      entityType: 'endpoint',
      sourcedId: path,
      message: `Paging on ${path} does not behave as specified: ${problems.map((p) => p.text).join('; ')}.`,
      remedy: `${problems.map((p) => p.pullWill).join('. ')}. Tell the provider if totals are missing or wrong`,
      detail: Object.assign({}, ...problems.map((p) => p.detail)) as Record<string, unknown>,
    }),
  );
}

/** The largest collection that answered (a required one when possible): where paging is worth testing. */
function pickTarget<T extends ProbeResult & { page: Page }>(answered: T[]): T | undefined {
  const size = (p: T) => p.page.totalCount ?? p.page.records.length;
  const withData = answered.filter((p) => p.page.records.length > 0);
  const pool = withData.some((p) => p.def.required) ? withData.filter((p) => p.def.required) : withData;
  return [...pool].sort((a, b) => size(b) - size(a))[0];
}

function smallPage(size: number): number {
  return Math.max(1, Math.min(SMALL_PAGE, Math.floor(size / 2)));
}

/** One page of `pageSize`: is `limit` clamped or ignored, and do the rows match X-Total-Count? */
async function checkLargePage(
  run: VerifyRun,
  big: PageCount,
  get: (limit: number, offset: number) => Promise<PageCount>,
  problems: Problem[],
): Promise<void> {
  const limit = run.pageSize;
  const got = big.count;
  const total = big.totalCount;
  if (got > limit) {
    problems.push({
      text: `limit=${limit} was ignored (${got} records came back)`,
      pullWill: 'The pull accepts the larger pages',
      detail: { requestedLimit: limit, received: got },
    });
    return;
  }
  if (got === 0 || got === limit || (total !== null && got === total)) {
    if (total !== null && got === limit && total < got) {
      problems.push({
        text: `X-Total-Count says ${total} but one page alone held ${got} records`,
        pullWill: 'The pull reads until a short or empty page instead of trusting the total',
        detail: { totalCount: total, received: got },
      });
    }
    return;
  }
  // A short page: either the end of the collection, or the server serves fewer than asked. One more page tells.
  const next = await get(limit, got);
  if (next.count > 0) {
    problems.push({
      text: `the server serves at most ${got} records per page although ${limit} were requested (limit clamped)`,
      pullWill:
        total !== null
          ? `The pull adapts: pages of ${got}, continuing until X-Total-Count (${total}) is reached rather than stopping at a short page`
          : `The pull adapts: pages of ${got}, continuing until an empty page`,
      detail: { requestedLimit: limit, servedPerPage: got, ...(total !== null ? { totalCount: total } : {}) },
    });
  } else if (total !== null && total !== got) {
    problems.push({
      text: `X-Total-Count says ${total} but the server returned ${got} records in all`,
      pullWill: 'The pull reads until an empty page and reports the difference',
      detail: { totalCount: total, received: got },
    });
  }
}

/** Two consecutive small pages: right size, no record on both, the same total on both. */
function checkConsecutive(first: Page, second: Page, problems: Problem[]): void {
  const ids = (p: Page) =>
    p.records
      .map((r) => (r && typeof r === 'object' ? (r as { sourcedId?: unknown }).sourcedId : undefined))
      .filter((id): id is string => typeof id === 'string');
  const firstIds = new Set(ids(first));
  const repeated = ids(second).filter((id) => firstIds.has(id));
  const limit = first.requestedLimit;
  if (first.records.length > limit) {
    problems.push({
      text: `limit=${limit} was ignored (${first.records.length} records came back)`,
      pullWill: 'The pull accepts the larger pages',
      detail: { requestedLimit: limit, received: first.records.length },
    });
  } else if (repeated.length > 0) {
    const all = repeated.length === second.records.length;
    problems.push({
      text: all
        ? `offset is ignored (the page at offset ${second.offset} repeats the first page)`
        : `${pluralise(repeated.length, 'record')} ${repeated.length === 1 ? 'appears' : 'appear'} on two consecutive pages (unstable order)`,
      pullWill:
        'The pull de-duplicates by sourcedId and stops when a page only repeats records, but records may be missed: ask the provider to fix offset paging',
      detail: { duplicateIds: repeated.slice(0, 10), offset: second.offset },
    });
  }
  if (first.totalCount !== null && second.totalCount !== null && first.totalCount !== second.totalCount) {
    problems.push({
      text: `X-Total-Count changed between pages (${first.totalCount}, then ${second.totalCount})`,
      pullWill: 'The pull reads until an empty page and reports the difference',
      detail: { totalCounts: [first.totalCount, second.totalCount] },
    });
  }
}

/** X-Total-Count missing or unreadable on any endpoint; a complete sample that disagrees with its total. */
function checkTotals(answered: Array<ProbeResult & { page: Page }>, problems: Problem[]): void {
  const missing = answered.filter((p) => p.page.totalCount === null).map((p) => p.def.path);
  if (missing.length > 0) {
    const all = missing.length === answered.length;
    problems.push({
      text: `X-Total-Count is missing${all ? ' on every endpoint' : ` on ${missing.join(', ')}`}`,
      pullWill:
        'Without totals the pull walks pages until a short or empty page, and cannot check completeness or show an ETA',
      detail: { totalMissingOn: missing },
    });
  }
  const mismatched = answered
    .filter(
      (p) =>
        p.page.totalCount !== null &&
        p.page.records.length < SAMPLE_LIMIT &&
        p.page.records.length > p.page.totalCount,
    )
    .map((p) => `${p.def.path} (${p.page.totalCount} vs ${p.page.records.length})`);
  if (mismatched.length > 0) {
    problems.push({
      text: `X-Total-Count is lower than the records returned on ${mismatched.join(', ')}`,
      pullWill: 'The pull reads until an empty page instead of trusting the total',
      detail: { totalBelowRows: mismatched },
    });
  }
}
