import type { BaselineMeta, BaselineProblem, BaselineType } from '../../../shared/canvas/baseline';
import type { Profile } from '../../../shared/profiles/profile';
import { CanvasClient, resolveCanvasTarget } from '../canvas-api';
import type { Services } from '../container';
import { latestOnly } from '../jobs/latest-only';
import type { BaselineFetchProgress } from './fetch-common';
import { fetchBaselineViaApi } from './fetch-api';
import { fetchBaselineViaReport } from './fetch-report';
import type { ImportProgress } from './import-zip';
import { importProvisioningZipInWorker } from './import-thread';
import type { BaselineStore } from './store';

/**
 * Taking a Canvas baseline, the one workflow behind `preflight baseline fetch|import` and the app's
 * baseline:fetch|importZip jobs: from a Canvas (read APIs or the provisioning report) or from a report file.
 */

export type BaselineVia = 'api' | 'report';

export interface BaselineOutcome {
  baseline: BaselineMeta;
  problems: BaselineProblem[];
  problemCount: number;
}

/** The Canvas to read: a client (with the profile's network) and its root account. */
export interface CanvasSource {
  client: CanvasClient;
  rootAccountId: string;
  /** The district the baseline belongs to; null for an ad-hoc Canvas. */
  profileId: string | null;
}

/** Reads what the Canvas holds today into a new baseline. */
export async function fetchFromCanvas(
  store: BaselineStore,
  source: CanvasSource,
  via: BaselineVia,
  opts: { signal?: AbortSignal; onProgress?: (p: BaselineFetchProgress) => void } = {},
): Promise<BaselineOutcome> {
  const options = {
    store,
    client: source.client,
    rootAccountId: source.rootAccountId,
    profileId: source.profileId,
    canvasUrl: source.client.baseUrl.origin,
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  };
  if (via === 'report') {
    const result = await fetchBaselineViaReport(options);
    return {
      baseline: stored(store, result.id),
      problems: result.problems,
      problemCount: result.problemCount,
    };
  }
  const meta = await fetchBaselineViaApi(options);
  return { baseline: stored(store, meta.id), problems: [], problemCount: 0 };
}

/** The baseline as stored (its final status and counts). */
function stored(store: BaselineStore, id: string): BaselineMeta {
  const meta = store.get(id);
  if (meta === null) throw new Error('baseline vanished after it was written');
  return meta;
}

/** Imports a provisioning report file Canvas produced (zip or CSV) into a new baseline of the district. */
export async function importReportFile(
  store: BaselineStore,
  file: string,
  profile: Pick<Profile, 'id' | 'canvas'> | null,
  opts: { signal?: AbortSignal; onProgress?: (p: ImportProgress) => void } = {},
): Promise<BaselineOutcome> {
  // Parsed and stored on a worker thread: a large district's report must not stall the app's main thread.
  const result = await importProvisioningZipInWorker(store, file, {
    profileId: profile?.id ?? null,
    canvasUrl: profile?.canvas?.baseUrl ?? null,
    rootAccountId: profile?.canvas?.rootAccountId ?? null,
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  return {
    baseline: stored(store, result.baselineId),
    problems: result.errors,
    problemCount: result.errorCount,
  };
}

/** What a baseline job reports while it runs: one plain line and the rows stored over every type. */
export interface BaselineProgress {
  phase: string;
  label: string;
  rows: number;
  percent: number | null;
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

/** A fetch from the district's Canvas (its token, its network), as a job body. */
export function fetchBaselineJob(
  services: Pick<Services, 'profiles' | 'vault' | 'logger'>,
  store: BaselineStore,
  profile: Profile,
  via: BaselineVia,
): BaselineRun {
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
      return await fetchFromCanvas(
        store,
        { client, rootAccountId: target.rootAccountId, profileId: profile.id },
        via,
        {
          signal,
          onProgress: forward.push,
        },
      );
    } finally {
      forward.flush();
    }
  };
}

/** An import of a report file the user chose, as a job body (progress per file read). */
export function importReportJob(store: BaselineStore, file: string, profile: Profile): BaselineRun {
  return async (signal, progress) => {
    const rowsByFile = new Map<string, number>();
    return importReportFile(store, file, profile, {
      signal,
      onProgress: (p) => {
        rowsByFile.set(p.file, p.rows);
        progress({
          phase: 'import',
          label: `Reading ${p.file}…`,
          rows: [...rowsByFile.values()].reduce((a, b) => a + b, 0),
          percent: null,
        });
      },
    });
  };
}
