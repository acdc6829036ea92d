import type { MainEvent } from '../../../shared/ipc/contract';
import { JobManager } from '../../services/jobs';
import { appHandlers, type AppInfoOptions } from './domains/app';
import { DemoLauncher } from './domains/demo';
import { profileHandlers } from './domains/profiles';
import { LastReportStore, verifyHandlers } from './domains/verify';
import type { HandlerServices } from './services';
import type { Handlers } from './types';

export type { Handlers } from './types';
export type EmitMainEvent = (event: MainEvent) => void;

const DISPOSE = Symbol('dispose');
type DisposableHandlers = Handlers & { [DISPOSE]?: () => Promise<void> };

const defaultOptions: AppInfoOptions = {
  appVersion: '0.0.0',
  platform: process.platform,
  openExternal: async () => {
    throw new Error('openExternal is not available here');
  },
};

/**
 * Every contract channel → its handler, wired to the services. No electron import: the Electron shell
 * (register.ts), the e2e harness and tests all call the same object.
 */
export function createHandlers(
  services: HandlerServices,
  emit: EmitMainEvent,
  options: Partial<AppInfoOptions> = {},
): Handlers {
  const jobs = new JobManager({
    event: (m) => emit({ type: 'job:event', ...m }),
    done: (m) => emit({ type: 'job:done', ...m }),
  });
  const reports = new LastReportStore(services.dataDir);
  const demo = new DemoLauncher(services);

  const handlers: DisposableHandlers = {
    ...appHandlers(services, { ...defaultOptions, ...options }),
    ...profileHandlers(services, (id) => reports.remove(id)),
    ...demo.handlers(),
    // The demo provider's port changes every run: make sure it is up and the demo profile points at it.
    ...verifyHandlers(services, jobs, reports, async (profile) => {
      if (profile.demo) await demo.ensureFor(profile);
    }),
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
