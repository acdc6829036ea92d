import type { ProbeResult } from './endpoints';
import { connFinding } from './findings';
import type { VerifyRun } from './run';
import { forecastPull } from './pull-forecast';
import { formatDuration, percentile } from './stats';

/** docs/rules.md CONN-SLOW: p95 page latency above this is worth knowing before a pull. */
export const SLOW_P95_MS = 2000;

/** The path below the base URL of a request URL (the token endpoint keeps its own path). */
function endpointOf(url: string, baseUrl: string): string {
  try {
    const path = new URL(url).pathname;
    const base = new URL(baseUrl).pathname.replace(/\/+$/, '');
    return base && path.startsWith(`${base}/`) ? path.slice(base.length) : path;
  } catch {
    return url;
  }
}

/**
 * CONN-RATE: any 429 seen during the run (retried by the client, so the run still completes). Shows the rate
 * that got through and a lower concurrency to configure.
 */
export function checkRate(run: VerifyRun, baseUrl: string, probes: ProbeResult[]): void {
  const byEndpoint: Record<string, number> = {};
  let count = 0;
  for (const r of run.retries) {
    if (r.status !== 429) continue;
    count++;
    const path = endpointOf(r.url, baseUrl);
    byEndpoint[path] = (byEndpoint[path] ?? 0) + 1;
  }
  const exhausted = probes.filter((p) => p.error?.code === 'rate_limited').map((p) => p.def.path);
  for (const path of exhausted) byEndpoint[path] = (byEndpoint[path] ?? 0) + 1;
  count += exhausted.length;
  if (count === 0) {
    run.check({ id: 'rate', label: 'Rate limits', status: 'pass', detail: 'no 429 responses', ruleIds: [] });
    return;
  }
  const elapsedSec = Math.max(0.001, (run.now() - run.startedAt) / 1000);
  const okRequests = run.timings.length;
  const perSecond = Math.round((okRequests / elapsedSec) * 10) / 10;
  const suggested = Math.max(1, Math.floor(run.concurrency / 2));
  // The endpoint that hit the limit most (ties: first in path order) names the finding.
  const [worst] = Object.entries(byEndpoint).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
  const paths = Object.keys(byEndpoint).sort();
  const outcome =
    exhausted.length > 0
      ? `${exhausted.join(', ')} still failed after the retries`
      : 'every request went through after backing off';
  const worked = `${run.concurrency} parallel requests, about ${perSecond} successful requests per second`;
  run.check({
    id: 'rate',
    label: 'Rate limits',
    status: 'warn',
    detail: `${count} × 429 (${worked})`,
    ruleIds: ['CONN-RATE'],
  });
  run.finding(
    connFinding('CONN-RATE', {
      entityType: 'endpoint',
      sourcedId: worst?.[0] ?? '/orgs',
      message: `The server answered 429 Too Many Requests ${count} time${count === 1 ? '' : 's'} (on ${paths.join(', ')}); ${outcome}.`,
      remedy: `Lower the concurrency for this district to ${suggested} (verify used ${worked} with retries); schedule pulls off-peak`,
      detail: {
        count429: count,
        byEndpoint,
        concurrency: run.concurrency,
        requestsPerSecond: perSecond,
        suggestedConcurrency: suggested,
      },
    }),
  );
}

/** CONN-SLOW (info): p95 of successful page requests over 2 s, with an estimated full-pull time. */
export function checkLatency(run: VerifyRun, probes: ProbeResult[]): void {
  const latencies = run.timings.map((t) => t.latencyMs);
  if (latencies.length === 0) {
    run.check({
      id: 'latency',
      label: 'Response time',
      status: 'skip',
      detail: 'no successful requests',
      ruleIds: [],
    });
    return;
  }
  const p95 = percentile(latencies, 95);
  const p50 = percentile(latencies, 50);
  const estimate = forecastPull(run, probes);
  if (estimate) {
    const { ms, records, pages, pageSize, concurrency, networkMs, cpuMs } = estimate;
    run.pullForecast = { ms, records, pages, pageSize, concurrency, networkMs, cpuMs };
  }
  const estimateText =
    estimate === null
      ? ''
      : `; a full pull takes about ${formatDuration(estimate.ms)} (${estimate.records.toLocaleString('en-US')} records in ${estimate.pages.toLocaleString('en-US')} pages, ${estimate.concurrency} in parallel)`;
  const detail = `p95 ${formatDuration(p95)}, median ${formatDuration(p50)}${estimateText}`;
  if (p95 <= SLOW_P95_MS) {
    run.check({ id: 'latency', label: 'Response time', status: 'pass', detail, ruleIds: [] });
    return;
  }
  const slowest = slowestEndpoint(run);
  run.check({ id: 'latency', label: 'Response time', status: 'warn', detail, ruleIds: ['CONN-SLOW'] });
  run.finding(
    connFinding('CONN-SLOW', {
      entityType: 'endpoint',
      sourcedId: slowest,
      message: `Pages are slow: 95% of requests took up to ${formatDuration(p95)} (median ${formatDuration(p50)}; slowest endpoint ${slowest}).`,
      remedy:
        estimate === null
          ? 'Expect a long pull; schedule it off-peak or raise the page size'
          : `Expect a full pull of about ${formatDuration(estimate.ms)} (${estimate.pages} pages of ${run.pageSize}, ${run.concurrency} in parallel); schedule it off-peak or raise the page size`,
      detail: {
        p95Ms: p95,
        medianMs: p50,
        ...(estimate ? { estimatedPullMs: estimate.ms, estimatedPages: estimate.pages } : {}),
      },
    }),
  );
}

function slowestEndpoint(run: VerifyRun): string {
  const byPath = new Map<string, number[]>();
  for (const t of run.timings) byPath.set(t.path, [...(byPath.get(t.path) ?? []), t.latencyMs]);
  let worst = '/orgs';
  let worstMs = -1;
  for (const [path, values] of [...byPath.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const m = percentile(values, 50);
    if (m > worstMs) {
      worst = path;
      worstMs = m;
    }
  }
  return worst;
}
