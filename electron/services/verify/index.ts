import { COLLECTIONS } from '../../../shared/oneroster/endpoints';
import { skipEndpointsUntilAuthenticated } from './auth-diagnosis';
import { restVersionOf } from '../../../shared/snapshots/feed';
import type { VerifyReport } from '../../../shared/verify/report';
import { oneRosterError, isOneRosterError } from '../oneroster/errors';
import { connect } from './connection';
import { probeEndpoints, type ProbeResult } from './endpoints';
import { checkPaging } from './paging';
import { VerifyRun, type VerifyOptions, type VerifyTarget } from './run';
import { checkLatency, checkRate } from './throughput';

export type { VerifyOptions, VerifyTarget } from './run';

/**
 * Runs every connectivity check of docs/rules.md (CONN-*) against one OneRoster provider and returns the report.
 * Checks and findings stream to `opts.onEvent` as they arrive. Never throws for provider problems (they are
 * findings); a cancelled run returns what was found so far with `summary.cancelled = true`.
 */
export async function verifyConnection(
  target: VerifyTarget,
  opts: VerifyOptions = {},
): Promise<VerifyReport> {
  const run = new VerifyRun(target, opts);
  let probes: ProbeResult[] = [];
  try {
    throwIfAborted(run);
    const conn = await connect(run);
    if (conn) {
      run.onerosterVersion = restVersionOf(conn.baseUrl);
      probes = await probeEndpoints(run, conn);
      await checkPaging(run, conn, probes);
      checkRate(run, conn.baseUrl, probes);
      checkLatency(run, probes);
    } else {
      if (run.statusOf('auth') === 'fail') {
        skipEndpointsUntilAuthenticated(
          run,
          COLLECTIONS.map((c) => c.path),
        );
      }
      checkRate(run, target.baseUrl, probes);
    }
    run.phase('done', 'Verification finished');
    return run.report(false);
  } catch (err) {
    if (run.signal.aborted || (isOneRosterError(err) && err.code === 'aborted')) {
      run.phase('cancelled', 'Verification cancelled');
      return run.report(true);
    }
    throw err;
  } finally {
    run.dispose();
  }
}

function throwIfAborted(run: VerifyRun): void {
  if (run.signal.aborted) throw oneRosterError('aborted', 'The verification was cancelled.');
}
