import type { MainEvent } from '../../../shared/ipc/contract';
import { ServiceError } from '../../../shared/errors';
import { ConversionSession } from '../../services/conversion/session';
import { DemoLauncher } from '../../services/demo/launcher';
import { EvaluationCache } from '../../services/evaluate-cache';
import { EvaluationSession } from '../../services/evaluate/session';
import { JobManager } from '../../services/jobs';
import { ReportSession } from '../../services/report/session';
import { SyncHistoryStore, type PollOptions } from '../../services/sync';
import { SyncSession } from '../../services/sync/session';
import { LastReportStore } from '../../services/verify/last-report-store';
import { appHandlers, type AppInfoOptions } from './domains/app';
import { baselineHandlers, type BaselineHandlerOptions } from './domains/baseline';
import { conversionHandlers, type ConversionHandlerOptions } from './domains/conversion';
import { demoHandlers } from './domains/demo';
import { evaluateHandlers } from './domains/evaluate';
import { findingHandlers } from './domains/findings';
import { jobHandlers } from './domains/jobs';
import { mappingHandlers } from './domains/mapping';
import { profileHandlers } from './domains/profiles';
import { pullHandlers } from './domains/pull';
import { reportHandlers, type ReportHandlerOptions } from './domains/report';
import { secretHandlers } from './domains/secrets';
import { snapshotHandlers, type SnapshotHandlerOptions } from './domains/snapshots';
import { settingsHandlers, type SettingsHandlerOptions } from './domains/settings';
import { syncHandlers } from './domains/sync';
import { verifyHandlers } from './domains/verify';
import { FileAccess } from './file-access';
import type { DistrictSpec } from '../../services/demo-provider/index';
import { toAppError } from './app-error';
import type { HandlerServices } from './services';
import type { Handlers } from './types';

export type { Handlers } from './types';
export type EmitMainEvent = (event: MainEvent) => void;

const DISPOSE = Symbol('dispose');
type DisposableHandlers = Handlers & { [DISPOSE]?: () => Promise<void> };

export type HandlerOptions = AppInfoOptions &
  SnapshotHandlerOptions &
  SettingsHandlerOptions &
  BaselineHandlerOptions &
  ConversionHandlerOptions &
  ReportHandlerOptions & {
    /** The demo provider's district (default: the medium preset, clean). */
    demoDistrict?: DistrictSpec;
    /** How often a running Canvas import is polled (default: 2 s, backing off to 30 s). */
    syncPoll?: PollOptions;
  };

const defaultOptions: HandlerOptions = {
  appVersion: '0.0.0',
  platform: process.platform,
  openExternal: async () => {
    throw new Error('openExternal is not available here');
  },
  openCsvBundle: async () => {
    throw new ServiceError(
      'dialog_unavailable',
      'Files cannot be chosen here.',
      'Import the bundle from the desktop app, or with `preflight import-csv`.',
    );
  },
  openBaselineZip: async () => {
    throw new ServiceError(
      'dialog_unavailable',
      'Files cannot be chosen here.',
      'Import the report from the desktop app, or with `preflight baseline import`.',
    );
  },
  saveChangeSisId: async () => {
    throw new ServiceError(
      'dialog_unavailable',
      'Files cannot be saved here.',
      'Export change_sis_id.csv from the desktop app.',
    );
  },
};

/**
 * Every contract channel → its handler, wired to the services. No electron import: the Electron shell
 * (register.ts), the e2e harness and tests all call the same object.
 */
export function createHandlers(
  services: HandlerServices,
  emit: EmitMainEvent,
  options: Partial<HandlerOptions> = {},
): Handlers {
  const opts: HandlerOptions = { ...defaultOptions, ...options };
  // Job failures reach the window like IPC failures: in the app's words (app-error.ts).
  const jobs = new JobManager(
    {
      event: (m) => emit({ type: 'job:event', ...m }),
      done: (m) => emit({ type: 'job:done', ...m }),
    },
    toAppError,
  );
  const reports = new LastReportStore(services.dataDir);
  const demo = new DemoLauncher(services, opts.demoDistrict);
  // The latest evaluation per district + snapshot (Findings, Mapping options, and the mapping explorer read it).
  const evaluations = new EvaluationCache();
  // The workflows (services): each screen's handlers are adapters over one of them.
  const conversions = new ConversionSession(services, evaluations);
  const evaluator = new EvaluationSession(services, jobs, evaluations, conversions);
  const history = new SyncHistoryStore(services.dataDir);
  // Folders the user picked and files written this run (the Report and Sync screens share them).
  const files = new FileAccess();
  const sync = new SyncSession(services, {
    jobs,
    evaluations,
    conversions,
    history,
    prepareCanvas: (profile) => (profile.demo ? demo.ensureCanvasFor(profile) : Promise.resolve()),
    ...(opts.syncPoll ? { poll: opts.syncPoll } : {}),
  });
  const report = new ReportSession(services, {
    evaluations,
    conversions,
    verifyReports: reports,
    history,
    appVersion: opts.appVersion,
  });

  const handlers: DisposableHandlers = {
    ...appHandlers(services, opts),
    ...profileHandlers(services, async (id) => {
      evaluations.dropProfile(id);
      conversions.invalidate(id, true);
      await reports.remove(id);
    }),
    ...secretHandlers(services),
    ...jobHandlers(jobs),
    ...demoHandlers(services, demo),
    // The demo provider's port changes every run: make sure it is up and the demo profile points at it.
    ...verifyHandlers(services, jobs, reports, async (profile) => {
      if (profile.demo) await demo.ensureFor(profile);
    }),
    ...pullHandlers(services, jobs, {
      prepare: async (profile) => {
        if (profile.demo) await demo.ensureFor(profile);
      },
    }),
    ...snapshotHandlers(services, jobs, opts),
    ...evaluateHandlers(services, evaluator),
    ...findingHandlers(services, evaluations),
    ...mappingHandlers(services, evaluations),
    ...settingsHandlers(services, evaluations, evaluator, opts),
    ...baselineHandlers(services, jobs, opts, {
      prepare: async (profile) => {
        if (profile.demo) await demo.ensureCanvasFor(profile);
      },
      // Findings follow in the background; a failure there is reported with the findings, never here.
      changed: (profileId) => void conversions.changed(profileId).catch(() => undefined),
    }),
    ...conversionHandlers(services, conversions, opts),
    ...reportHandlers(services, report, files, opts),
    ...syncHandlers(services, sync, files),
  };
  // Follow imports left unfinished by the previous run (after the handlers exist, in the background).
  void sync.resumeUnfinished().catch((err: unknown) =>
    services.logger.warn('Resuming unfinished syncs failed', {
      error: err instanceof Error ? err.message : String(err),
    }),
  );
  handlers[DISPOSE] = async () => {
    await opts.pdfPrinter?.close?.();
    jobs.cancelAll();
    await conversions.dispose();
    await demo.close();
  };
  return handlers;
}

/** Cancels running jobs and stops the demo provider (on app quit, or at the end of a test). */
export async function disposeHandlers(handlers: Handlers): Promise<void> {
  await (handlers as DisposableHandlers)[DISPOSE]?.();
}
