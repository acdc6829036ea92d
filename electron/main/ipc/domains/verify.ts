import type { Profile } from '../../../../shared/profiles/profile';
import type { JobManager } from '../../../services/jobs';
import { resolveOneRosterTarget } from '../../../services/container';
import { verifyConnection } from '../../../services/verify/index';
import type { LastReportStore } from '../../../services/verify/last-report-store';
import { ServiceError } from '../../../../shared/errors';
import type { HandlerServices } from '../services';
import type { HandlerGroup } from '../types';
import { requireProfile } from './profiles';

export function verifyHandlers(
  services: HandlerServices,
  jobs: JobManager,
  reports: LastReportStore,
  /** Runs before each verify, e.g. to (re)start the demo provider a demo profile points at. */
  prepare: (profile: Profile) => Promise<void> = async () => undefined,
): HandlerGroup<'verify:start' | 'verify:last'> {
  return {
    'verify:start': async ({ profileId }) => {
      await prepare(await requireProfile(services, profileId));
      const profile = await requireProfile(services, profileId);
      // Checked here so a missing secret fails the call itself, before any job exists, with an app-worded hint.
      const status = await services.vault.status(profileId);
      if (!status['oneroster.clientSecret']) {
        throw new ServiceError(
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
            http: target.http,
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
  };
}
