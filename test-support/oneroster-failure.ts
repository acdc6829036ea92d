import {
  isOneRosterError,
  oneRosterFacts,
  type OneRosterFacts,
  type OneRosterFailure,
} from '../electron/services/oneroster/errors';

/** A OneRoster failure as tests read it: the error's own texts plus the facts from its `detail`. */
export type CaughtFailure = OneRosterFacts &
  Pick<OneRosterFailure, 'code' | 'message' | 'hint' | 'stack' | 'cause'> & { error: OneRosterFailure };

/** Awaits `p`, which must fail with a OneRoster failure (anything else is rethrown). */
export async function caughtOneRoster(p: Promise<unknown>): Promise<CaughtFailure> {
  try {
    await p;
  } catch (err) {
    if (!isOneRosterError(err)) throw err;
    const { code, message, hint, stack, cause } = err;
    return { ...oneRosterFacts(err), code, message, hint, stack, cause, error: err };
  }
  throw new Error('expected a OneRoster failure');
}
