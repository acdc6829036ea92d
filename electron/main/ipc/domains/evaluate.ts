import type { EvaluateJobResult } from '../../../../shared/ipc/channels/evaluate';
import type { EvaluationOutcome, EvaluationSession } from '../../../services/evaluate/session';
import type { HandlerServices } from '../services';
import type { HandlerGroup } from '../types';
import { requireProfile } from './profiles';

/** The job result the renderer receives is the session's outcome as it is. */
const _sameShape = (o: EvaluationOutcome): EvaluateJobResult => o;
void _sameShape;

/** evaluate:* — adapters over the evaluation session (services/evaluate/session.ts). */
export function evaluateHandlers(
  services: HandlerServices,
  session: EvaluationSession,
): HandlerGroup<'evaluate:start' | 'evaluate:active'> {
  return {
    'evaluate:start': async ({ profileId, snapshotId }) => {
      await requireProfile(services, profileId);
      return session.start(profileId, snapshotId);
    },
    'evaluate:active': async ({ profileId }) => ({ jobId: session.active(profileId) }),
  };
}
