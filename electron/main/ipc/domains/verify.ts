import { mkdir, readFile, rm, writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Profile } from '../../../../shared/profiles/profile';
import { VerifyReport } from '../../../../shared/verify/report';
import type { JobManager } from '../../../services/jobs';
import { resolveOneRosterTarget } from '../../../services/container';
import { verifyConnection } from '../../../services/verify/index';
import { UserFacingError } from '../../../../shared/ipc/errors';
import type { HandlerServices } from '../services';
import type { HandlerGroup } from '../types';
import { requireProfile } from './profiles';

/** The last finished report per profile: in memory, and a JSON file so it survives a restart. */
export class LastReportStore {
  private readonly memory = new Map<string, VerifyReport>();
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'verify');
  }

  async get(profileId: string): Promise<VerifyReport | null> {
    const cached = this.memory.get(profileId);
    if (cached) return cached;
    let text: string;
    try {
      text = await readFile(this.file(profileId), 'utf8');
    } catch {
      return null;
    }
    // An unreadable or outdated file just means "no last report", never an error for the user.
    const parsed = VerifyReport.safeParse(safeJson(text));
    if (!parsed.success) return null;
    this.memory.set(profileId, parsed.data);
    return parsed.data;
  }

  async save(profileId: string, report: VerifyReport): Promise<void> {
    this.memory.set(profileId, report);
    await mkdir(this.dir, { recursive: true });
    const target = this.file(profileId);
    const temp = `${target}.tmp`;
    await writeFile(temp, JSON.stringify(report, null, 2), { mode: 0o600 });
    await rename(temp, target);
  }

  async remove(profileId: string): Promise<void> {
    this.memory.delete(profileId);
    await rm(this.file(profileId), { force: true });
  }

  private file(profileId: string): string {
    // Profile ids are app-generated, but never let one escape the folder.
    return join(this.dir, `${encodeURIComponent(profileId)}.json`);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function verifyHandlers(
  services: HandlerServices,
  jobs: JobManager,
  reports: LastReportStore,
  /** Runs before each verify, e.g. to (re)start the demo provider a demo profile points at. */
  prepare: (profile: Profile) => Promise<void> = async () => undefined,
): HandlerGroup<'verify:start' | 'verify:last' | 'jobs:cancel'> {
  return {
    'verify:start': async ({ profileId }) => {
      await prepare(await requireProfile(services, profileId));
      const profile = await requireProfile(services, profileId);
      // Checked here so a missing secret fails the call itself, before any job exists, with an app-worded hint.
      const status = await services.vault.status(profileId);
      if (!status['oneroster.clientSecret']) {
        throw new UserFacingError(
          'secret_missing',
          `No client secret is stored for "${profile.name}".`,
          'Open Districts, select this district and save its client secret.',
        );
      }
      const target = await resolveOneRosterTarget(services, profile);
      const { jobId } = jobs.start({ kind: 'verify', key: profileId }, async ({ signal, emit }) => {
        const report = await verifyConnection(
          {
            baseUrl: target.baseUrl,
            clientId: target.clientId,
            clientSecret: target.clientSecret,
            auth: target.auth,
            // Verify keeps its own short request timeout; the paging check uses the pull's page size.
            pageSize: profile.oneroster.pageSize,
          },
          { signal, onEvent: emit, concurrency: profile.oneroster.concurrency },
        );
        await reports.save(profileId, report);
        return report;
      });
      return { jobId };
    },
    'verify:last': async ({ profileId }) => reports.get(profileId),
    'jobs:cancel': async ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
  };
}
