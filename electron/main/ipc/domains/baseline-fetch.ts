import type { BaselineProblem, BaselineType } from '../../../../shared/canvas/baseline';
import type { BaselineJobEvent, BaselineVia } from '../../../../shared/ipc/channels/baseline';
import type { Profile } from '../../../../shared/profiles/profile';
import { CanvasClient, resolveCanvasTarget } from '../../../services/canvas-api';
import {
  fetchBaselineViaApi,
  fetchBaselineViaReport,
  openBaselineStore,
  type BaselineFetchProgress,
} from '../../../services/canvas-baseline';
import type { HandlerServices } from '../services';
import { latestOnly } from './latest-only';

/** What a baseline job reports while it runs (the handler adds the `type`). */
export type BaselineProgress = Omit<BaselineJobEvent, 'type'>;

export interface BaselineOutcome {
  baselineId: string;
  problems: BaselineProblem[];
  problemCount: number;
}

export type BaselineRun = (
  signal: AbortSignal,
  progress: (e: BaselineProgress) => void,
) => Promise<BaselineOutcome>;

const PHASE_LABEL: Record<BaselineFetchProgress['phase'], string> = {
  accounts: 'Reading sub-accounts from Canvas…',
  terms: 'Reading terms from Canvas…',
  courses: 'Reading courses from Canvas…',
  sections: 'Reading sections, course by course…',
  users: 'Reading users from Canvas…',
  logins: 'Reading logins…',
  enrollments: 'Reading enrollments, course by course…',
  report: 'Canvas is building the provisioning report…',
  download: 'Downloading the report…',
  import: 'Storing the report…',
};

/** Turns the fetcher's per-type progress into the job's event (rows over all types, one plain line). */
export function progressAdapter(send: (e: BaselineProgress) => void) {
  const rowsByType = new Map<BaselineType, number>();
  const forward = latestOnly(send);
  const push = (p: BaselineFetchProgress): void => {
    if (p.type) rowsByType.set(p.type, p.rows);
    const of = p.done !== undefined && p.total ? ` (${p.done} of ${p.total})` : '';
    const percent =
      p.percent ?? (p.done !== undefined && p.total ? Math.min(100, (100 * p.done) / p.total) : null);
    forward.push({
      phase: p.phase,
      label: PHASE_LABEL[p.phase].replace(/…$/, `${of}…`),
      rows: [...rowsByType.values()].reduce((a, b) => a + b, 0),
      percent,
    });
  };
  return { push, flush: forward.flush };
}

/** A fetch from the district's Canvas (read APIs or the provisioning report), as a job body. */
export function fetchBaseline(services: HandlerServices, profile: Profile, via: BaselineVia): BaselineRun {
  return async (signal, progress) => {
    const target = await resolveCanvasTarget(services, profile);
    const client = new CanvasClient({
      baseUrl: target.baseUrl,
      token: target.token,
      logger: services.logger.child('canvas'),
      http: target.http,
    });
    const forward = progressAdapter(progress);
    try {
      const options = {
        store: openBaselineStore(services.snapshots),
        client,
        rootAccountId: target.rootAccountId,
        profileId: profile.id,
        canvasUrl: target.baseUrl,
        signal,
        onProgress: forward.push,
      };
      if (via === 'report') {
        const result = await fetchBaselineViaReport(options);
        return { baselineId: result.id, problems: result.problems, problemCount: result.problemCount };
      }
      const meta = await fetchBaselineViaApi(options);
      return { baselineId: meta.id, problems: [], problemCount: 0 };
    } finally {
      forward.flush();
    }
  };
}
