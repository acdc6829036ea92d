import { ServiceError } from '../../../../shared/errors';
import type { Profile } from '../../../../shared/profiles/profile';
import type { SyncHistoryEntry } from '../../../../shared/report/model';
import { acceptedChangeSisIdRows } from '../../../services/conversion/change-sis-id';
import type { EvaluationCache } from '../../../services/evaluate-cache';
import type { JobManager } from '../../../services/jobs';
import type { PdfPrinter } from '../../../services/report';
import { SyncHistoryStore, type PollOptions } from '../../../services/sync';
import type { LastReportStore } from '../../../services/verify/last-report-store';
import type { HandlerServices } from '../services';
import type { HandlerGroup } from '../types';
import type { ConversionCache } from './conversion-cache';
import { FileAccess } from './file-access';
import { reportHandlers, type ReportConversion } from './report';
import { syncHandlers } from './sync';
import { reportEntry } from '../../../services/sync';

/** What only the desktop shell provides to the Report and Sync screens (tests pass stand-ins). */
export interface ReportSyncOptions {
  /** Prints the report to PDF: webContents.printToPDF in the app, a Playwright Chromium in tests. */
  pdfPrinter?: PdfPrinter;
  /** The native "choose folder" dialog; null when cancelled. */
  chooseFolder?: (title: string) => Promise<string | null>;
  /** Shows a file in the OS file manager. */
  revealPath?: (path: string) => Promise<void>;
  /** How often a running Canvas import is polled (default: 2 s, backing off to 30 s). */
  syncPoll?: PollOptions;
}

export interface ReportSyncDeps {
  jobs: JobManager;
  evaluations: EvaluationCache;
  verifyReports: LastReportStore;
  conversions: ConversionCache;
  prepareCanvas: (profile: Profile) => Promise<void>;
  importModeChanged: (profileId: string) => Promise<void>;
}

const noDialog = async (): Promise<never> => {
  throw new ServiceError(
    'dialog_unavailable',
    'Folders cannot be chosen here.',
    'Export from the desktop app, or with `preflight report`.',
  );
};
const noShell = async (): Promise<never> => {
  throw new ServiceError(
    'shell_unavailable',
    'The file manager cannot be opened here.',
    'Open the folder yourself.',
  );
};

type Channels =
  | 'report:preview'
  | 'report:export'
  | 'report:reveal'
  | 'dialog:chooseFolder'
  | `sync:${'preflight' | 'simulate' | 'start' | 'abort' | 'resume' | 'status' | 'history' | 'saveErrorFile'}`;

/** The Report and Sync domains, wired to the shared caches (one spread line in handlers.ts). */
export function reportSyncHandlers(
  services: HandlerServices,
  deps: ReportSyncDeps,
  options: ReportSyncOptions & { appVersion: string },
): { handlers: HandlerGroup<Channels>; start(): void; dispose(): Promise<void> } {
  const files = new FileAccess();
  const history = new SyncHistoryStore(services.dataDir);
  const chooseFolder = options.chooseFolder ?? noDialog;

  const conversion = async (profileId: string, snapshotId: string): Promise<ReportConversion | null> => {
    const entry = await deps.conversions.current(profileId);
    if (!entry || entry.snapshot.id !== snapshotId) return null;
    return {
      baseline: entry.baseline,
      summary: entry.result.summary,
      changeSisIdRows: acceptedChangeSisIdRows(entry.result),
    };
  };
  const syncHistory = async (profileId: string): Promise<SyncHistoryEntry[]> =>
    (await history.list(profileId)).map(reportEntry);

  const sync = syncHandlers(services, {
    jobs: deps.jobs,
    evaluations: deps.evaluations,
    conversions: deps.conversions,
    history,
    files,
    prepareCanvas: deps.prepareCanvas,
    importModeChanged: deps.importModeChanged,
    ...(options.syncPoll ? { poll: options.syncPoll } : {}),
  });

  return {
    handlers: {
      ...reportHandlers(
        services,
        { evaluations: deps.evaluations, verifyReports: deps.verifyReports, conversion, syncHistory },
        {
          appVersion: options.appVersion,
          ...(options.pdfPrinter ? { pdfPrinter: options.pdfPrinter } : {}),
          revealPath: options.revealPath ?? noShell,
          files,
        },
      ),
      ...sync.handlers,
      'dialog:chooseFolder': async ({ title }) => {
        const path = await chooseFolder(title);
        return { path: path === null ? null : files.pick(path) };
      },
    },
    /** Follows imports left unfinished by the previous run (after the handlers exist, in the background). */
    start: () => {
      void sync.resumeUnfinished().catch((err: unknown) =>
        services.logger.warn('Resuming unfinished syncs failed', {
          error: err instanceof Error ? err.message : String(err),
        }),
      );
    },
    dispose: async () => {
      await options.pdfPrinter?.close?.();
    },
  };
}
