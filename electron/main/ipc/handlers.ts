import type { MainEvent } from '../../../shared/ipc/contract';
import { UserFacingError } from '../../../shared/ipc/errors';
import { EvaluationCache } from '../../services/evaluate-cache';
import { JobManager } from '../../services/jobs';
import { appHandlers, type AppInfoOptions } from './domains/app';
import { DemoLauncher } from './domains/demo';
import { createEvaluator } from './domains/evaluate';
import { findingHandlers } from './domains/findings';
import { mappingHandlers } from './domains/mapping';
import { profileHandlers } from './domains/profiles';
import { pullHandlers } from './domains/pull';
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
  SettingsHandlerOptions & {
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
    throw new UserFacingError(
      'dialog_unavailable',
      'Files cannot be chosen here.',
      'Import the bundle from the desktop app, or with `preflight import-csv`.',
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
  const evaluator = createEvaluator(services, jobs, evaluations);

  const handlers: DisposableHandlers = {
    ...appHandlers(services, opts),
    ...profileHandlers(services, async (id) => {
      evaluations.dropProfile(id);
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
  };
  handlers[DISPOSE] = async () => {
    jobs.cancelAll();
    await demo.close();
  };
  return handlers;
}

/** Cancels running jobs and stops the demo provider (on app quit, or at the end of a test). */
export async function disposeHandlers(handlers: Handlers): Promise<void> {
  await (handlers as DisposableHandlers)[DISPOSE]?.();
}
