import type { MainEvent } from '../../../shared/ipc/contract';
import { ServiceError } from '../../../shared/errors';
import { EvaluationCache } from '../../services/evaluate-cache';
import { JobManager } from '../../services/jobs';
import { appHandlers, type AppInfoOptions } from './domains/app';
import { baselineHandlers, type BaselineHandlerOptions } from './domains/baseline';
import { conversionHandlers, type ConversionHandlerOptions } from './domains/conversion';
import { ConversionCache } from './domains/conversion-cache';
import { refreshConversionFindings } from './domains/conversion-findings';
import { DemoLauncher } from './domains/demo';
import { createEvaluator } from './domains/evaluate';
import { findingHandlers } from './domains/findings';
import { mappingHandlers } from './domains/mapping';
import { profileHandlers } from './domains/profiles';
import { pullHandlers } from './domains/pull';
import { reportSyncHandlers, type ReportSyncOptions } from './domains/report-sync';
import { snapshotHandlers, type SnapshotHandlerOptions } from './domains/snapshots';
import { settingsHandlers, type SettingsHandlerOptions } from './domains/settings';
import { LastReportStore, verifyHandlers } from './domains/verify';
import type { DistrictSpec } from '../../services/demo-provider/index';
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
  ReportSyncOptions & {
    /** The demo provider's district (default: the medium preset, clean). */
    demoDistrict?: DistrictSpec;
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
  const jobs = new JobManager({
    event: (m) => emit({ type: 'job:event', ...m }),
    done: (m) => emit({ type: 'job:done', ...m }),
  });
  const reports = new LastReportStore(services.dataDir);
  const demo = new DemoLauncher(services, opts.demoDistrict);
  // The latest evaluation per district + snapshot (Findings, Mapping options, and the mapping explorer read it).
  const evaluations = new EvaluationCache();
  // The latest conversion per district (newest snapshot × newest Canvas baseline × remap decisions).
  const conversions = new ConversionCache(services);
  const evaluator = createEvaluator(services, jobs, evaluations, conversions);
  const conversionChanged = async (profileId: string) => {
    conversions.invalidate(profileId);
    await refreshConversionFindings(services, evaluations, conversions, profileId);
  };

  const reportSync = reportSyncHandlers(
    services,
    {
      jobs,
      evaluations,
      verifyReports: reports,
      conversions,
      prepareCanvas: (profile) => (profile.demo ? demo.ensureCanvasFor(profile) : Promise.resolve()),
      importModeChanged: conversionChanged,
    },
    opts,
  );

  const handlers: DisposableHandlers = {
    ...appHandlers(services, opts),
    ...profileHandlers(services, async (id) => {
      evaluations.dropProfile(id);
      conversions.invalidate(id, true);
      await reports.remove(id);
    }),
    ...demo.handlers(),
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
    ...evaluator.handlers,
    ...findingHandlers(services, evaluations),
    ...mappingHandlers(services, evaluations),
    ...settingsHandlers(services, evaluations, evaluator, opts),
    ...baselineHandlers(services, jobs, opts, {
      prepare: async (profile) => {
        if (profile.demo) await demo.ensureCanvasFor(profile);
      },
      // Findings follow in the background; a failure there is reported with the findings, never here.
      changed: (profileId) => void conversionChanged(profileId).catch(() => undefined),
    }),
    ...conversionHandlers(services, conversions, opts, conversionChanged),
    ...reportSync.handlers,
  };
  reportSync.start();
  handlers[DISPOSE] = async () => {
    await reportSync.dispose();
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
